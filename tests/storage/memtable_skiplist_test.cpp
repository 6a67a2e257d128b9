// SkipList: ordering, seeks in both directions against a std::set model, and
// lock-free readers running while the single writer inserts.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "common/arena.h"
#include "storage/memtable/skiplist.h"

namespace strata::storage {
namespace {

struct U64Cmp {
  int operator()(uint64_t a, uint64_t b) const { return a < b ? -1 : (a > b ? 1 : 0); }
};
using List = SkipList<uint64_t, U64Cmp>;

TEST_CASE("SkipList empty", "[memtable][skiplist]") {
  Arena arena;
  List list(U64Cmp(), &arena);
  List::Iterator it(&list);
  CHECK_FALSE(it.Valid());
  it.SeekToFirst();
  CHECK_FALSE(it.Valid());
  it.SeekToLast();
  CHECK_FALSE(it.Valid());
  it.Seek(10);
  CHECK_FALSE(it.Valid());
  it.SeekForPrev(10);
  CHECK_FALSE(it.Valid());
  CHECK_FALSE(list.Contains(10));
}

TEST_CASE("SkipList matches a std::set model", "[memtable][skiplist]") {
  Arena arena;
  List list(U64Cmp(), &arena);
  std::set<uint64_t> model;
  std::mt19937_64 rng(301);
  for (int i = 0; i < 5000; ++i) {
    uint64_t k = rng() % 20000;
    if (model.insert(k).second) list.Insert(k);
  }
  for (uint64_t k = 0; k < 20000; k += 7) CHECK(list.Contains(k) == (model.count(k) > 0));

  // Forward and backward scans.
  List::Iterator it(&list);
  it.SeekToFirst();
  for (uint64_t k : model) {
    REQUIRE(it.Valid());
    CHECK(it.key() == k);
    it.Next();
  }
  CHECK_FALSE(it.Valid());
  it.SeekToLast();
  for (auto r = model.rbegin(); r != model.rend(); ++r) {
    REQUIRE(it.Valid());
    CHECK(it.key() == *r);
    it.Prev();
  }
  CHECK_FALSE(it.Valid());

  // Seek / SeekForPrev at random targets, including past both ends.
  for (int i = 0; i < 2000; ++i) {
    uint64_t target = rng() % 20100;
    it.Seek(target);
    auto lb = model.lower_bound(target);
    if (lb == model.end()) {
      CHECK_FALSE(it.Valid());
    } else {
      REQUIRE(it.Valid());
      CHECK(it.key() == *lb);
    }
    it.SeekForPrev(target);
    auto ub = model.upper_bound(target);
    if (ub == model.begin()) {
      CHECK_FALSE(it.Valid());
    } else {
      REQUIRE(it.Valid());
      CHECK(it.key() == *std::prev(ub));
    }
  }
  CHECK(arena.MemoryUsage() > 5000 * sizeof(uint64_t));
}

// InsertSorted searches for up to 8 keys in lockstep, then links them in
// order, walking past the batch's earlier keys. Batches of every size (also
// past 8, so several rounds), dense runs that land next to each other,
// batches spread over the whole list, keys below and above everything, and
// single Inserts in between must leave every level right; seeks (which use the
// upper levels) and full scans check it against the model.
TEST_CASE("SkipList InsertSorted matches a std::set model", "[memtable][skiplist]") {
  Arena arena;
  List list(U64Cmp(), &arena);
  std::set<uint64_t> model;
  std::mt19937_64 rng(77);
  for (int round = 0; round < 600; ++round) {
    std::set<uint64_t> batch;
    const int size = 1 + static_cast<int>(rng() % 40);
    const uint64_t start = 1 + rng() % 1000000;
    // Bounded: the small pools at the ends run dry after a few rounds.
    for (int tries = 0; static_cast<int>(batch.size()) < size && tries < 1000; ++tries) {
      uint64_t k = 0;
      switch (round % 3) {
        case 0:  // a dense run
          k = start + rng() % (2 * size);
          break;
        case 1:  // spread over the list
          k = 1 + rng() % 1000000;
          break;
        default:  // both ends and the middle
          k = rng() % 2 ? start + rng() % 5 : (rng() % 2 ? 1000001 + rng() % 100 : rng() % 3);
          break;
      }
      if (model.count(k) == 0) batch.insert(k);
    }
    if (round % 7 == 6) {
      for (uint64_t k : batch) list.Insert(k);  // one at a time, mixed in
    } else {
      std::vector<uint64_t> keys(batch.begin(), batch.end());
      list.InsertSorted(keys.data(), keys.size());
    }
    model.insert(batch.begin(), batch.end());
  }
  list.InsertSorted(nullptr, 0);
  List::Iterator it(&list);
  it.SeekToFirst();
  for (uint64_t k : model) {
    REQUIRE(it.Valid());
    REQUIRE(it.key() == k);
    it.Next();
  }
  CHECK_FALSE(it.Valid());
  for (int i = 0; i < 5000; ++i) {
    const uint64_t target = rng() % 1000200;
    it.Seek(target);
    auto lb = model.lower_bound(target);
    REQUIRE(it.Valid() == (lb != model.end()));
    if (it.Valid()) CHECK(it.key() == *lb);
    CHECK(list.Contains(target) == (model.count(target) > 0));
    it.SeekForPrev(target);
    auto ub = model.upper_bound(target);
    REQUIRE(it.Valid() == (ub != model.begin()));
    if (it.Valid()) CHECK(it.key() == *std::prev(ub));
  }
}

TEST_CASE("SkipList readers run lock-free during inserts", "[memtable][skiplist]") {
  Arena arena;
  List list(U64Cmp(), &arena);
  constexpr int kKeys = 50000;
  // The writer inserts a fixed random permutation; `published` counts keys
  // fully inserted. A reader that loads published = n must find the first n.
  std::vector<uint64_t> order(kKeys);
  for (int i = 0; i < kKeys; ++i) order[i] = static_cast<uint64_t>(i) * 3 + 1;
  std::shuffle(order.begin(), order.end(), std::mt19937_64(5));
  std::atomic<int> published{0};
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};

