// Reads that bypass the snapshot on purpose: GetLatest (a unique check made
// under the key's row lock) and every read of a tree the transaction created
// itself (an index build ingests into it above the snapshot).
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

  storage::MemFileSystem fs;
  std::unique_ptr<storage::Engine> engine;
  storage::TreeId tree = 0;
  std::unique_ptr<TransactionManager> manager;
};

TEST_CASE("GetLatest sees commits after the snapshot, and our own writes first", "[txn]") {
  Fixture f;
  auto reader = f.manager->Begin();  // snapshot before the commit below
  {
    auto writer = f.manager->Begin();
    writer->Put(f.tree, "k", "v1");
    writer->Put(f.tree, "gone", "x");
    REQUIRE(writer->Commit().ok());
  }
  auto at_snapshot = reader->Get(f.tree, "k");
  REQUIRE(at_snapshot.ok());
  CHECK_FALSE(at_snapshot.value().has_value());
  auto latest = reader->GetLatest(f.tree, "k");
  REQUIRE(latest.ok());
  REQUIRE(latest.value().has_value());
  CHECK(*latest.value() == "v1");
  reader->Delete(f.tree, "gone");
  auto own = reader->GetLatest(f.tree, "gone");
  REQUIRE(own.ok());
  CHECK_FALSE(own.value().has_value());
  reader->Rollback();
}

TEST_CASE("a tree the transaction created is read at its latest state", "[txn]") {
  Fixture f;
  auto txn = f.manager->Begin();
  auto created = f.engine->CreateTree("rel_new");
  REQUIRE(created.ok());
  txn->DropTreeOnRollback(created.value());
  // Rows ingested after the snapshot was taken (as CREATE INDEX does).
  REQUIRE(f.engine->IngestSortedRows(created.value(), {{"a", "1"}, {"b", "2"}}).ok());
  txn->Put(created.value(), "c", "3");
  std::vector<std::string> keys;
  auto it = txn->NewIterator(created.value());
  for (it->SeekToFirst(); it->Valid(); it->Next()) keys.emplace_back(it->key());
  CHECK(keys == std::vector<std::string>{"a", "b", "c"});
  auto got = txn->Get(created.value(), "b");
  REQUIRE(got.ok());
  CHECK(got.value() == std::optional<std::string>("2"));
  // Another tree still reads at the snapshot.
  {
    auto writer = f.manager->Begin();
    writer->Put(f.tree, "late", "x");
    REQUIRE(writer->Commit().ok());
  }
  auto late = txn->Get(f.tree, "late");
  REQUIRE(late.ok());
  CHECK_FALSE(late.value().has_value());
  txn->Rollback();
}

}  // namespace
}  // namespace strata::txn
