// Huge transactions: past the spill threshold the write set moves to sorted
// runs on disk; the transaction still reads its own writes (Get, GetLatest,
// iterators: memory over runs over the snapshot), refuses ROLLBACK TO a
// savepoint older than a spill, commits everything at one sequence number
// (table and index trees, puts and deletes), rolls back without a trace,
// keeps its uniqueness and must-be-unchanged checks, and leaves no spill
// file behind.
#include <catch2/catch.hpp>

#include <cstdio>
#include <map>
#include <memory>
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
  std::snprintf(buf, sizeof(buf), "k%06d", i);
  return buf;
}

struct Fixture {
  Fixture() {
    storage::EngineOptions options;
    options.fs = &fs;
    auto opened = storage::Engine::Open("/db", options);
    REQUIRE(opened.ok());
    engine = std::move(opened).value();
    table = engine->CreateTree("t").value();
    index = engine->CreateTree("i").value();
    manager = std::make_unique<TransactionManager>(engine.get());
    REQUIRE(manager->EnableSpill(&fs, kSpillDir).ok());
  }
  ~Fixture() { (void)engine->Close(); }

  std::unique_ptr<Transaction> Begin(size_t threshold = 2000) {
    auto txn = manager->Begin();
    txn->set_spill_threshold(threshold);
    return txn;
  }

  std::map<std::string, std::string> Scan(Transaction* txn, storage::TreeId tree) {
    std::map<std::string, std::string> out;
    auto it = txn->NewIterator(tree);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      out.emplace(std::string(it->key()), std::string(it->value()));
    }
    REQUIRE(it->status().ok());
    return out;
  }

  std::string Get(Transaction* txn, storage::TreeId tree, const std::string& key) {
    auto got = txn->Get(tree, key);
    REQUIRE(got.ok());
    return got->has_value() ? **got : "<none>";
  }

  size_t SpillFiles() {
    auto children = fs.GetChildren(kSpillDir);
    REQUIRE(children.ok());
    return children->size();
  }

  storage::MemFileSystem fs;
  std::unique_ptr<storage::Engine> engine;
  storage::TreeId table = 0;
  storage::TreeId index = 0;
  std::unique_ptr<TransactionManager> manager;
};

// Rows 0..n-1 committed to the table ("old<i>").
void Seed(Fixture& f, int n) {
  auto txn = f.manager->Begin();
  for (int i = 0; i < n; ++i) txn->PutNew(f.table, K(i), "old" + std::to_string(i));
  REQUIRE(txn->Commit().ok());
}

TEST_CASE("Spilled transaction reads its own writes and commits them at once", "[txn][spill]") {
  Fixture f;
  Seed(f, 100);
  auto before = f.manager->Begin();
  auto txn = f.Begin();
  // New rows 100..399 with index entries, updates of 0..49 (some twice,
  // across spills), deletes of 50..79.
  for (int i = 100; i < 400; ++i) {
    txn->PutNew(f.table, K(i), "new" + std::to_string(i));
    txn->PutNew(f.index, "idx" + K(i), K(i));
  }
  for (int i = 0; i < 50; ++i) txn->PutExisting(f.table, K(i), "upd" + std::to_string(i));
  for (int i = 50; i < 80; ++i) txn->DeleteExisting(f.table, K(i));
  for (int i = 0; i < 10; ++i) txn->Put(f.table, K(i), "again" + std::to_string(i));
  txn->Delete(f.table, K(150));  // a spilled new row deleted again
  REQUIRE(txn->spill_count() >= 3);
  CHECK(f.SpillFiles() > 0);

  // Read-your-writes through every path.
  CHECK(f.Get(txn.get(), f.table, K(3)) == "again3");
  CHECK(f.Get(txn.get(), f.table, K(30)) == "upd30");
  CHECK(f.Get(txn.get(), f.table, K(60)) == "<none>");
  CHECK(f.Get(txn.get(), f.table, K(85)) == "old85");
  CHECK(f.Get(txn.get(), f.table, K(150)) == "<none>");
  CHECK(f.Get(txn.get(), f.table, K(151)) == "new151");
  auto latest = txn->GetLatest(f.table, K(120));
  REQUIRE(latest.ok());
  CHECK(**latest == "new120");
  auto rows = f.Scan(txn.get(), f.table);
  CHECK(rows.size() == 100 - 30 + 300 - 1);
  CHECK(rows.at(K(5)) == "again5");
  CHECK(rows.at(K(45)) == "upd45");
  CHECK(rows.count(K(55)) == 0);
  CHECK(rows.at(K(399)) == "new399");
  CHECK(f.Scan(txn.get(), f.index).size() == 300);
  {
    // A bounded iterator sees the merged view too.
    auto it = txn->NewIterator(f.table, K(48), K(52));
    std::vector<std::string> keys;
    for (it->SeekToFirst(); it->Valid(); it->Next()) keys.emplace_back(it->key());
    CHECK(keys == std::vector<std::string>{K(48), K(49)});
  }
  // Nobody else sees anything yet.
  CHECK(f.Scan(before.get(), f.table).size() == 100);

  const storage::SequenceNumber seq = f.engine->LatestSequence();
  REQUIRE(txn->Commit().ok());
  CHECK(f.engine->LatestSequence() == seq + 1);  // one sequence number for all of it
  CHECK(f.SpillFiles() == 0);
  auto after = f.manager->Begin();
  auto committed = f.Scan(after.get(), f.table);
  CHECK(committed == rows);
  CHECK(f.Scan(after.get(), f.index).size() == 300);
  CHECK(f.Scan(before.get(), f.table).size() == 100);  // older snapshot unchanged
}

