// Transaction: read-your-writes over a snapshot, the merged iterator, one
// atomic commit, rollback, and the commit-time uniqueness re-check.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
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
  }
  ~Fixture() { (void)engine->Close(); }

  std::optional<std::string> Latest(const std::string& key) {
    auto r = engine->Get(storage::ReadOptions{}, tree, key);
    if (!r.ok()) return std::nullopt;
    return r.value();
  }

  std::vector<std::string> Scan(Transaction* txn, std::optional<std::string> lo = std::nullopt,
                                std::optional<std::string> hi = std::nullopt) {
    std::vector<std::string> out;
    auto it = txn->NewIterator(tree, lo, hi);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      out.push_back(std::string(it->key()) + "=" + std::string(it->value()));
    }
    return out;
  }

  storage::MemFileSystem fs;
  std::unique_ptr<storage::Engine> engine;
  storage::TreeId tree = 0;
  std::unique_ptr<TransactionManager> manager;
};

TEST_CASE("transaction reads its own writes merged over the snapshot", "[txn]") {
  Fixture f;
  REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, "b", "1").ok());
  REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, "d", "1").ok());
  auto txn = f.manager->Begin();
  // Written after the snapshot: invisible to txn.
  REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, "c", "late").ok());
  txn->Put(f.tree, "a", "new");
  txn->Put(f.tree, "b", "2");
  txn->Delete(f.tree, "d");
  txn->Put(f.tree, "e", "5");
  REQUIRE(txn->Get(f.tree, "b").value() == std::optional<std::string>("2"));
  REQUIRE_FALSE(txn->Get(f.tree, "c").value().has_value());
  REQUIRE_FALSE(txn->Get(f.tree, "d").value().has_value());
  CHECK(f.Scan(txn.get()) == std::vector<std::string>{"a=new", "b=2", "e=5"});
  CHECK(f.Scan(txn.get(), "b", "e") == std::vector<std::string>{"b=2"});
  // Nothing is visible to others before commit.
  CHECK_FALSE(f.Latest("a").has_value());
  REQUIRE(txn->Commit().ok());
  CHECK(f.Latest("a") == std::optional<std::string>("new"));
  CHECK_FALSE(f.Latest("d").has_value());
  CHECK(f.Latest("c") == std::optional<std::string>("late"));
}

TEST_CASE("rollback discards the write set and drops created trees", "[txn]") {
  Fixture f;
  auto created = f.engine->CreateTree("scratch");
  REQUIRE(created.ok());
  {
    auto txn = f.manager->Begin();
    txn->Put(f.tree, "k", "v");
    txn->DropTreeOnRollback(created.value());
    txn->Rollback();
  }
  CHECK_FALSE(f.Latest("k").has_value());
  CHECK_FALSE(f.engine->FindTree("scratch").ok());
  {
    auto txn = f.manager->Begin();
    txn->Put(f.tree, "k", "v");
  }  // destroyed without commit: rolled back
  CHECK_FALSE(f.Latest("k").has_value());
}

TEST_CASE("PutNew is re-checked at commit against the latest state", "[txn]") {
  Fixture f;
  auto first = f.manager->Begin();
  auto second = f.manager->Begin();
  REQUIRE_FALSE(first->Get(f.tree, "pk1").value().has_value());
  REQUIRE_FALSE(second->Get(f.tree, "pk1").value().has_value());
  first->PutNew(f.tree, "pk1", "from first");
  second->PutNew(f.tree, "pk1", "from second");
  second->Put(f.tree, "other", "x");
  REQUIRE(first->Commit().ok());
  Status s = second->Commit();
  REQUIRE(s.IsAborted());
  REQUIRE(second->unique_violation().has_value());
  CHECK(second->unique_violation()->key == "pk1");
  CHECK(f.Latest("pk1") == std::optional<std::string>("from first"));
  // Nothing of the failed transaction is stored.
  CHECK_FALSE(f.Latest("other").has_value());
}

TEST_CASE("the on_finish hook runs once with the transaction's outcome", "[txn]") {
  Fixture f;
  std::vector<std::string> calls;
  auto hook = [&calls](const char* name) {
    return [&calls, name](bool committed) {
      calls.push_back(std::string(name) + (committed ? "=commit" : "=abort"));
    };
  };
  {
    auto committed = f.manager->Begin();
    committed->set_on_finish(hook("a"));
    committed->Put(f.tree, "k", "v");
    REQUIRE(committed->Commit().ok());
    auto empty = f.manager->Begin();
    empty->set_on_finish(hook("b"));
    REQUIRE(empty->Commit().ok());  // nothing written: still a commit
    auto rolled_back = f.manager->Begin();
    rolled_back->set_on_finish(hook("c"));
    rolled_back->Rollback();
    rolled_back->Rollback();  // a second end does not call it again
    auto loser = f.manager->Begin();
    auto winner = f.manager->Begin();
    loser->set_on_finish(hook("d"));
    loser->PutNew(f.tree, "pk", "x");
    winner->PutNew(f.tree, "pk", "y");
    REQUIRE(winner->Commit().ok());
    REQUIRE(loser->Commit().IsAborted());  // a failed commit is not a commit
    auto dropped = f.manager->Begin();
    dropped->set_on_finish(hook("e"));
  }  // `dropped` is destroyed unfinished: rolled back
  CHECK(calls == std::vector<std::string>{"a=commit", "b=commit", "c=abort", "d=abort",
                                          "e=abort"});
}

TEST_CASE("PutNew of a key the transaction deleted first passes", "[txn]") {
  Fixture f;
  REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, "k", "old").ok());
  auto txn = f.manager->Begin();
  txn->Delete(f.tree, "k");
  txn->PutNew(f.tree, "k", "new");
  REQUIRE(txn->Commit().ok());
  CHECK(f.Latest("k") == std::optional<std::string>("new"));
}

TEST_CASE("PutExisting/DeleteExisting: the first committer wins", "[txn]") {
  Fixture f;
  REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, "row", "v0").ok());
  auto first = f.manager->Begin();
  auto second = f.manager->Begin();
  auto third = f.manager->Begin();
  first->PutExisting(f.tree, "row", "v1");
  second->PutExisting(f.tree, "row", "v2");
  third->DeleteExisting(f.tree, "row");
  REQUIRE(first->Commit().ok());
  Status s = second->Commit();
  CHECK(s.IsBusy());
  CHECK(second->write_conflict());
  CHECK(third->Commit().IsBusy());
  CHECK(f.Latest("row") == std::optional<std::string>("v1"));
  // A transaction that began after the change may change it again.
  auto fourth = f.manager->Begin();
  fourth->DeleteExisting(f.tree, "row");
  REQUIRE(fourth->Commit().ok());
  CHECK_FALSE(f.Latest("row").has_value());
}

TEST_CASE("DropTreeAfterCommit drops the tree only once committed", "[txn]") {
  Fixture f;
  auto doomed = f.engine->CreateTree("doomed");
  REQUIRE(doomed.ok());
  auto txn = f.manager->Begin();
  txn->Put(f.tree, "catalog", "changed");
  txn->DropTreeAfterCommit(doomed.value());
  CHECK(f.engine->FindTree("doomed").ok());
  REQUIRE(txn->Commit().ok());
  CHECK_FALSE(f.engine->FindTree("doomed").ok());
}

}  // namespace
}  // namespace strata::txn
