// Engine background work: automatic compaction reduces L0 and keeps what
// snapshots see, the compaction filter, universal trees, write slowdown and
// stall accounting, and the statistics.
#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "storage/engine.h"
#include "storage/io/fault_injection_file_system.h"
#include "storage/io/mem_file_system.h"
#include "tests/storage/engine_functional_test_util.h"

namespace strata::storage {
namespace {

using testing::GetString;
using testing::Key;
using testing::LevelFiles;
using testing::OpenOrDie;
using testing::ScanAll;
using testing::SmallOptions;
using testing::Value;

constexpr char kDir[] = "/db";

// Polls until cond() holds or 20 s pass.
bool WaitFor(const std::function<bool()>& cond) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return cond();
}

TEST_CASE("Engine compaction: L0 shrinks in the background and snapshots keep their versions",
          "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.l0_compaction_trigger = 3;
  auto e = OpenOrDie(kDir, o);
  const WriteOptions wo{false};
  for (int i = 0; i < 400; ++i) REQUIRE(e->Put(wo, kDefaultTree, Key(i), Value(i, 0, 100)).ok());
  const Snapshot* snap = e->GetSnapshot();
  // Enough overwrites for many flushes.
  for (int round = 1; round <= 8; ++round) {
    for (int i = 0; i < 400; ++i)
      REQUIRE(e->Put(wo, kDefaultTree, Key(i), Value(i, round, 100)).ok());
    REQUIRE(e->Flush().ok());
  }
  REQUIRE(WaitFor(
      [&] { return LevelFiles(e->GetStats(), kDefaultTree, 0) < o.l0_compaction_trigger; }));
  const EngineStats s = e->GetStats();
  CHECK(s.flushes >= 8);
  CHECK(s.compactions > 0);
  CHECK(s.compaction_bytes_written > 0);
  int deeper = 0;
  for (int level = 1; level < 7; ++level) deeper += LevelFiles(s, kDefaultTree, level);
  CHECK(deeper > 0);
  for (int i = 0; i < 400; i += 13) {
    INFO(i);
    CHECK(GetString(e.get(), kDefaultTree, Key(i), snap) == Value(i, 0, 100));
    CHECK(GetString(e.get(), kDefaultTree, Key(i)) == Value(i, 8, 100));
  }
  auto at_snap = ScanAll(e.get(), kDefaultTree, snap);
  REQUIRE(at_snap.size() == 400);
  CHECK(at_snap[Key(7)] == Value(7, 0, 100));
  e->ReleaseSnapshot(snap);
}

class DropPrefixFilter final : public CompactionFilter {
 public:
  bool Filter(TreeId, Slice user_key, Slice, SequenceNumber) const override {
    return user_key.substr(0, 4) == "tmp/";
  }
};

TEST_CASE("Engine compaction: the compaction filter drops what it is asked to", "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.compaction_filter = std::make_shared<DropPrefixFilter>();
  auto e = OpenOrDie(kDir, o);
  for (int i = 0; i < 100; ++i) {
    REQUIRE(e->Put(WriteOptions(), kDefaultTree, "tmp/" + Key(i), "scratch").ok());
    REQUIRE(e->Put(WriteOptions(), kDefaultTree, "keep/" + Key(i), "data").ok());
  }
  const Snapshot* snap = e->GetSnapshot();  // values visible to it are never offered
  REQUIRE(e->CompactRange(kDefaultTree).ok());
  CHECK(ScanAll(e.get(), kDefaultTree).size() == 200);
  e->ReleaseSnapshot(snap);
  REQUIRE(e->CompactRange(kDefaultTree).ok());
  auto all = ScanAll(e.get(), kDefaultTree);
  CHECK(all.size() == 100);
  CHECK(all.begin()->first.substr(0, 5) == "keep/");
  CHECK(GetString(e.get(), kDefaultTree, "tmp/" + Key(5)) == "<notfound>");
}

TEST_CASE("Engine compaction: universal trees", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  TreeOptions to;
  to.compaction_style = CompactionStyle::kUniversal;
  auto t = e->CreateTree("u", to);
  REQUIRE(t.ok());
  for (int round = 0; round < 10; ++round) {
    for (int i = round; i < 1000; i += 4)
      REQUIRE(e->Put(WriteOptions{false}, *t, Key(i), Value(i, round, 50)).ok());
    REQUIRE(e->Flush(*t).ok());
  }
  REQUIRE(WaitFor([&] { return e->GetStats().compactions > 0; }));
  REQUIRE(e->CompactRange(*t).ok());
  const EngineStats s = e->GetStats();
  CHECK(LevelFiles(s, *t, 0) == 0);
  auto all = ScanAll(e.get(), *t);
  CHECK(all.size() == 1000);
  CHECK(all[Key(9)] == Value(9, 9, 50));
  CHECK(all[Key(8)] == Value(8, 8, 50));
}

TEST_CASE("Engine writes: slowdown and stall are counted", "[engine]") {
  SECTION("slowdown at the L0 slowdown trigger") {
    MemFileSystem fs;
    EngineOptions o = SmallOptions(&fs);
    o.l0_compaction_trigger = 100;  // L0 only grows
    o.l0_slowdown_writes_trigger = 2;
    o.l0_stop_writes_trigger = 1000;
    auto e = OpenOrDie(kDir, o);
    for (int f = 0; f < 3; ++f) {
      REQUIRE(e->Put(WriteOptions(), kDefaultTree, Key(f), "v").ok());
      REQUIRE(e->Flush().ok());
    }
    for (int i = 0; i < 20; ++i)
      REQUIRE(e->Put(WriteOptions{false}, kDefaultTree, Key(i), "v").ok());
    const EngineStats s = e->GetStats();
    CHECK(s.slowdown_micros >= 20 * 900);
    CHECK(s.stall_micros == 0);
  }
  SECTION("stall while immutable memtables wait for a slow flush") {
    MemFileSystem base;
    FaultInjectionFileSystem fs(&base);
    fs.SetSyncDelay(std::chrono::milliseconds(20));
    EngineOptions o = SmallOptions(&fs);
    o.write_buffer_size = 16 << 10;
    o.max_immutable_memtables = 1;
    o.max_background_jobs = 1;
    auto e = OpenOrDie(kDir, o);
    for (int i = 0; i < 3000; ++i)
      REQUIRE(e->Put(WriteOptions{false}, kDefaultTree, Key(i), Value(i, 0, 64)).ok());
    const EngineStats s = e->GetStats();
    CHECK(s.stall_micros > 0);
    CHECK(ScanAll(e.get(), kDefaultTree).size() == 3000);
  }
  SECTION("stop at the L0 stop trigger until compaction catches up") {
    MemFileSystem base;
    FaultInjectionFileSystem fs(&base);
    fs.SetSyncDelay(std::chrono::milliseconds(5));
    EngineOptions o = SmallOptions(&fs);
    o.write_buffer_size = 8 << 10;
    o.l0_compaction_trigger = 2;
    o.l0_slowdown_writes_trigger = 3;
    o.l0_stop_writes_trigger = 4;
    auto e = OpenOrDie(kDir, o);
    for (int i = 0; i < 4000; ++i)
      REQUIRE(e->Put(WriteOptions{false}, kDefaultTree, Key(i), Value(i, 0, 64)).ok());
    const EngineStats s = e->GetStats();
    CHECK(s.stall_micros + s.slowdown_micros > 0);
    CHECK(LevelFiles(s, kDefaultTree, 0) <= 4);
    CHECK(ScanAll(e.get(), kDefaultTree).size() == 4000);
  }
}

TEST_CASE("Engine stats are plausible", "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.bloom_bits_per_key = 10;
  auto e = OpenOrDie(kDir, o);
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  uint64_t user_bytes = 0;
  for (int round = 0; round < 4; ++round) {
    for (int i = 0; i < 1500; ++i) {
      const std::string k = Key(i);
      const std::string v = Value(i, round, 100);
      REQUIRE(e->Put(WriteOptions{i % 100 == 0}, *t, k, v).ok());
      user_bytes += k.size() + v.size();
    }
  }
  REQUIRE(e->CompactRange(*t).ok());
  for (int i = 0; i < 1500; i += 10) CHECK(GetString(e.get(), *t, Key(i)) == Value(i, 3, 100));
  for (int i = 0; i < 1500; i += 10) CHECK(GetString(e.get(), *t, Key(i) + "x") == "<notfound>");
  for (int i = 0; i < 1500; i += 10) CHECK(GetString(e.get(), *t, Key(i)) == Value(i, 3, 100));

  const EngineStats s = e->GetStats();
  CHECK(s.user_bytes_written == user_bytes);
  CHECK(s.wal_bytes_written > user_bytes);
  CHECK(s.flush_bytes_written > 0);
  CHECK(s.compaction_bytes_written > 0);
  CHECK(s.compaction_bytes_read > 0);
  CHECK(s.write_amplification > 1.0);
  CHECK(s.write_amplification ==
        Approx(static_cast<double>(s.wal_bytes_written + s.flush_bytes_written +
                                   s.compaction_bytes_written) /
               static_cast<double>(s.user_bytes_written)));
  CHECK(s.wal_syncs >= 60);
  CHECK(s.write_groups > 0);
  CHECK(s.flushes > 0);
  CHECK(s.compactions > 0);
  CHECK(s.block_cache_hits > 0);
  CHECK(s.block_cache_misses > 0);
  CHECK(s.bloom_useful > 100);
  CHECK(s.last_sequence == 6000);
  REQUIRE(s.trees.size() == 2);
  CHECK(s.trees[0].name == "default");
  CHECK(s.trees[1].name == "t");
  REQUIRE(s.trees[1].levels.size() == 7);
  CHECK(testing::TotalFiles(s, *t) > 0);
  uint64_t bytes = 0;
  for (const LevelStats& l : s.trees[1].levels) bytes += l.bytes;
  CHECK(bytes > 10000);
  CHECK(s.trees[1].pending_compaction_bytes == 0);
}

}  // namespace
}  // namespace strata::storage
