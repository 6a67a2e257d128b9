// Engine::IngestSortedParts: one tree's rows given as disjoint key ranges,
// each written as its own table on its own thread, become visible together
// at one new sequence number (shadowing older versions, invisible to older
// snapshots, kept across a reopen); an empty part writes no table; keys out
// of order, outside their part's range (an excluded largest included) or
// overlapping part ranges are refused and change nothing; a part's own
// error comes back and nothing is added.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "tests/storage/engine_functional_test_util.h"

namespace strata::storage {
namespace {

using testing::GetString;
using testing::Key;
using testing::OpenOrDie;
using testing::ScanAll;
using testing::SmallOptions;

constexpr char kDir[] = "/db";

// Emits keys [from, to) with value `v` + index.
IngestPart Part(TreeId tree, int from, int to, int declared_from, int declared_to,
                bool exclusive, const std::string& v) {
  IngestPart p;
  p.smallest = Key(declared_from);
  p.largest = Key(declared_to);
  p.largest_exclusive = exclusive;
  p.produce = [tree, from, to, v](const IngestEmit& emit) -> Status {
    for (int i = from; i < to; ++i) {
      const std::string value = v + std::to_string(i);
      const Slice s(value);
      STRATA_RETURN_IF_ERROR(emit(tree, Key(i), &s));
    }
    return Status::OK();
  };
  return p;
}

TEST_CASE("Engine ingest parts: disjoint ranges written at once, one sequence number",
          "[engine][ingest]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  for (int i = 0; i < 300; i += 2) REQUIRE(e->Put({}, *t, Key(i), "old").ok());
  const Snapshot* before = e->GetSnapshot();
  const SequenceNumber seq = e->LatestSequence();
  const size_t tables_before = testing::FilesWithSuffix(&fs, kDir, ".sst").size();

  // Three parts: [0, 100) cut at an excluded 100, [100, 150] with nothing
  // in it, [200, 299].
  std::vector<IngestPart> parts{Part(*t, 0, 100, 0, 100, true, "a"),
                                Part(*t, 0, 0, 100, 150, false, "b"),
                                Part(*t, 200, 300, 200, 299, false, "c")};
  REQUIRE(e->IngestSortedParts(*t, parts).ok());
  CHECK(e->LatestSequence() == seq + 1);
  CHECK(testing::FilesWithSuffix(&fs, kDir, ".sst").size() >= tables_before + 2);
  CHECK(GetString(e.get(), *t, Key(0)) == "a0");
  CHECK(GetString(e.get(), *t, Key(99)) == "a99");
  CHECK(GetString(e.get(), *t, Key(100)) == "old");
  CHECK(GetString(e.get(), *t, Key(250)) == "c250");
  CHECK(ScanAll(e.get(), *t).size() == 100 + 50 + 100);
  CHECK(ScanAll(e.get(), *t, before).size() == 150);
  e->ReleaseSnapshot(before);

  REQUIRE(e->Close().ok());
  e = OpenOrDie(kDir, SmallOptions(&fs));
  CHECK(GetString(e.get(), *t, Key(201)) == "c201");
  CHECK(ScanAll(e.get(), *t).size() == 250);
}

TEST_CASE("Engine ingest parts: bad ranges, keys and part errors change nothing",
          "[engine][ingest]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  const SequenceNumber seq = e->LatestSequence();
  // Overlapping declared ranges (an inclusive largest equal to the next
  // part's smallest).
  CHECK(e->IngestSortedParts(*t, {Part(*t, 0, 10, 0, 10, false, "x"),
                                  Part(*t, 10, 20, 10, 20, false, "x")})
            .IsInvalidArgument());
  // A key at a part's excluded largest.
  CHECK(e->IngestSortedParts(*t, {Part(*t, 0, 11, 0, 10, true, "x"),
                                  Part(*t, 10, 20, 10, 20, false, "x")})
            .IsInvalidArgument());
  // A key before the part's smallest, in the second part (another thread).
  CHECK(e->IngestSortedParts(*t, {Part(*t, 0, 10, 0, 10, true, "x"),
                                  Part(*t, 5, 20, 10, 20, false, "x")})
            .IsInvalidArgument());
  // Keys not increasing.
  IngestPart twice = Part(*t, 0, 0, 0, 10, false, "x");
  twice.produce = [&](const IngestEmit& emit) -> Status {
    const Slice v("x");
    STRATA_RETURN_IF_ERROR(emit(*t, Key(3), &v));
    return emit(*t, Key(3), &v);
  };
  CHECK(e->IngestSortedParts(*t, {twice}).IsInvalidArgument());
  // A part's own error, after the other part wrote its table.
  IngestPart failing = Part(*t, 10, 15, 10, 20, false, "x");
  failing.produce = [&](const IngestEmit& emit) -> Status {
    const Slice v("x");
    STRATA_RETURN_IF_ERROR(emit(*t, Key(12), &v));
    return Status::Aborted("the producer gave up");
  };
  const Status s = e->IngestSortedParts(*t, {Part(*t, 0, 10, 0, 10, true, "x"), failing});
  CHECK(s.IsAborted());
  CHECK(s.message() == "the producer gave up");
  CHECK(e->LatestSequence() == seq);
  CHECK(ScanAll(e.get(), *t).empty());
  CHECK(testing::FilesWithSuffix(&fs, kDir, ".sst").empty());
}

}  // namespace
}  // namespace strata::storage
