// Transaction features used by transaction blocks: savepoints (write-set
// undo), a new snapshot per statement with exact commit-time checks, the
// early conflict check, and the latest-state iterator.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "storage/engine.h"
#include "storage/io/mem_file_system.h"
#include "txn/transaction.h"

namespace strata::txn {
namespace {

struct BlockFixture {
  BlockFixture() {
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
  ~BlockFixture() { (void)engine->Close(); }

  void Commit(const std::string& key, const std::string& value) {
    auto txn = manager->Begin();
    txn->Put(tree, key, value);
    REQUIRE(txn->Commit().ok());
  }
  std::string Scan(Transaction* txn) {
    std::string out;
    auto it = txn->NewIterator(tree);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      out += std::string(it->key()) + "=" + std::string(it->value()) + ";";
    }
    return out;
  }
  std::optional<std::string> Get(Transaction* txn, const std::string& key) {
    auto r = txn->Get(tree, key);
    REQUIRE(r.ok());
    return r.value();
  }

  storage::MemFileSystem fs;
  std::unique_ptr<storage::Engine> engine;
  storage::TreeId tree = 0;
  std::unique_ptr<TransactionManager> manager;
};

TEST_CASE_METHOD(BlockFixture, "rolling back to a savepoint restores the write set") {
  Commit("a", "1");
  auto txn = manager->Begin();
  txn->Put(tree, "b", "2");
  auto sp1 = txn->BeginSavepoint();
  txn->Put(tree, "b", "22");
  txn->Delete(tree, "a");
  txn->Put(tree, "c", "3");
  auto sp2 = txn->BeginSavepoint();
  txn->Put(tree, "d", "4");
  CHECK(Scan(txn.get()) == "b=22;c=3;d=4;");
  REQUIRE(txn->RollbackToSavepoint(sp2).ok());
  CHECK(Scan(txn.get()) == "b=22;c=3;");
  txn->ReleaseSavepoint(sp2);
  REQUIRE(txn->RollbackToSavepoint(sp1).ok());
  CHECK(Scan(txn.get()) == "a=1;b=2;");
  // The savepoint stays usable after ROLLBACK TO.
  txn->Put(tree, "e", "5");
  REQUIRE(txn->RollbackToSavepoint(sp1).ok());
  CHECK(Scan(txn.get()) == "a=1;b=2;");
  txn->ReleaseSavepoint(sp1);
  REQUIRE(txn->Commit().ok());
  auto reader = manager->Begin();
  CHECK(Scan(reader.get()) == "a=1;b=2;");
}

TEST_CASE_METHOD(BlockFixture, "a rolled-back savepoint forgets its commit-time checks") {
  Commit("k", "old");
  auto txn = manager->Begin();
  auto sp = txn->BeginSavepoint();
  txn->PutExisting(tree, "k", "mine");
  REQUIRE(txn->RollbackToSavepoint(sp).ok());
  txn->ReleaseSavepoint(sp);
  Commit("k", "theirs");  // would conflict with the undone write
  txn->Put(tree, "other", "x");
  CHECK(txn->Commit().ok());
}

TEST_CASE_METHOD(BlockFixture, "trees created after a savepoint go when rolling back to it") {
  auto txn = manager->Begin();
  auto sp = txn->BeginSavepoint();
  auto t2 = engine->CreateTree("t2");
  REQUIRE(t2.ok());
  txn->DropTreeOnRollback(t2.value());
  txn->Put(t2.value(), "x", "y");
  REQUIRE(txn->RollbackToSavepoint(sp).ok());
  CHECK(!txn->has_writes());
  bool found = false;
  for (const auto& t : engine->GetStats().trees) found |= t.name == "t2";
  CHECK(!found);
}

TEST_CASE_METHOD(BlockFixture, "a new statement snapshot sees later commits and keeps own writes") {
  Commit("a", "1");
  auto txn = manager->Begin();
  txn->Put(tree, "mine", "m");
  Commit("b", "2");
  CHECK(!Get(txn.get(), "b").has_value());
  txn->NewStatementSnapshot();
  CHECK(Get(txn.get(), "b") == std::optional<std::string>("2"));
  CHECK(Get(txn.get(), "mine") == std::optional<std::string>("m"));
}

TEST_CASE_METHOD(BlockFixture, "checks use the snapshot each key was read at") {
  Commit("k", "v0");
  auto txn = manager->Begin();
  txn->PutExisting(tree, "k", "v1");  // read at the first snapshot
  Commit("k", "theirs");               // lost update unless detected
  txn->NewStatementSnapshot();         // a later statement's snapshot sees "theirs"
  Status s = txn->Commit();
  CHECK(s.IsBusy());
  CHECK(txn->write_conflict());
  CHECK(!txn->conflict_was_delete());
}

TEST_CASE_METHOD(BlockFixture, "the early check reports conflicts since a position") {
  Commit("k", "v0");
  auto txn = manager->Begin();
  auto start = txn->Position();
  txn->PutExisting(tree, "k", "v1");
  CHECK(txn->CheckConflictsSince(start).ok());
  auto del = manager->Begin();
  del->Delete(tree, "k");
  REQUIRE(del->Commit().ok());
  CHECK(txn->CheckConflictsSince(txn->Position()).ok());  // nothing since
  CHECK(txn->CheckConflictsSince(start).IsBusy());
  CHECK(txn->conflict_was_delete());
  txn->ClearConflict();
  CHECK(!txn->write_conflict());

  auto ins = manager->Begin();
  auto mark = ins->Position();
  ins->PutNew(tree, "n", "mine");
  Commit("n", "theirs");
  CHECK(ins->CheckConflictsSince(mark).IsAborted());
  REQUIRE(ins->unique_violation().has_value());
  CHECK(ins->unique_violation()->key == "n");
}

TEST_CASE_METHOD(BlockFixture, "the latest iterator merges the write set over committed state") {
  auto txn = manager->Begin();
  Commit("late", "1");
  txn->Put(tree, "own", "2");
  std::string seen;
  auto it = txn->NewLatestIterator(tree);
  for (it->SeekToFirst(); it->Valid(); it->Next()) seen += std::string(it->key()) + ";";
  CHECK(seen == "late;own;");
  CHECK(Scan(txn.get()) == "own=2;");
}

}  // namespace
}  // namespace strata::txn
