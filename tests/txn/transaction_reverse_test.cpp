// TxnIterator backward: SeekToLast / SeekForPrev / Prev over the write set
// merged on the snapshot -- uncommitted puts and deletes, bounds, changes of
// direction, and write sets spilled to runs -- checked against a model map
// of what the transaction sees.
#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "txn/transaction.h"

namespace strata::txn {
namespace {

constexpr char kSpillDir[] = "/db/txn_spill";

std::string K(int i) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "k%04d", i);
  return buf;
}

struct Fixture {
  Fixture() {
    storage::EngineOptions options;
    options.fs = &fs;
    auto opened = storage::Engine::Open("/db", options);
    REQUIRE(opened.ok());
    engine = std::move(opened).value();
    before = engine->CreateTree("before").value();  // other trees share spill runs
    tree = engine->CreateTree("t").value();
    after = engine->CreateTree("after").value();
    manager = std::make_unique<TransactionManager>(engine.get());
    REQUIRE(manager->EnableSpill(&fs, kSpillDir).ok());
  }
  ~Fixture() { (void)engine->Close(); }

  storage::MemFileSystem fs;
  std::unique_ptr<storage::Engine> engine;
  storage::TreeId before = 0, tree = 0, after = 0;
  std::unique_ptr<TransactionManager> manager;
};

using Model = std::map<std::string, std::string>;

std::vector<std::string> Backward(TxnIterator* it) {
  std::vector<std::string> out;
  for (it->SeekToLast(); it->Valid(); it->Prev()) {
    out.push_back(std::string(it->key()) + "=" + std::string(it->value()));
  }
  REQUIRE(it->status().ok());
  return out;
}

std::vector<std::string> ModelBackward(const Model& m, const std::optional<std::string>& lo,
                                       const std::optional<std::string>& hi) {
  std::vector<std::string> out;
  for (auto it = m.rbegin(); it != m.rend(); ++it) {
    if (hi && it->first >= *hi) continue;
    if (lo && it->first < *lo) break;
    out.push_back(it->first + "=" + it->second);
  }
  return out;
}

TEST_CASE("TxnIterator walks backward over its own writes", "[txn][reverse]") {
  Fixture f;
  for (const char* k : {"b", "d", "f", "h"}) {
    REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, k, "c").ok());
  }
  auto txn = f.manager->Begin();
  REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, "g", "late").ok());  // after snapshot
  txn->Put(f.tree, "a", "w");
  txn->Put(f.tree, "d", "w");  // shadows the committed d
  txn->Delete(f.tree, "f");    // hides the committed f
  txn->Put(f.tree, "i", "w");
  txn->Delete(f.tree, "z");  // delete of a key nobody has
  {
    auto all = txn->NewIterator(f.tree);
    CHECK(Backward(all.get()) ==
          std::vector<std::string>{"i=w", "h=c", "d=w", "b=c", "a=w"});
  }
  {
    // Bounds [b, h): the write at i and the entry at h are past the end.
    auto bounded = txn->NewIterator(f.tree, std::string("b"), std::string("h"));
    CHECK(Backward(bounded.get()) == std::vector<std::string>{"d=w", "b=c"});
    bounded->SeekForPrev("e");
    REQUIRE(bounded->Valid());
    CHECK(bounded->key() == Slice("d"));
    bounded->SeekForPrev("f");  // f is deleted: the entry before it
    REQUIRE(bounded->Valid());
    CHECK(bounded->key() == Slice("d"));
    bounded->SeekForPrev("zz");  // beyond the upper bound: the last entry
    REQUIRE(bounded->Valid());
    CHECK(bounded->key() == Slice("d"));
    bounded->SeekForPrev("a");  // below the lower bound
    CHECK_FALSE(bounded->Valid());
  }
  {
    // Turning round in the middle.
    auto it2 = txn->NewIterator(f.tree);
    it2->Seek("c");
    REQUIRE(it2->Valid());
    CHECK(it2->key() == Slice("d"));
    it2->Prev();
    REQUIRE(it2->Valid());
    CHECK(it2->key() == Slice("b"));
    it2->Next();
    REQUIRE(it2->Valid());
    CHECK(it2->key() == Slice("d"));
    CHECK(it2->value() == Slice("w"));
    it2->Next();
    REQUIRE(it2->Valid());
    CHECK(it2->key() == Slice("h"));
    it2->Prev();
    REQUIRE(it2->Valid());
    CHECK(it2->key() == Slice("d"));
    it2->Prev();
    it2->Prev();
    REQUIRE(it2->Valid());
    CHECK(it2->key() == Slice("a"));
    it2->Prev();
    CHECK_FALSE(it2->Valid());
  }
}

