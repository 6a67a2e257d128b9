// Transaction::CommitIngest: COPY's bulk commit -- sorted rows become visible
// at once through an ingested table file, unique against the latest state
// (also against rows committed after the transaction's snapshot), and
// invisible to snapshots taken before; on any failure nothing is stored.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <utility>
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

  std::vector<std::string> Scan(Transaction* txn) {
    std::vector<std::string> out;
    auto it = txn->NewIterator(tree);
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

std::vector<std::pair<std::string, std::string>> Rows(std::vector<std::string> keys) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (std::string& k : keys) rows.emplace_back(k, "v" + k);
  return rows;
}

TEST_CASE("CommitIngest makes the rows visible to later snapshots only", "[txn][ingest]") {
  Fixture f;
  REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, "a", "old").ok());
  auto before = f.manager->Begin();
  auto txn = f.manager->Begin();
  REQUIRE(txn->CommitIngest(f.tree, Rows({"b", "c", "e"})).ok());
  CHECK(f.Scan(before.get()) == std::vector<std::string>{"a=old"});
  auto after = f.manager->Begin();
  CHECK(f.Scan(after.get()) == std::vector<std::string>{"a=old", "b=vb", "c=vc", "e=ve"});
  auto got = after->Get(f.tree, "c");
  REQUIRE(got.ok());
  CHECK(got.value() == std::optional<std::string>("vc"));
  before->Rollback();
  after->Rollback();
}

TEST_CASE("CommitIngest refuses a key that exists in the latest state", "[txn][ingest]") {
  Fixture f;
  REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, "a", "old").ok());
  auto txn = f.manager->Begin();
  // Committed after txn's snapshot: only the commit-time check can see it.
  REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, "d", "late").ok());
  Status s = txn->CommitIngest(f.tree, Rows({"b", "c", "d", "e"}));
  CHECK(s.IsAborted());
  REQUIRE(txn->unique_violation().has_value());
  CHECK(txn->unique_violation()->key == "d");
  auto reader = f.manager->Begin();
  CHECK(f.Scan(reader.get()) == std::vector<std::string>{"a=old", "d=late"});
  reader->Rollback();
}

TEST_CASE("CommitIngest: keys around the rows do not clash", "[txn][ingest]") {
  Fixture f;
  for (const char* k : {"a", "bb", "c0", "z"}) {
    REQUIRE(f.engine->Put(storage::WriteOptions{}, f.tree, k, "x").ok());
  }
  auto txn = f.manager->Begin();
  REQUIRE(txn->CommitIngest(f.tree, Rows({"b", "c", "y"})).ok());
  auto reader = f.manager->Begin();
  CHECK(f.Scan(reader.get()) ==
        std::vector<std::string>{"a=x", "b=vb", "bb=x", "c=vc", "c0=x", "y=vy", "z=x"});
  reader->Rollback();
}

TEST_CASE("CommitIngest needs the transaction's only writes", "[txn][ingest]") {
  Fixture f;
  auto txn = f.manager->Begin();
  txn->Put(f.tree, "q", "1");
  CHECK(txn->CommitIngest(f.tree, Rows({"b"})).IsInvalidArgument());
  auto reader = f.manager->Begin();
  CHECK(f.Scan(reader.get()).empty());
  reader->Rollback();
}

TEST_CASE("CommitIngest of no rows commits nothing", "[txn][ingest]") {
  Fixture f;
  auto txn = f.manager->Begin();
  REQUIRE(txn->CommitIngest(f.tree, {}).ok());
}

}  // namespace
}  // namespace strata::txn