TEST_CASE("Spilled transaction rolls back without a trace", "[txn][spill]") {
  Fixture f;
  Seed(f, 20);
  {
    auto txn = f.Begin();
    for (int i = 20; i < 300; ++i) txn->PutNew(f.table, K(i), "x");
    for (int i = 0; i < 20; ++i) txn->DeleteExisting(f.table, K(i));
    REQUIRE(txn->spill_count() > 0);
    txn->Rollback();
  }
  CHECK(f.SpillFiles() == 0);
  auto reader = f.manager->Begin();
  CHECK(f.Scan(reader.get(), f.table).size() == 20);
  // Dropped without Commit or Rollback (the destructor rolls back) too.
  {
    auto txn = f.Begin();
    for (int i = 20; i < 300; ++i) txn->PutNew(f.table, K(i), "x");
    REQUIRE(txn->spill_count() > 0);
  }
  CHECK(f.SpillFiles() == 0);
}

TEST_CASE("Savepoints older than a spill cannot be rolled back to", "[txn][spill]") {
  Fixture f;
  auto txn = f.Begin();
  txn->PutNew(f.table, K(0), "a");
  const Transaction::Savepoint old_sp = txn->BeginSavepoint();
  for (int i = 1; i < 200; ++i) txn->PutNew(f.table, K(i), "b");
  REQUIRE(txn->spill_count() > 0);
  CHECK(txn->RollbackToSavepoint(old_sp).IsNotSupported());
  // Nothing was undone.
  CHECK(f.Get(txn.get(), f.table, K(150)) == "b");
  // A savepoint taken after the last spill still works.
  const size_t spills = txn->spill_count();
  const Transaction::Savepoint sp = txn->BeginSavepoint();
  txn->Put(f.table, K(3), "changed");
  txn->PutNew(f.table, K(500), "c");
  REQUIRE(txn->spill_count() == spills);
  REQUIRE(txn->RollbackToSavepoint(sp).ok());
  CHECK(f.Get(txn.get(), f.table, K(3)) == "b");
  CHECK(f.Get(txn.get(), f.table, K(500)) == "<none>");
  txn->ReleaseSavepoint(sp);
  txn->ReleaseSavepoint(old_sp);
  REQUIRE(txn->Commit().ok());
  auto reader = f.manager->Begin();
  CHECK(f.Scan(reader.get(), f.table).size() == 200);
}

TEST_CASE("Spilled uniqueness checks still catch a concurrent insert", "[txn][spill]") {
  Fixture f;
  auto big = f.Begin();
  for (int i = 0; i < 300; ++i) big->PutNew(f.table, K(i), "big");
  REQUIRE(big->spill_count() > 0);
  // Another transaction commits a key the big one inserted (and spilled).
  auto other = f.manager->Begin();
  other->PutNew(f.table, K(42), "other");
  REQUIRE(other->Commit().ok());
  const Status s = big->Commit();
  CHECK(s.IsAborted());
  REQUIRE(big->unique_violation().has_value());
  CHECK(big->unique_violation()->key == K(42));
  CHECK(f.SpillFiles() == 0);
  auto reader = f.manager->Begin();
  auto rows = f.Scan(reader.get(), f.table);
  CHECK(rows.size() == 1);
  CHECK(rows.at(K(42)) == "other");
}

