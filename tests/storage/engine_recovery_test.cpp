// Engine open and recovery: WAL replay (synced and unsynced writes, several
// trees, mixed with SSTables), the last sequence across restarts, torn WAL
// tails, mid-log corruption, orphan files, the LOCK file, and a full cycle on
// the posix file system.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "storage/io/posix_file_system.h"
#include "tests/storage/engine_functional_test_util.h"

namespace strata::storage {
namespace {

using testing::FilesWithSuffix;
using testing::GetString;
using testing::Key;
using testing::OpenOrDie;
using testing::ScanAll;
using testing::SmallOptions;
using testing::Value;

constexpr char kDir[] = "/db";

std::string WalPath(MemFileSystem* fs) {
  auto wals = FilesWithSuffix(fs, kDir, ".wal");
  REQUIRE(wals.size() == 1);
  return std::string(kDir) + "/" + wals[0];
}

TEST_CASE("Engine recovery: synced and unsynced writes of several trees survive reopen",
          "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.write_buffer_size = 1 << 20;  // everything stays in the WAL
  TreeId t1 = 0;
  SequenceNumber last = 0;
  {
    auto e = OpenOrDie(kDir, o);
    t1 = e->CreateTree("t1").value();
    for (int i = 0; i < 200; ++i) {
      WriteBatch b;
      b.Put(kDefaultTree, Key(i), Value(i));
      b.Put(t1, Key(i), Value(i, 1));
      if (i % 10 == 0) b.Delete(t1, Key(i));
      REQUIRE(e->Write(WriteOptions{i % 3 == 0}, &b).ok());
    }
    REQUIRE(e->DeleteRange(WriteOptions{false}, kDefaultTree, Key(50), Key(60)).ok());
    last = e->LatestSequence();
    CHECK(e->GetStats().flushes == 0);
    REQUIRE(e->Close().ok());
  }
  auto e = OpenOrDie(kDir, o);
  CHECK(e->LatestSequence() == last);
  CHECK(e->FindTree("t1").value() == t1);
  for (int i = 0; i < 200; ++i) {
    INFO(i);
    CHECK(GetString(e.get(), kDefaultTree, Key(i)) ==
          (i >= 50 && i < 60 ? "<notfound>" : Value(i)));
    CHECK(GetString(e.get(), t1, Key(i)) == (i % 10 == 0 ? "<notfound>" : Value(i, 1)));
  }
  // New writes continue the sequence.
  REQUIRE(e->Put(WriteOptions(), kDefaultTree, "new", "x").ok());
  CHECK(e->LatestSequence() == last + 1);
}

TEST_CASE("Engine recovery: SSTables plus WAL, and the last sequence once the WAL is gone",
          "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  SequenceNumber last = 0;
  {
    auto e = OpenOrDie(kDir, o);
    for (int i = 0; i < 3000; ++i)
      REQUIRE(e->Put(WriteOptions{false}, kDefaultTree, Key(i), Value(i, 0, 60)).ok());
    REQUIRE(e->Flush().ok());
    for (int i = 0; i < 3000; i += 3)
      REQUIRE(e->Put(WriteOptions{false}, kDefaultTree, Key(i), "wal").ok());
    last = e->LatestSequence();
    CHECK(e->GetStats().flushes > 0);
  }  // the destructor closes
  {
    auto e = OpenOrDie(kDir, o);
    CHECK(e->LatestSequence() == last);
    auto all = ScanAll(e.get(), kDefaultTree);
    REQUIRE(all.size() == 3000);
    for (int i = 0; i < 3000; i += 97) CHECK(all[Key(i)] == (i % 3 == 0 ? "wal" : Value(i, 0, 60)));
    // Everything is in SSTables now; only the fresh (empty) segment is left.
    REQUIRE(e->Flush().ok());
    CHECK(FilesWithSuffix(&fs, kDir, ".wal").size() == 1);
  }
  auto e = OpenOrDie(kDir, o);
  CHECK(e->LatestSequence() == last);
}

TEST_CASE("Engine recovery: a torn WAL tail is dropped silently", "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.write_buffer_size = 1 << 20;
  {
    auto e = OpenOrDie(kDir, o);
    for (int i = 0; i < 100; ++i)
      REQUIRE(e->Put(WriteOptions(), kDefaultTree, Key(i), Value(i)).ok());
  }
  const std::string wal = WalPath(&fs);
  auto contents = ReadFileToString(&fs, wal);
  REQUIRE(contents.ok());
  fs.SetFileContents(wal, contents->substr(0, contents->size() - 5));  // cut into the last record

  for (int round = 0; round < 2; ++round) {  // also on a later open
    auto e = OpenOrDie(kDir, o);
    CHECK(e->LatestSequence() == 99);
    CHECK(GetString(e.get(), kDefaultTree, Key(98)) == Value(98));
    CHECK(GetString(e.get(), kDefaultTree, Key(99)) == "<notfound>");
    CHECK(ScanAll(e.get(), kDefaultTree).size() == 99);
  }
}

TEST_CASE("Engine recovery: damage in the middle of the WAL is Corruption naming the file",
          "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.write_buffer_size = 1 << 20;
  {
    auto e = OpenOrDie(kDir, o);
    for (int i = 0; i < 100; ++i)
      REQUIRE(e->Put(WriteOptions(), kDefaultTree, Key(i), Value(i, 0, 100)).ok());
  }
  const std::string wal = WalPath(&fs);
  auto contents = ReadFileToString(&fs, wal);
  REQUIRE(contents.ok());
  std::string damaged = *contents;
  const size_t offset = damaged.size() / 2;
  damaged[offset] = static_cast<char>(damaged[offset] ^ 0x40);
  fs.SetFileContents(wal, damaged);

  auto opened = Engine::Open(kDir, o);
  REQUIRE_FALSE(opened.ok());
  INFO(opened.status().ToString());
  CHECK(opened.status().IsCorruption());
  CHECK(opened.status().message().find(wal) != std::string::npos);

  // Asked to, recovery keeps the records before the damage and nothing after.
  o.wal_tolerate_corrupted_tail = true;
  auto e = OpenOrDie(kDir, o);
  const SequenceNumber recovered = e->LatestSequence();
  CHECK(recovered > 10);
  CHECK(recovered < 100);
  auto all = ScanAll(e.get(), kDefaultTree);
  CHECK(all.size() == recovered);
  for (SequenceNumber i = 0; i < recovered; ++i) CHECK(all.count(Key(static_cast<int>(i))) == 1);
}

TEST_CASE("Engine open: orphan files are deleted, foreign files kept", "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  {
    auto e = OpenOrDie(kDir, o);
    REQUIRE(e->Put(WriteOptions(), kDefaultTree, "k", "v").ok());
    REQUIRE(e->Flush().ok());
  }
  fs.SetFileContents(std::string(kDir) + "/999990.sst", "leftover of a crashed compaction");
  fs.SetFileContents(std::string(kDir) + "/999991.sst.tmp", "half-written table");
  fs.SetFileContents(std::string(kDir) + "/MANIFEST-999992", "old manifest");
  fs.SetFileContents(std::string(kDir) + "/000001.wal", "an obsolete segment");
  fs.SetFileContents(std::string(kDir) + "/stratad.conf", "port = 5432\n");
  auto e = OpenOrDie(kDir, o);
  CHECK_FALSE(fs.FileExists(std::string(kDir) + "/999990.sst"));
  CHECK_FALSE(fs.FileExists(std::string(kDir) + "/999991.sst.tmp"));
  CHECK_FALSE(fs.FileExists(std::string(kDir) + "/MANIFEST-999992"));
  CHECK_FALSE(fs.FileExists(std::string(kDir) + "/000001.wal"));
  CHECK(fs.FileExists(std::string(kDir) + "/stratad.conf"));
  CHECK(GetString(e.get(), kDefaultTree, "k") == "v");
  // New files never reuse the leftovers' numbers.
  REQUIRE(e->Put(WriteOptions(), kDefaultTree, "k2", "v2").ok());
  REQUIRE(e->Flush().ok());
  bool above = false;
  for (const std::string& name : FilesWithSuffix(&fs, kDir, ".sst"))
    above = above || name > "999992";
  CHECK(above);
}

TEST_CASE("Engine open: create_if_missing=false and a missing CURRENT", "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.create_if_missing = false;
  CHECK_FALSE(Engine::Open(kDir, o).ok());
  o.create_if_missing = true;
  {
    auto e = OpenOrDie(kDir, o);
    REQUIRE(e->Put(WriteOptions(), kDefaultTree, "k", "v").ok());
    REQUIRE(e->Flush().ok());
  }
  REQUIRE(fs.DeleteFile(std::string(kDir) + "/CURRENT").ok());
  auto opened = Engine::Open(kDir, o);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.status().IsCorruption());
  CHECK_FALSE(FilesWithSuffix(&fs, kDir, ".sst").empty());  // nothing was wiped
}

