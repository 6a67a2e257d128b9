// Engine basics: put/get/delete/delete-range across trees, atomic batches,
// argument errors, trees (create/find/drop), snapshots across flush and
// compaction. Deterministic, on a MemFileSystem.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>
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
using testing::Value;

constexpr char kDir[] = "/db";

TEST_CASE("Engine: put, get, delete and delete-range in several trees", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto t1 = e->CreateTree("t1");
  REQUIRE(t1.ok());
  const WriteOptions wo;

  REQUIRE(e->Put(wo, kDefaultTree, "a", "default-a").ok());
  REQUIRE(e->Put(wo, *t1, "a", "t1-a").ok());
  REQUIRE(e->Put(wo, *t1, "b", "t1-b").ok());
  CHECK(GetString(e.get(), kDefaultTree, "a") == "default-a");
  CHECK(GetString(e.get(), *t1, "a") == "t1-a");
  CHECK(GetString(e.get(), kDefaultTree, "b") == "<notfound>");

  REQUIRE(e->Put(wo, *t1, "a", "t1-a2").ok());
  CHECK(GetString(e.get(), *t1, "a") == "t1-a2");
  REQUIRE(e->Delete(wo, *t1, "a").ok());
  CHECK(GetString(e.get(), *t1, "a") == "<notfound>");
  CHECK(GetString(e.get(), kDefaultTree, "a") == "default-a");  // other tree untouched

  for (int i = 0; i < 20; ++i) REQUIRE(e->Put(wo, *t1, Key(i), Value(i)).ok());
  REQUIRE(e->DeleteRange(wo, *t1, Key(5), Key(10)).ok());
  for (int i = 0; i < 20; ++i) {
    INFO(i);
    CHECK(GetString(e.get(), *t1, Key(i)) == (i >= 5 && i < 10 ? "<notfound>" : Value(i)));
  }
  // A put after the range deletion is visible again.
  REQUIRE(e->Put(wo, *t1, Key(7), "again").ok());
  CHECK(GetString(e.get(), *t1, Key(7)) == "again");

  // The same after the data moves to SSTables.
  REQUIRE(e->Flush().ok());
  for (int i = 0; i < 20; ++i) {
    INFO(i);
    const std::string expected = i == 7 ? "again" : (i >= 5 && i < 10 ? "<notfound>" : Value(i));
    CHECK(GetString(e.get(), *t1, Key(i)) == expected);
  }
  REQUIRE(e->CompactRange(*t1).ok());
  for (int i = 0; i < 20; ++i) {
    INFO(i);
    const std::string expected = i == 7 ? "again" : (i >= 5 && i < 10 ? "<notfound>" : Value(i));
    CHECK(GetString(e.get(), *t1, Key(i)) == expected);
  }
  CHECK(ScanAll(e.get(), *t1).size() == 17);  // "b" and key 0..19 except 5, 6, 8, 9
  REQUIRE(e->Close().ok());
}

TEST_CASE("Engine: range deletions hide data in older SSTables", "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.l0_compaction_trigger = 100;  // keep the files apart
  auto e = OpenOrDie(kDir, o);
  const WriteOptions wo;
  for (int i = 0; i < 100; ++i) REQUIRE(e->Put(wo, kDefaultTree, Key(i), Value(i)).ok());
  REQUIRE(e->Flush().ok());
  REQUIRE(e->DeleteRange(wo, kDefaultTree, Key(10), Key(90)).ok());
  // The tombstone is in the memtable, the data in L0.
  CHECK(GetString(e.get(), kDefaultTree, Key(50)) == "<notfound>");
  CHECK(ScanAll(e.get(), kDefaultTree).size() == 20);
  REQUIRE(e->Flush().ok());
  // Both in SSTables (two L0 files).
  CHECK(GetString(e.get(), kDefaultTree, Key(50)) == "<notfound>");
  CHECK(GetString(e.get(), kDefaultTree, Key(9)) == Value(9));
  CHECK(GetString(e.get(), kDefaultTree, Key(90)) == Value(90));
  CHECK(ScanAll(e.get(), kDefaultTree).size() == 20);
  REQUIRE(e->CompactRange(kDefaultTree).ok());
  CHECK(ScanAll(e.get(), kDefaultTree).size() == 20);
  CHECK(GetString(e.get(), kDefaultTree, Key(89)) == "<notfound>");
}