TEST_CASE("Spilled must-be-unchanged checks still catch a concurrent update", "[txn][spill]") {
  Fixture f;
  Seed(f, 200);
  auto big = f.Begin();
  for (int i = 0; i < 200; ++i) big->PutExisting(f.table, K(i), "big");
  REQUIRE(big->spill_count() > 0);
  auto other = f.manager->Begin();
  other->PutExisting(f.table, K(7), "other");
  REQUIRE(other->Commit().ok());
  CHECK(big->Commit().IsBusy());
  CHECK(big->write_conflict());
  auto reader = f.manager->Begin();
  CHECK(f.Get(reader.get(), f.table, K(7)) == "other");
  CHECK(f.Get(reader.get(), f.table, K(8)) == "old8");
}

TEST_CASE("Spilled checks respect statement snapshots and CheckConflictsSince",
          "[txn][spill]") {
  Fixture f;
  Seed(f, 10);
  auto txn = f.Begin();
  // Statement 1 deletes row 5 and spills.
  txn->DeleteExisting(f.table, K(5));
  for (int i = 100; i < 300; ++i) txn->PutNew(f.table, K(i), "s1");
  REQUIRE(txn->spill_count() > 0);
  // A concurrent commit changes row 6 (not touched by us).
  auto other = f.manager->Begin();
  other->PutExisting(f.table, K(6), "other");
  REQUIRE(other->Commit().ok());
  // Statement 2 on a new snapshot re-inserts row 5 and updates row 6 as it
  // now sees it: no conflict.
  txn->NewStatementSnapshot();
  const Transaction::Savepoint sp = txn->Position();
  txn->PutNew(f.table, K(5), "again");
  txn->PutExisting(f.table, K(6), "mine");
  for (int i = 300; i < 500; ++i) txn->PutNew(f.table, K(i), "s2");
  CHECK(txn->CheckConflictsSince(sp).ok());
  REQUIRE(txn->Commit().ok());
  auto reader = f.manager->Begin();
  CHECK(f.Get(reader.get(), f.table, K(5)) == "again");
  CHECK(f.Get(reader.get(), f.table, K(6)) == "mine");
  CHECK(f.Scan(reader.get(), f.table).size() == 10 + 400);
}

TEST_CASE("A spill keeps the write map a live iterator walks", "[txn][spill]") {
  Fixture f;
  Seed(f, 10);
  auto txn = f.Begin();
  txn->Put(f.table, K(1), "mine");
  auto it = txn->NewIterator(f.table);
  it->SeekToFirst();
  REQUIRE(it->Valid());
  // Writes to another tree spill while the iterator is open; the table's
  // map, which the iterator points into, stays in memory.
  for (int i = 0; i < 300; ++i) txn->PutNew(f.index, K(i), "x");
  REQUIRE(txn->spill_count() > 0);
  std::vector<std::string> seen;
  for (; it->Valid(); it->Next()) seen.emplace_back(it->value());
  CHECK(seen.size() == 10);
  CHECK(seen[1] == "mine");
  it.reset();
  CHECK(f.Get(txn.get(), f.table, K(1)) == "mine");
  CHECK(f.Scan(txn.get(), f.index).size() == 300);
  REQUIRE(txn->Commit().ok());
}

TEST_CASE("Spill files of a crashed run are swept at startup", "[txn][spill]") {
  Fixture f;
  auto txn = f.Begin();
  for (int i = 0; i < 300; ++i) txn->PutNew(f.table, K(i), "x");
  REQUIRE(f.SpillFiles() > 0);
  // A second manager over the same directory stands for the next start.
  TransactionManager next(f.engine.get());
  REQUIRE(next.EnableSpill(&f.fs, kSpillDir).ok());
  CHECK(f.SpillFiles() == 0);
  txn.reset();
}

}  // namespace
}  // namespace strata::txn