// Random puts and deletes over committed rows, some spilled to runs; every
// bounded backward walk and every direction change agrees with the model.
void RandomCheck(bool spill, uint32_t seed) {
  Fixture f;
  std::mt19937 rng(seed);
  Model model;
  {
    auto load = f.manager->Begin();
    for (int i = 0; i < 200; i += 2) {
      load->Put(f.tree, K(i), "c" + std::to_string(i));
      load->Put(f.before, K(i), "x");
      load->Put(f.after, K(i), "x");
      model[K(i)] = "c" + std::to_string(i);
    }
    REQUIRE(load->Commit().ok());
  }
  auto txn = f.manager->Begin();
  if (spill) txn->set_spill_threshold(1500);
  for (int n = 0; n < 300; ++n) {
    const int i = static_cast<int>(rng() % 220);
    const int what = static_cast<int>(rng() % 3);
    if (what == 0) {
      txn->Delete(f.tree, K(i));
      model.erase(K(i));
    } else {
      txn->Put(f.tree, K(i), "w" + std::to_string(n));
      model[K(i)] = "w" + std::to_string(n);
    }
    if (n % 7 == 0) txn->Put(f.before, K(i), "y");
    if (n % 5 == 0) txn->Put(f.after, K(i), "y");
  }
  if (spill) REQUIRE(txn->spill_count() >= 1);
  for (int round = 0; round < 20; ++round) {
    std::optional<std::string> lo, hi;
    if (round % 3 != 0) lo = K(static_cast<int>(rng() % 230));
    if (round % 4 != 0) hi = K(static_cast<int>(rng() % 230));
    auto it = txn->NewIterator(f.tree, lo, hi);
    CHECK(Backward(it.get()) == ModelBackward(model, lo, hi));
    // A zig-zag: two steps forward from a SeekForPrev, one back.
    const std::string target = K(static_cast<int>(rng() % 230));
    it->SeekForPrev(target);
    std::vector<std::string> got, want;
    for (int step = 0; step < 12 && it->Valid(); ++step) {
      got.emplace_back(it->key());
      if (step % 3 == 2) {
        it->Prev();
      } else {
        it->Next();
      }
    }
    // The model's walk.
    std::vector<std::string> keys;
    for (const auto& [k, v] : model) {
      if ((!lo || k >= *lo) && (!hi || k < *hi)) keys.push_back(k);
    }
    long pos = -1;
    for (size_t j = 0; j < keys.size(); ++j) {
      if (keys[j] <= target) pos = static_cast<long>(j);
    }
    if (hi && target >= *hi) pos = static_cast<long>(keys.size()) - 1;
    for (int step = 0; step < 12 && pos >= 0 && pos < static_cast<long>(keys.size()); ++step) {
      want.push_back(keys[static_cast<size_t>(pos)]);
      pos += step % 3 == 2 ? -1 : 1;
    }
    CHECK(got == want);
  }
}

TEST_CASE("TxnIterator backward agrees with a model", "[txn][reverse]") {
  for (uint32_t seed = 1; seed <= 5; ++seed) RandomCheck(false, seed);
}

TEST_CASE("TxnIterator backward over a spilled write set", "[txn][reverse][spill]") {
  for (uint32_t seed = 11; seed <= 14; ++seed) RandomCheck(true, seed);
}

}  // namespace
}  // namespace strata::txn