TEST_CASE("Engine: argument errors", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  const WriteOptions wo;
  CHECK(e->Put(wo, 12345, "k", "v").IsInvalidArgument());
  CHECK(e->Get(ReadOptions(), 12345, "k").status().IsInvalidArgument());
  auto it = e->NewIterator(ReadOptions(), 12345);
  it->SeekToFirst();
  CHECK_FALSE(it->Valid());
  CHECK(it->status().IsInvalidArgument());
  CHECK(e->DeleteRange(wo, kDefaultTree, "z", "a").IsInvalidArgument());
  CHECK(e->DeleteRange(wo, kDefaultTree, "a", "a").ok());  // empty range: a no-op
  CHECK(e->DropTree(kDefaultTree).IsInvalidArgument());
  CHECK(e->Flush(777).IsInvalidArgument());
  CHECK(e->CompactRange(777).IsInvalidArgument());

  // A batch with one bad record is refused as a whole.
  WriteBatch batch;
  batch.Put(kDefaultTree, "good", "1");
  batch.Put(999, "bad", "2");
  CHECK(e->Write(wo, &batch).IsInvalidArgument());
  CHECK(GetString(e.get(), kDefaultTree, "good") == "<notfound>");
}

TEST_CASE("Engine: trees are found by name, names are unique, ids never reused", "[engine]") {
  MemFileSystem fs;
  TreeId dropped = 0;
  TreeId kept = 0;
  {
    auto e = OpenOrDie(kDir, SmallOptions(&fs));
    CHECK(e->FindTree("default").ok());
    CHECK(e->FindTree("default").value() == kDefaultTree);
    auto a = e->CreateTree("a");
    auto b = e->CreateTree("b");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a != *b);
    CHECK(*a != kDefaultTree);
    CHECK(e->CreateTree("a").status().IsInvalidArgument());
    CHECK(e->FindTree("b").value() == *b);
    CHECK(e->FindTree("nope").status().IsNotFound());
    REQUIRE(e->Put(WriteOptions(), *b, "k", "in b").ok());
    REQUIRE(e->DropTree(*b).ok());
    CHECK(e->FindTree("b").status().IsNotFound());
    CHECK(e->Put(WriteOptions(), *b, "k", "v").IsInvalidArgument());
    CHECK(e->DropTree(*b).IsInvalidArgument());
    dropped = *b;
    kept = *a;
    REQUIRE(e->Put(WriteOptions(), kept, "k", "in a").ok());
  }
  // After a restart the newest (dropped) id is still not handed out again,
  // and the dropped tree's WAL records stay dropped.
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  CHECK(e->FindTree("a").value() == kept);
  CHECK(e->FindTree("b").status().IsNotFound());
  auto b2 = e->CreateTree("b");
  REQUIRE(b2.ok());
  CHECK(*b2 != dropped);
  CHECK(*b2 > dropped);
  CHECK(GetString(e.get(), *b2, "k") == "<notfound>");
  CHECK(GetString(e.get(), kept, "k") == "in a");
}

TEST_CASE("Engine: DropTree deletes the tree's files", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  for (int i = 0; i < 3000; ++i)
    REQUIRE(e->Put(WriteOptions{false}, *t, Key(i), Value(i, 0, 50)).ok());
  REQUIRE(e->Put(WriteOptions(), kDefaultTree, "k", "v").ok());
  REQUIRE(e->Flush().ok());
  const size_t with_tree = testing::FilesWithSuffix(&fs, kDir, ".sst").size();
  REQUIRE(testing::TotalFiles(e->GetStats(), *t) > 1);
  REQUIRE(e->DropTree(*t).ok());
  // A compaction of the tree may still be running (it holds the files and
  // discards its output); the files go once nothing references them.
  size_t after = with_tree;
  for (int i = 0; i < 2000 && after != 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    after = testing::FilesWithSuffix(&fs, kDir, ".sst").size();
  }
  CHECK(after == 1);  // the default tree's
  CHECK(after < with_tree);
  CHECK(testing::TotalFiles(e->GetStats(), *t) == -1);
  CHECK(GetString(e.get(), kDefaultTree, "k") == "v");
  // The WAL that held the tree's records is retired too once nothing needs it.
  REQUIRE(e->Put(WriteOptions(), kDefaultTree, "k2", "v2").ok());
  REQUIRE(e->Flush().ok());
  // Whichever thread purges takes the list of obsolete segments and deletes
  // them without engine locks: a background compaction finishing at the
  // same time may be the one deleting, just after Flush returns.
  size_t wals = testing::FilesWithSuffix(&fs, kDir, ".wal").size();
  for (int i = 0; i < 2000 && wals != 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    wals = testing::FilesWithSuffix(&fs, kDir, ".wal").size();
  }
  CHECK(wals == 1);
}

