// Engine::IngestFiles: externally built SSTables become visible atomically
// at one new sequence number, newer than everything (memtable data
// included), invisible to older snapshots, placed as deep as they fit, and
// durable; invalid inputs are refused. Engine::IngestSortedRows: the same
// for rows given in memory.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "storage/sstable/table_file_writer.h"
#include "tests/storage/engine_functional_test_util.h"

namespace strata::storage {
namespace {

using testing::GetString;
using testing::Key;
using testing::LevelFiles;
using testing::OpenOrDie;
using testing::ScanAll;
using testing::SmallOptions;

constexpr char kDir[] = "/db";

struct Entry {
  std::string key;
  std::string value;
  ValueType type = ValueType::kValue;
  SequenceNumber seq = 0;
};

// Writes an SSTable the way a bulk loader would (TableBuilder, sequence 0).
void WriteExternal(FileSystem* fs, const std::string& path, const std::vector<Entry>& entries,
                   const std::vector<std::pair<std::string, std::string>>& range_deletions = {}) {
  TableOptions options;
  options.block_size = 512;
  auto writer = TableFileWriter::Create(fs, path, options);
  REQUIRE(writer.ok());
  for (const Entry& e : entries) {
    REQUIRE((*writer)->builder()->Add(MakeInternalKey(e.key, e.seq, e.type), e.value).ok());
  }
  for (const auto& [b, en] : range_deletions)
    REQUIRE((*writer)->builder()->AddRangeDeletion(b, en, 0).ok());
  REQUIRE((*writer)->Commit().ok());
}

std::vector<Entry> Range(int from, int to, const std::string& tag) {
  std::vector<Entry> out;
  for (int i = from; i < to; ++i) out.push_back(Entry{Key(i), tag + std::to_string(i)});
  return out;
}

TEST_CASE("Engine ingest: files become visible at one new sequence number", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  REQUIRE(e->Put(WriteOptions(), *t, Key(5), "old").ok());       // in the memtable, overlapping
  REQUIRE(e->Put(WriteOptions(), *t, Key(5000), "other").ok());  // outside the files
  const Snapshot* before = e->GetSnapshot();
  const SequenceNumber seq_before = e->LatestSequence();

  WriteExternal(&fs, "/ext/a.sst", Range(0, 100, "a"));
  WriteExternal(&fs, "/ext/b.sst", Range(100, 200, "b"));
  REQUIRE(e->IngestFiles(*t, {"/ext/b.sst", "/ext/a.sst"}).ok());

  CHECK(e->LatestSequence() == seq_before + 1);
  CHECK(GetString(e.get(), *t, Key(5)) == "a5");  // newer than the memtable's version
  CHECK(GetString(e.get(), *t, Key(150)) == "b150");
  CHECK(GetString(e.get(), *t, Key(5000)) == "other");
  CHECK(ScanAll(e.get(), *t).size() == 201);
  // The older snapshot sees none of it.
  CHECK(GetString(e.get(), *t, Key(5), before) == "old");
  CHECK(ScanAll(e.get(), *t, before).size() == 2);
  e->ReleaseSnapshot(before);
  // The inputs are untouched; later writes win over ingested data.
  CHECK(fs.FileExists("/ext/a.sst"));
  REQUIRE(e->Put(WriteOptions(), *t, Key(7), "newer").ok());
  CHECK(GetString(e.get(), *t, Key(7)) == "newer");

  // Durable: after a reopen everything is still there.
  const SequenceNumber last = e->LatestSequence();
  REQUIRE(e->Close().ok());
  e = OpenOrDie(kDir, SmallOptions(&fs));
  CHECK(e->LatestSequence() == last);
  CHECK(GetString(e.get(), *t, Key(7)) == "newer");
  CHECK(GetString(e.get(), *t, Key(8)) == "a8");
  CHECK(ScanAll(e.get(), *t).size() == 201);
}

TEST_CASE("Engine ingest: placement, deletions and range deletions", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  // Into an empty tree: straight to the last level.
  WriteExternal(&fs, "/ext/1.sst", Range(0, 300, "one"));
  REQUIRE(e->IngestFiles(kDefaultTree, {"/ext/1.sst"}).ok());
  CHECK(LevelFiles(e->GetStats(), kDefaultTree, 6) == 1);
  // Overlapping the last level: above it.
  std::vector<Entry> second = Range(100, 110, "two");
  second.push_back(Entry{Key(200), "", ValueType::kDeletion});
  WriteExternal(&fs, "/ext/2.sst", second, {{Key(250), Key(260)}});
  REQUIRE(e->IngestFiles(kDefaultTree, {"/ext/2.sst"}).ok());
  const EngineStats s = e->GetStats();
  CHECK(LevelFiles(s, kDefaultTree, 6) == 1);
  CHECK(testing::TotalFiles(s, kDefaultTree) == 2);
  CHECK(GetString(e.get(), kDefaultTree, Key(105)) == "two105");
  CHECK(GetString(e.get(), kDefaultTree, Key(99)) == "one99");
  CHECK(GetString(e.get(), kDefaultTree, Key(200)) == "<notfound>");
  CHECK(GetString(e.get(), kDefaultTree, Key(255)) == "<notfound>");
  CHECK(GetString(e.get(), kDefaultTree, Key(260)) == "one260");
  CHECK(ScanAll(e.get(), kDefaultTree).size() == 300 - 1 - 10);
  REQUIRE(e->CompactRange(kDefaultTree).ok());
  CHECK(ScanAll(e.get(), kDefaultTree).size() == 300 - 1 - 10);
  CHECK(GetString(e.get(), kDefaultTree, Key(105)) == "two105");
}

TEST_CASE("Engine ingest: invalid files are refused and change nothing", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  const SequenceNumber seq = e->LatestSequence();

  // Two versions of one key.
  WriteExternal(&fs, "/ext/dup.sst",
                {Entry{"k", "2", ValueType::kValue, 2}, Entry{"k", "1", ValueType::kValue, 1}});
  CHECK(e->IngestFiles(kDefaultTree, {"/ext/dup.sst"}).IsInvalidArgument());
  // Files overlapping each other.
  WriteExternal(&fs, "/ext/x.sst", Range(0, 50, "x"));
  WriteExternal(&fs, "/ext/y.sst", Range(49, 60, "y"));
  CHECK(e->IngestFiles(kDefaultTree, {"/ext/x.sst", "/ext/y.sst"}).IsInvalidArgument());
  // A damaged file.
  auto contents = ReadFileToString(&fs, "/ext/x.sst");
  REQUIRE(contents.ok());
  std::string damaged = *contents;
  damaged[100] = static_cast<char>(damaged[100] ^ 0x10);
  fs.SetFileContents("/ext/bad.sst", damaged);
  CHECK(e->IngestFiles(kDefaultTree, {"/ext/bad.sst"}).IsCorruption());
  // A missing one, and an unknown tree.
  CHECK_FALSE(e->IngestFiles(kDefaultTree, {"/ext/nope.sst"}).ok());
  CHECK(e->IngestFiles(4242, {"/ext/x.sst"}).IsInvalidArgument());

  CHECK(e->LatestSequence() == seq);
  CHECK(ScanAll(e.get(), kDefaultTree).empty());
  CHECK(testing::FilesWithSuffix(&fs, kDir, ".sst").empty());
}

std::vector<std::pair<std::string, std::string>> Rows(int from, int to, const std::string& tag) {
  std::vector<std::pair<std::string, std::string>> out;
  for (int i = from; i < to; ++i) out.emplace_back(Key(i), tag + std::to_string(i));
  return out;
}

TEST_CASE("Engine ingest: sorted rows become visible at one new sequence number", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  REQUIRE(e->Put(WriteOptions(), *t, Key(5), "old").ok());       // in the memtable, overlapping
  REQUIRE(e->Put(WriteOptions(), *t, Key(5000), "other").ok());  // outside the rows
  const Snapshot* before = e->GetSnapshot();
  const SequenceNumber seq_before = e->LatestSequence();

  REQUIRE(e->IngestSortedRows(*t, Rows(0, 300, "r")).ok());

  CHECK(e->LatestSequence() == seq_before + 1);
  CHECK(GetString(e.get(), *t, Key(5)) == "r5");  // newer than the memtable's version
  CHECK(GetString(e.get(), *t, Key(299)) == "r299");
  CHECK(ScanAll(e.get(), *t).size() == 301);
  CHECK(GetString(e.get(), *t, Key(5), before) == "old");
  CHECK(ScanAll(e.get(), *t, before).size() == 2);
  e->ReleaseSnapshot(before);

  // Durable: after a reopen everything is still there.
  const SequenceNumber last = e->LatestSequence();
  REQUIRE(e->Close().ok());
  e = OpenOrDie(kDir, SmallOptions(&fs));
  CHECK(e->LatestSequence() == last);
  CHECK(GetString(e.get(), *t, Key(8)) == "r8");
  CHECK(ScanAll(e.get(), *t).size() == 301);
}

TEST_CASE("Engine ingest: a large ingestion is written as two tables, all at one sequence",
          "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  const SequenceNumber seq_before = e->LatestSequence();
  const size_t ssts_before = testing::FilesWithSuffix(&fs, kDir, ".sst").size();
  const int n = 210'000;  // above the two-table threshold
  REQUIRE(e->IngestSortedRows(*t, Rows(0, n, "b")).ok());
  CHECK(e->LatestSequence() == seq_before + 1);
  CHECK(testing::FilesWithSuffix(&fs, kDir, ".sst").size() == ssts_before + 2);
  for (int i : {0, 1, n / 2 - 1, n / 2, n / 2 + 1, n - 1}) {
    CHECK(GetString(e.get(), *t, Key(i)) == "b" + std::to_string(i));
  }
  CHECK(ScanAll(e.get(), *t).size() == static_cast<size_t>(n));
  REQUIRE(e->Close().ok());
  e = OpenOrDie(kDir, SmallOptions(&fs));
  CHECK(ScanAll(e.get(), *t).size() == static_cast<size_t>(n));
  CHECK(GetString(e.get(), *t, Key(n - 1)) == "b" + std::to_string(n - 1));
}

TEST_CASE("Engine ingest: unsorted or duplicate rows are refused and change nothing",
          "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  const SequenceNumber seq = e->LatestSequence();
  auto dup = Rows(0, 10, "d");
  dup.push_back(dup.back());
  CHECK(e->IngestSortedRows(kDefaultTree, dup).IsInvalidArgument());
  auto unsorted = Rows(0, 10, "u");
  std::swap(unsorted[3], unsorted[4]);
  CHECK(e->IngestSortedRows(kDefaultTree, unsorted).IsInvalidArgument());
  CHECK(e->IngestSortedRows(4242, Rows(0, 1, "x")).IsInvalidArgument());
  CHECK(e->IngestSortedRows(kDefaultTree, {}).ok());
  CHECK(e->LatestSequence() == seq);
  CHECK(ScanAll(e.get(), kDefaultTree).empty());
  CHECK(testing::FilesWithSuffix(&fs, kDir, ".sst").empty());
}

}  // namespace
}  // namespace strata::storage
