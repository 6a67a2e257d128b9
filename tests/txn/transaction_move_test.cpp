// Transaction::MoveExisting (an UPDATE that moves a row to a new key) and
// MovedKeys: a transaction that loses the race on a moved key is told it was
// an update, not a delete.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "txn/moved_keys.h"
#include "txn/transaction.h"

namespace strata::txn {
namespace {

struct Fixture {
  Fixture() {
    storage::EngineOptions options;
    options.fs = &fs;
    auto opened = storage::Engine::Open("/db", options);
    REQUIRE(opened.ok());
    engine = std::move(opened).value();
    auto t = engine->CreateTree("t");
    REQUIRE(t.ok());
    tree = t.value();
    manager = std::make_unique<TransactionManager>(engine.get());
    REQUIRE(engine->Put(storage::WriteOptions{}, tree, "k1", "v1").ok());
    REQUIRE(engine->Put(storage::WriteOptions{}, tree, "k2", "v2").ok());
  }
  ~Fixture() { (void)engine->Close(); }

  bool Exists(const std::string& key) {
    return engine->Get(storage::ReadOptions{}, tree, key).ok();
  }

  storage::MemFileSystem fs;
  std::unique_ptr<storage::Engine> engine;
  storage::TreeId tree = 0;
  std::unique_ptr<TransactionManager> manager;
};

TEST_CASE("a moved row: old key gone, new key written, DeletesKey sees it", "[txn]") {
  Fixture f;
  auto txn = f.manager->Begin();
  txn->MoveExisting(f.tree, "k1", "k9", "v1'");
  CHECK(txn->DeletesKey(f.tree, "k1"));
  CHECK_FALSE(txn->DeletesKey(f.tree, "k9"));
  CHECK_FALSE(txn->DeletesKey(f.tree, "k2"));
  REQUIRE(txn->Commit().ok());
  CHECK_FALSE(f.Exists("k1"));
  CHECK(f.Exists("k9"));
}

TEST_CASE("losing the race on a moved key is an update conflict, on a deleted key a delete",
          "[txn]") {
  Fixture f;
  auto loser = f.manager->Begin();  // its snapshot has k1 and k2
  auto mover = f.manager->Begin();
  mover->MoveExisting(f.tree, "k1", "k9", "v1'");
  mover->DeleteExisting(f.tree, "k2");
  REQUIRE(mover->Commit().ok());

  loser->PutExisting(f.tree, "k1", "mine");
  Status s = loser->Commit();
  CHECK(s.IsBusy());
  CHECK(loser->write_conflict());
  CHECK_FALSE(loser->conflict_was_delete());

  // k2 was plainly deleted: a transaction that still saw it hears "delete".
  Fixture g;
  auto late = g.manager->Begin();
  auto deleter = g.manager->Begin();
  deleter->DeleteExisting(g.tree, "k2");
  REQUIRE(deleter->Commit().ok());
  late->PutExisting(g.tree, "k2", "mine");
  CHECK(late->Commit().IsBusy());
  CHECK(late->conflict_was_delete());
}

TEST_CASE("MovedKeys forgets its oldest entries beyond its capacity", "[txn]") {
  MovedKeys moved;
  moved.Record(1, {"a", "b"});
  CHECK(moved.Contains(1, "a"));
  CHECK_FALSE(moved.Contains(2, "a"));
  std::vector<std::string> many;
  for (size_t i = 0; i < MovedKeys::kCapacity; ++i) many.push_back("k" + std::to_string(i));
  moved.Record(1, many);
  CHECK_FALSE(moved.Contains(1, "a"));
  CHECK_FALSE(moved.Contains(1, "b"));
  CHECK(moved.Contains(1, "k0"));
  CHECK(moved.Contains(1, many.back()));
}

}  // namespace
}  // namespace strata::txn