  auto reader = [&](int id) {
    std::mt19937_64 rng(id);
    while (!stop.load()) {
      const int n = published.load(std::memory_order_acquire);
      // Keys inserted before we looked are visible.
      for (int j = 0; j < 50 && n > 0; ++j) {
        if (!list.Contains(order[rng() % n])) ++errors;
      }
      // A scan is strictly increasing and sees at least n keys.
      List::Iterator it(&list);
      uint64_t prev = 0;
      int seen = 0;
      for (it.SeekToFirst(); it.Valid(); it.Next()) {
        if (seen > 0 && it.key() <= prev) ++errors;
        prev = it.key();
        ++seen;
      }
      if (seen < n) ++errors;
      // Keys never inserted are never found.
      if (list.Contains(rng() % (3 * kKeys) * 3)) ++errors;
    }
  };
  // Either one Insert per key, or InsertSorted over sorted chunks of the
  // permutation (each chunk sorted in place, so that the first `published`
  // entries of `order` are still exactly the keys inserted).
  const bool sorted_chunks = GENERATE(false, true);
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) readers.emplace_back(reader, r + 1);
  if (sorted_chunks) {
    constexpr int kChunk = 37;
    for (int i = 0; i < kKeys; i += kChunk) {
      const int end = std::min(kKeys, i + kChunk);
      std::sort(order.begin() + i, order.begin() + end);
      list.InsertSorted(order.data() + i, end - i);
      published.store(end, std::memory_order_release);
    }
  } else {
    for (int i = 0; i < kKeys; ++i) {
      list.Insert(order[i]);
      published.store(i + 1, std::memory_order_release);
    }
  }
  stop = true;
  for (auto& t : readers) t.join();
  CHECK(errors.load() == 0);
}

}  // namespace
}  // namespace strata::storage
