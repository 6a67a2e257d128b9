// Engine iterators: both directions, bounds, Seek/SeekForPrev, direction
// switches, over data spread across the memtable, L0 and deeper levels with
// point and range deletions; iterators pin what they read across flush,
// compaction and DropTree. Deterministic, on a MemFileSystem.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "tests/storage/engine_functional_test_util.h"

namespace strata::storage {
namespace {

using testing::Key;
using testing::OpenOrDie;
using testing::ScanAll;
using testing::SmallOptions;
using testing::Value;

constexpr char kDir[] = "/db";
using Model = std::map<std::string, std::string>;

// Builds a tree whose keys live in several layers: an old bottom level, L0
// files with overwrites and range deletions, and a memtable on top.
Model BuildLayers(Engine* e, TreeId tree) {
  Model m;
  const WriteOptions wo;
  auto put = [&](int i, int round) {
    REQUIRE(e->Put(wo, tree, Key(i, 4), Value(i, round, 60)).ok());
    m[Key(i, 4)] = Value(i, round, 60);
  };
  auto del = [&](int i) {
    REQUIRE(e->Delete(wo, tree, Key(i, 4)).ok());
    m.erase(Key(i, 4));
  };
  auto del_range = [&](int b, int en) {
    REQUIRE(e->DeleteRange(wo, tree, Key(b, 4), Key(en, 4)).ok());
    m.erase(m.lower_bound(Key(b, 4)), m.lower_bound(Key(en, 4)));
  };
  // Two overlapping flushes, so the compaction into the bottom level merges
  // (rather than moves) and cuts several files.
  for (int i = 0; i < 600; i += 2) put(i, 0);
  REQUIRE(e->Flush().ok());
  for (int i = 0; i < 600; i += 4) put(i, 0);
  REQUIRE(e->CompactRange(tree).ok());  // bottom level
  for (int i = 0; i < 600; i += 5) put(i, 1);
  del_range(100, 160);
  for (int i = 1; i < 600; i += 11) del(i - 1);
  REQUIRE(e->Flush().ok());                   // L0 #1
  for (int i = 130; i < 140; ++i) put(i, 2);  // inside the deleted range
  del_range(400, 401);
  del_range(500, 520);
  REQUIRE(e->Flush().ok());                      // L0 #2
  for (int i = 501; i < 700; i += 3) put(i, 3);  // memtable
  del(300);
  del_range(550, 560);
  return m;
}

void CheckAgainstModel(Iterator* it, const Model& m, std::optional<std::string> lower,
                       std::optional<std::string> upper) {
  std::vector<std::pair<std::string, std::string>> expected;
  for (const auto& kv : m) {
    if (lower && kv.first < *lower) continue;
    if (upper && kv.first >= *upper) continue;
    expected.push_back(kv);
  }
  // Forward.
  size_t n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++n) {
    REQUIRE(n < expected.size());
    REQUIRE(std::string(it->key()) == expected[n].first);
    REQUIRE(std::string(it->value()) == expected[n].second);
  }
  REQUIRE(it->status().ok());
  CHECK(n == expected.size());
  // Backward.
  n = expected.size();
  for (it->SeekToLast(); it->Valid(); it->Prev()) {
    REQUIRE(n > 0);
    --n;
    REQUIRE(std::string(it->key()) == expected[n].first);
    REQUIRE(std::string(it->value()) == expected[n].second);
  }
  REQUIRE(it->status().ok());
  CHECK(n == 0);
  // Seeks, then a zig-zag of Next/Prev around each position.
  for (int probe = 0; probe < 720; probe += 7) {
    const std::string target = Key(probe, 4);
    auto lb = std::lower_bound(expected.begin(), expected.end(), target,
                               [](const auto& kv, const std::string& k) { return kv.first < k; });
    it->Seek(target);
    if (lb == expected.end()) {
      CHECK_FALSE(it->Valid());
    } else {
      REQUIRE(it->Valid());
      CHECK(std::string(it->key()) == lb->first);
      long pos = lb - expected.begin();
      // Next, Prev, Prev, Next, Next: direction switches in both ways.
      const int steps[] = {+1, -1, -1, +1, +1};
      for (int step : steps) {
        if (!it->Valid()) break;
        if (step > 0) {
          it->Next();
        } else {
          it->Prev();
        }
        pos += step;
        if (pos < 0 || pos >= static_cast<long>(expected.size())) {
          CHECK_FALSE(it->Valid());
          break;
        }
        REQUIRE(it->Valid());
        CHECK(std::string(it->key()) == expected[static_cast<size_t>(pos)].first);
        CHECK(std::string(it->value()) == expected[static_cast<size_t>(pos)].second);
      }
    }
    // SeekForPrev: last key <= target.
    auto ub = std::upper_bound(expected.begin(), expected.end(), target,
                               [](const std::string& k, const auto& kv) { return k < kv.first; });
    it->SeekForPrev(target);
    if (ub == expected.begin()) {
      CHECK_FALSE(it->Valid());
    } else {
      REQUIRE(it->Valid());
      CHECK(std::string(it->key()) == std::prev(ub)->first);
      it->Next();
      if (ub == expected.end()) {
        CHECK_FALSE(it->Valid());
      } else {
        REQUIRE(it->Valid());
        CHECK(std::string(it->key()) == ub->first);
      }
    }
  }
  REQUIRE(it->status().ok());
}

TEST_CASE("Engine iterator: both directions with and without bounds over all layers", "[engine]") {
  MemFileSystem fs;
  EngineOptions o = SmallOptions(&fs);
  o.l0_compaction_trigger = 100;  // keep the layers as built
  o.target_file_size = 4 << 10;   // many files per level
  o.compression = false;
  auto e = OpenOrDie(kDir, o);
  const Model m = BuildLayers(e.get(), kDefaultTree);
  const EngineStats s = e->GetStats();
  CHECK(testing::LevelFiles(s, kDefaultTree, 0) == 2);
  CHECK(testing::LevelFiles(s, kDefaultTree, 6) > 1);

  const std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> bounds = {
      {std::nullopt, std::nullopt}, {Key(120, 4), std::nullopt},
      {std::nullopt, Key(505, 4)},  {Key(131, 4), Key(139, 4)},
      {Key(401, 4), Key(402, 4)},   {Key(150, 4), Key(155, 4)},
      {Key(0, 4), Key(9999, 4)},    {std::string("a"), std::string("z")},
  };
  for (const auto& [lower, upper] : bounds) {
    INFO("bounds [" << lower.value_or("-") << ", " << upper.value_or("-") << ")");
    ReadOptions ro;
    ro.lower_bound = lower;
    ro.upper_bound = upper;
    auto it = e->NewIterator(ro, kDefaultTree);
    CheckAgainstModel(it.get(), m, lower, upper);
  }
  // Compacted into one level, the answers stay the same.
  REQUIRE(e->CompactRange(kDefaultTree).ok());
  for (const auto& [lower, upper] : bounds) {
    INFO("after compaction, bounds [" << lower.value_or("-") << ", " << upper.value_or("-") << ")");
    ReadOptions ro;
    ro.lower_bound = lower;
    ro.upper_bound = upper;
    auto it = e->NewIterator(ro, kDefaultTree);
    CheckAgainstModel(it.get(), m, lower, upper);
  }
}

TEST_CASE("Engine iterator: a snapshot iterator ignores later writes", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  const WriteOptions wo;
  for (int i = 0; i < 50; ++i) REQUIRE(e->Put(wo, kDefaultTree, Key(i), Value(i)).ok());
  const Snapshot* snap = e->GetSnapshot();
  ReadOptions ro;
  ro.snapshot = snap;
  auto it = e->NewIterator(ro, kDefaultTree);
  auto implicit = e->NewIterator(ReadOptions(), kDefaultTree);  // implicit snapshot: now
  for (int i = 0; i < 50; i += 2) REQUIRE(e->Delete(wo, kDefaultTree, Key(i)).ok());
  for (int i = 50; i < 80; ++i) REQUIRE(e->Put(wo, kDefaultTree, Key(i), Value(i)).ok());
  REQUIRE(e->DeleteRange(wo, kDefaultTree, Key(0), Key(100)).ok());
  REQUIRE(e->Flush().ok());
  REQUIRE(e->CompactRange(kDefaultTree).ok());
  for (Iterator* i : {it.get(), implicit.get()}) {
    int n = 0;
    for (i->SeekToFirst(); i->Valid(); i->Next(), ++n) CHECK(std::string(i->key()) == Key(n));
    CHECK(i->status().ok());
    CHECK(n == 50);
  }
  // A new iterator at the snapshot sees the same, though compaction ran.
  CHECK(ScanAll(e.get(), kDefaultTree, snap).size() == 50);
  CHECK(ScanAll(e.get(), kDefaultTree).empty());
  e->ReleaseSnapshot(snap);
}

TEST_CASE("Engine iterator: keeps reading a dropped tree's files until destroyed", "[engine]") {
  MemFileSystem fs;
  auto e = OpenOrDie(kDir, SmallOptions(&fs));
  auto t = e->CreateTree("t");
  REQUIRE(t.ok());
  for (int i = 0; i < 500; ++i) REQUIRE(e->Put(WriteOptions(), *t, Key(i), Value(i, 0, 100)).ok());
  REQUIRE(e->Flush(*t).ok());
  REQUIRE(e->Put(WriteOptions(), *t, Key(1000), "in memtable").ok());
  auto it = e->NewIterator(ReadOptions(), *t);
  REQUIRE(e->DropTree(*t).ok());
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  CHECK(it->status().ok());
  CHECK(n == 501);
  it.reset();
  REQUIRE(e->Flush().ok());  // purges what the iterator kept alive
  CHECK(testing::FilesWithSuffix(&fs, kDir, ".sst").empty());
}

}  // namespace
}  // namespace strata::storage