TEST_CASE("Engine open: LOCK refuses a second engine on the same directory", "[engine]") {
  SECTION("MemFileSystem") {
    MemFileSystem fs;
    auto first = OpenOrDie(kDir, SmallOptions(&fs));
    auto second = Engine::Open(kDir, SmallOptions(&fs));
    REQUIRE_FALSE(second.ok());
    CHECK(second.status().IsBusy());
    REQUIRE(first->Close().ok());
    auto third = Engine::Open(kDir, SmallOptions(&fs));
    CHECK(third.ok());
  }
  SECTION("posix") {
    testing::TempDir dir;
    PosixFileSystem fs;
    auto first = OpenOrDie(dir.path(), SmallOptions(&fs));
    auto second = Engine::Open(dir.path(), SmallOptions(&fs));
    REQUIRE_FALSE(second.ok());
    CHECK(second.status().IsBusy());
    first.reset();  // the destructor closes and unlocks
    CHECK(Engine::Open(dir.path(), SmallOptions(&fs)).ok());
  }
}

TEST_CASE("Engine on the posix file system: write, flush, compact, reopen", "[engine]") {
  testing::TempDir dir;
  EngineOptions o = SmallOptions(nullptr);  // DefaultFileSystem()
  o.use_direct_io_for_reads = true;         // falls back where O_DIRECT is refused
  TreeId t = 0;
  {
    auto e = OpenOrDie(dir.path(), o);
    t = e->CreateTree("t").value();
    for (int i = 0; i < 5000; ++i) {
      REQUIRE(e->Put(WriteOptions{i % 100 == 0}, i % 2 ? t : kDefaultTree, Key(i), Value(i, 0, 80))
                  .ok());
    }
    REQUIRE(e->DeleteRange(WriteOptions(), t, Key(1000), Key(2000)).ok());
    REQUIRE(e->CompactRange(t).ok());
    for (int i = 0; i < 100; ++i) REQUIRE(e->Put(WriteOptions(), t, Key(i, 3), "late").ok());
    REQUIRE(e->Close().ok());
  }
  auto e = OpenOrDie(dir.path(), o);
  auto all = ScanAll(e.get(), t);
  CHECK(all.size() == 2500 - 500 + 100);
  CHECK(GetString(e.get(), t, Key(1501)) == "<notfound>");
  CHECK(GetString(e.get(), t, Key(2501)) == Value(2501, 0, 80));
  CHECK(GetString(e.get(), kDefaultTree, Key(2500)) == Value(2500, 0, 80));
  CHECK(ScanAll(e.get(), kDefaultTree).size() == 2500);
}

}  // namespace
}  // namespace strata::storage
