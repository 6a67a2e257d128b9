// Engine::IngestRowStream: puts and deletions of several trees become visible
// together at one new sequence number with one manifest edit, shadow older
// versions (memtable and tables), stay invisible to older snapshots, survive
// a reopen, are refused whole when out of order, and are all-or-nothing when
// a sync fails at any point followed by a power loss.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/fault_injection_file_system.h"
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

// Tree a: keys 0..99 rewritten ("n"), keys 100..149 deleted; tree b: new
// keys 0..49. Base state before: a has 0..149 ("o"), b is empty.
Status IngestChanges(Engine* e, TreeId a, TreeId b) {
  std::vector<IngestTreeRange> trees{{a, Key(0), Key(149)}, {b, Key(0), Key(49)}};
  return e->IngestRowStream(trees, [&](const IngestEmit& emit) -> Status {
    for (int i = 0; i < 150; ++i) {
      const std::string v = "n" + std::to_string(i);
      const Slice value(v);
      STRATA_RETURN_IF_ERROR(emit(a, Key(i), i < 100 ? &value : nullptr));
    }
    for (int i = 0; i < 50; ++i) {
      const Slice value("b");
      STRATA_RETURN_IF_ERROR(emit(b, Key(i), &value));
    }
    return Status::OK();
  });
}

void WriteBase(Engine* e, TreeId a, bool flush_half) {
  WriteOptions sync;
  sync.sync = true;
  for (int i = 0; i < 150; ++i) {
    REQUIRE(e->Put(sync, a, Key(i), "o" + std::to_string(i)).ok());
    if (flush_half && i == 75) REQUIRE(e->Flush(a).ok());
  }
}

TEST_CASE("Engine ingest stream: several trees, puts and deletes, one sequence number",
          "[engine][ingest]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto a = e->CreateTree("a");
  auto b = e->CreateTree("b");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  WriteBase(e.get(), *a, /*flush_half=*/true);
  const Snapshot* before = e->GetSnapshot();
  const SequenceNumber seq = e->LatestSequence();

  REQUIRE(IngestChanges(e.get(), *a, *b).ok());
  CHECK(e->LatestSequence() == seq + 1);
  CHECK(GetString(e.get(), *a, Key(5)) == "n5");
  CHECK(GetString(e.get(), *a, Key(120)) == "<notfound>");
  CHECK(ScanAll(e.get(), *a).size() == 100);
  CHECK(ScanAll(e.get(), *b).size() == 50);
  CHECK(ScanAll(e.get(), *a, before).size() == 150);
  CHECK(ScanAll(e.get(), *b, before).empty());
  e->ReleaseSnapshot(before);

  REQUIRE(e->Close().ok());
  e = OpenOrDie(kDir, SmallOptions(&fs));
  CHECK(GetString(e.get(), *a, Key(99)) == "n99");
  CHECK(ScanAll(e.get(), *a).size() == 100);
  CHECK(ScanAll(e.get(), *b).size() == 50);
  // The tombstones still hide the old rows after a full compaction.
  REQUIRE(e->CompactRange(*a).ok());
  CHECK(ScanAll(e.get(), *a).size() == 100);
}

TEST_CASE("Engine ingest stream: out-of-order rows are refused and change nothing",
          "[engine][ingest]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto a = e->CreateTree("a");
  auto b = e->CreateTree("b");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  const SequenceNumber seq = e->LatestSequence();
  const Slice v("x");
  std::vector<IngestTreeRange> trees{{*a, Key(0), Key(9)}, {*b, Key(0), Key(9)}};
  // A key twice.
  CHECK(e->IngestRowStream(trees, [&](const IngestEmit& emit) -> Status {
           STRATA_RETURN_IF_ERROR(emit(*a, Key(1), &v));
           return emit(*a, Key(1), &v);
         }).IsInvalidArgument());
  // Outside the declared range.
  CHECK(e->IngestRowStream(trees, [&](const IngestEmit& emit) -> Status {
           return emit(*a, Key(10), &v);
         }).IsInvalidArgument());
  // Back to an earlier tree.
  CHECK(e->IngestRowStream(trees, [&](const IngestEmit& emit) -> Status {
           STRATA_RETURN_IF_ERROR(emit(*b, Key(1), &v));
           return emit(*a, Key(2), &v);
         }).IsInvalidArgument());
  CHECK(e->LatestSequence() == seq);
  CHECK(ScanAll(e.get(), *a).empty());
  CHECK(ScanAll(e.get(), *b).empty());
  CHECK(testing::FilesWithSuffix(&fs, kDir, ".sst").empty());
}

TEST_CASE("Engine ingest stream: a power loss at any sync leaves all or nothing",
          "[engine][ingest]") {
  bool completed = false;
  for (uint64_t n = 1; !completed && n < 40; ++n) {
    INFO("failing sync " << n);
    MemFileSystem base;
    FaultInjectionFileSystem fs(&base);
    TreeId a = 0, b = 0;
    {
      auto e = OpenOrDie(kDir, SmallOptions(&fs));
      a = e->CreateTree("a").value();
      b = e->CreateTree("b").value();
      WriteBase(e.get(), a, /*flush_half=*/n % 2 == 0);
      const uint64_t syncs = fs.sync_count();
      fs.FailNthSync(n);
      const Status s = IngestChanges(e.get(), a, b);
      completed = s.ok() && fs.sync_count() < syncs + n;
      // Power loss right after the failure (or the success).
      fs.SetSpaceLimit(0);
      REQUIRE(fs.DropUnsyncedData().ok());
      (void)e->Close();
      e.reset();
      REQUIRE(fs.DropUnsyncedData().ok());
      fs.SetSpaceLimit(std::nullopt);
      fs.FailNthSync(0);
    }
    auto e = OpenOrDie(kDir, SmallOptions(&fs));
    const auto rows_a = ScanAll(e.get(), a);
    const auto rows_b = ScanAll(e.get(), b);
    const bool all = rows_a.size() == 100 && rows_b.size() == 50 && rows_a.at(Key(7)) == "n7";
    const bool none = rows_a.size() == 150 && rows_b.empty() && rows_a.at(Key(7)) == "o7";
    CHECK((all || none));
    if (completed) CHECK(all);
  }
  CHECK(completed);
}

}  // namespace
}  // namespace strata::storage
