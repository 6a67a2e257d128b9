// Catalog: bootstrap schemas with PostgreSQL's OIDs, records round-trip,
// persistence across reopen, the OID counter, orphan tree cleanup.
#include <catch2/catch.hpp>

#include <memory>

#include "catalog/catalog.h"
#include "catalog/catalog_records.h"
#include "storage/engine.h"
#include "storage/io/mem_file_system.h"

namespace strata::catalog {
namespace {

struct Open {
  explicit Open(storage::MemFileSystem* fs) {
    storage::EngineOptions options;
    options.fs = fs;
    auto e = storage::Engine::Open("/db", options);
    REQUIRE(e.ok());
    engine = std::move(e).value();
    txns = std::make_unique<txn::TransactionManager>(engine.get());
    auto c = Catalog::Open(txns.get());
    REQUIRE(c.ok());
    catalog = std::move(c).value();
  }
  ~Open() {
    catalog.reset();
    txns.reset();
    (void)engine->Close();
  }
  std::unique_ptr<storage::Engine> engine;
  std::unique_ptr<txn::TransactionManager> txns;
  std::unique_ptr<Catalog> catalog;
};

TableDesc SampleTable() {
  TableDesc t;
  t.oid = 16390;
  t.namespace_oid = kPublicNamespace;
  t.name = "t";
  t.columns.push_back({"id", 23, -1, 1, true, std::nullopt, false});
  t.columns.push_back({"price", 1700, (10 << 16 | 2) + 4, 2, false, std::string("0.5"), false});
  t.columns.push_back({"gone", 25, -1, 3, false, std::nullopt, true});
  t.primary_key = {1};
  t.primary_key_name = "t_pkey";
  t.checks.push_back({"t_price_check", "(price > (0)::numeric)"});
  t.tree = 7;
  t.tree_name = "rel_16390_16391";
  return t;
}

TEST_CASE("table records round-trip", "[catalog]") {
  const TableDesc t = SampleTable();
  auto back = DecodeTable(t.oid, EncodeTable(t));
  REQUIRE(back.has_value());
  CHECK(back->name == "t");
  REQUIRE(back->columns.size() == 3);
  CHECK(back->columns[1].typmod == t.columns[1].typmod);
  CHECK(back->columns[1].default_expr == std::optional<std::string>("0.5"));
  CHECK(back->columns[2].dropped);
  CHECK(back->columns[0].not_null);
  CHECK(back->primary_key == std::vector<int16_t>{1});
  CHECK(back->checks.at(0).expr == "(price > (0)::numeric)");
  CHECK(back->tree_name == t.tree_name);
  CHECK_FALSE(DecodeTable(1, "\x02").has_value());
  std::string truncated = EncodeTable(t);
  truncated.pop_back();
  CHECK_FALSE(DecodeTable(1, truncated).has_value());
}

TEST_CASE("bootstrap creates PostgreSQL's schemas", "[catalog]") {
  storage::MemFileSystem fs;
  Open db(&fs);
  auto snap = db.catalog->Current();
  REQUIRE(snap->FindNamespace("pg_catalog") != nullptr);
  CHECK(snap->FindNamespace("pg_catalog")->oid == 11);
  CHECK(snap->FindNamespace("public")->oid == 2200);
  CHECK(snap->FindNamespace("information_schema")->oid == 13207);
}

TEST_CASE("tables persist, OIDs count from 16384, orphan trees are dropped", "[catalog]") {
  storage::MemFileSystem fs;
  Oid table_oid = 0;
  {
    Open db(&fs);
    std::lock_guard lock(db.catalog->ddl_mutex());
    auto txn = db.txns->Begin();
    TableDesc t = SampleTable();
    t.oid = db.catalog->AllocateOid(txn.get());
    CHECK(t.oid == kFirstNormalObjectId);
    auto tree = db.catalog->CreateTableTree(txn.get(), t.oid, &t.tree_name);
    REQUIRE(tree.ok());
    t.tree = tree.value();
    db.catalog->PutTable(txn.get(), t);
    // Not visible before commit + reload.
    CHECK(db.catalog->Current()->FindTable(t.oid) == nullptr);
    REQUIRE(txn->Commit().ok());
    REQUIRE(db.catalog->Reload().ok());
    CHECK(db.catalog->Current()->FindTable(kPublicNamespace, "t") != nullptr);
    table_oid = t.oid;
    // A tree no committed table refers to (as after a crash before commit).
    REQUIRE(db.engine->CreateTree("rel_99999_99999").ok());
  }
  Open db(&fs);
  auto snap = db.catalog->Current();
  const TableDesc* t = snap->FindTable(kPublicNamespace, "t");
  REQUIRE(t != nullptr);
  CHECK(t->oid == table_oid);
  CHECK(db.engine->FindTree(t->tree_name).ok());
  CHECK_FALSE(db.engine->FindTree("rel_99999_99999").ok());
  std::lock_guard lock(db.catalog->ddl_mutex());
  auto txn = db.txns->Begin();
  // Above both OIDs handed out before (table and its tree name).
  CHECK(db.catalog->AllocateOid(txn.get()) == kFirstNormalObjectId + 2);
}

}  // namespace
}  // namespace strata::catalog
