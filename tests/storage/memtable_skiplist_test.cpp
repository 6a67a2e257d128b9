// SkipList: ordering, seeks in both directions against a std::set model, and
// lock-free readers running while the single writer inserts.
#include <atomic>
#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <thread>

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
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) readers.emplace_back(reader, r + 1);
  for (int i = 0; i < kKeys; ++i) {
    list.Insert(order[i]);
    published.store(i + 1, std::memory_order_release);
  }
  stop = true;
  for (auto& t : readers) t.join();
  CHECK(errors.load() == 0);
}

}  // namespace
}  // namespace strata::storage