TEST_CASE("Engine: a batch across trees is atomic", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto t1 = e->CreateTree("t1");
  auto t2 = e->CreateTree("t2");
  REQUIRE(t1.ok());
  REQUIRE(t2.ok());

  // One writer moves a counter between two trees in batches; readers with a
  // snapshot must always see the two halves add up.
  std::atomic<int> write_errors{0};
  std::thread writer([&] {
    for (int i = 1; i <= 2000; ++i) {
      WriteBatch batch;
      batch.Put(*t1, "x", std::to_string(i));
      batch.Put(*t2, "y", std::to_string(-i));
      batch.Put(kDefaultTree, Key(i), Value(i));
      if (!e->Write(WriteOptions{false}, &batch).ok()) ++write_errors;
    }
  });
  for (int r = 0; r < 2000; ++r) {
    const Snapshot* s = e->GetSnapshot();
    const std::string x = GetString(e.get(), *t1, "x", s);
    const std::string y = GetString(e.get(), *t2, "y", s);
    if (x == "<notfound>") {
      CHECK(y == "<notfound>");
    } else {
      REQUIRE(y != "<notfound>");
      CHECK(std::stoi(x) + std::stoi(y) == 0);
    }
    e->ReleaseSnapshot(s);
  }
  writer.join();
  CHECK(write_errors == 0);
  // Each batch has 3 records: contiguous sequence numbers.
  CHECK(e->LatestSequence() == 3 * 2000);
}

TEST_CASE("Engine: snapshots see exactly the writes at or below them across flush and compaction",
          "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  auto e = OpenOrDie(kDir, o);
  const WriteOptions wo;
  std::vector<const Snapshot*> snaps;
  // Round r writes value r to every key (and deletes some), then snapshots.
  for (int r = 0; r < 5; ++r) {
    for (int i = 0; i < 300; ++i) {
      if ((i + r) % 7 == 0) {
        REQUIRE(e->Delete(wo, kDefaultTree, Key(i)).ok());
      } else {
        REQUIRE(e->Put(wo, kDefaultTree, Key(i), Value(i, r, 200)).ok());
      }
    }
    snaps.push_back(e->GetSnapshot());
    if (r % 2 == 1) REQUIRE(e->Flush().ok());
  }
  auto check = [&](const char* when) {
    INFO(when);
    for (int r = 0; r < 5; ++r) {
      auto all = ScanAll(e.get(), kDefaultTree, snaps[static_cast<size_t>(r)]);
      size_t expected_count = 0;
      for (int i = 0; i < 300; ++i) {
        const bool deleted = (i + r) % 7 == 0;
        if (!deleted) ++expected_count;
        if (i % 37 == 0) {
          INFO("round " << r << " key " << i);
          CHECK(GetString(e.get(), kDefaultTree, Key(i), snaps[static_cast<size_t>(r)]) ==
                (deleted ? "<notfound>" : Value(i, r, 200)));
        }
      }
      CHECK(all.size() == expected_count);
      CHECK(all[Key(1)] == ((1 + r) % 7 == 0 ? "" : Value(1, r, 200)));
    }
  };
  check("before compaction");
  REQUIRE(e->CompactRange(kDefaultTree).ok());
  check("after full compaction");
  const EngineStats stats = e->GetStats();
  CHECK(stats.compactions > 0);
  // Dropping the snapshots lets a compaction drop the old versions.
  const uint64_t bytes_with_snapshots = stats.trees[0].levels[6].bytes;
  for (const Snapshot* s : snaps) e->ReleaseSnapshot(s);
  REQUIRE(e->CompactRange(kDefaultTree).ok());
  const EngineStats after = e->GetStats();
  uint64_t total = 0;
  for (const LevelStats& l : after.trees[0].levels) total += l.bytes;
  CHECK(total < bytes_with_snapshots);
  CHECK(ScanAll(e.get(), kDefaultTree).size() == 300 - 43);  // keys with (i + 4) % 7 == 0 deleted
}

TEST_CASE("Engine: concurrent writers and readers", "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.write_buffer_size = 32 << 10;
  auto e = OpenOrDie(kDir, o);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 1500;
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string key = "w" + std::to_string(t) + "/" + Key(i);
        if (!e->Put(WriteOptions{i % 10 == 0}, kDefaultTree, key, Value(i, t)).ok()) ++errors;
        // Read your own write, from memtable or SSTable.
        if (i % 50 == 0 && GetString(e.get(), kDefaultTree, key) != Value(i, t)) ++errors;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(errors == 0);
  CHECK(ScanAll(e.get(), kDefaultTree).size() == kThreads * kPerThread);
  CHECK(e->LatestSequence() == kThreads * kPerThread);
  const EngineStats s = e->GetStats();
  CHECK(s.write_groups <= static_cast<uint64_t>(kThreads * kPerThread));
  CHECK(s.flushes > 0);
}

}  // namespace
}  // namespace strata::storage
