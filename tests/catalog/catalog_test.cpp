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

// What follows the inheritance fields at the end of table records: version
// 6's owner (the bootstrap superuser's OID 10, one varint byte), version
// 8's trigger list (empty: one byte), version 9's partitioning (none: one
// flags byte) and version 13's reloptions (none: one byte).
constexpr size_t kOwnerTrailer = 4;

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
  t.columns.push_back({"id", 23, -1, 1, true, std::nullopt, false, std::nullopt});
  t.columns.push_back(
      {"price", 1700, (10 << 16 | 2) + 4, 2, false, std::string("0.5"), false, std::nullopt});
  t.columns.push_back({"gone", 25, -1, 3, false, std::nullopt, true, std::nullopt});
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

TEST_CASE("sequence records round-trip, negative numbers included", "[catalog]") {
  SequenceDesc seq;
  seq.oid = 16400;
  seq.namespace_oid = kPublicNamespace;
  seq.name = "s";
  seq.type = 21;
  seq.start = -5;
  seq.increment = -3;
  seq.min_value = -32768;
  seq.max_value = -1;
  seq.cache = 20;
  seq.cycle = true;
  seq.owner_table = 16390;
  seq.owner_attnum = 2;
  auto back = DecodeSequence(seq.oid, EncodeSequence(seq));
  REQUIRE(back.has_value());
  CHECK(back->name == "s");
  CHECK(back->type == 21);
  CHECK(back->start == -5);
  CHECK(back->increment == -3);
  CHECK(back->min_value == -32768);
  CHECK(back->max_value == -1);
  CHECK(back->cache == 20);
  CHECK(back->cycle);
  CHECK(back->owner_table == 16390);
  CHECK(back->owner_attnum == 2);
  CHECK(back->owner == kBootstrapSuperuserOid);
  seq.owner = 16501;
  CHECK(DecodeSequence(seq.oid, EncodeSequence(seq))->owner == 16501);
  // A version 5 record (no owner) reads as the bootstrap superuser's.
  std::string v5 = EncodeSequence(seq);
  v5[0] = 5;
  v5.resize(v5.size() - 3);  // 16501 is a three-byte varint
  REQUIRE(DecodeSequence(seq.oid, v5).has_value());
  CHECK(DecodeSequence(seq.oid, v5)->owner == kBootstrapSuperuserOid);
  std::string truncated = EncodeSequence(seq);
  truncated.pop_back();
  CHECK_FALSE(DecodeSequence(1, truncated).has_value());

  auto value = DecodeSequenceValue(EncodeSequenceValue({INT64_MIN, true}));
  REQUIRE(value.has_value());
  CHECK(value->last_value == INT64_MIN);
  CHECK(value->is_called);
  CHECK_FALSE(DecodeSequenceValue("\x01").has_value());
}

TEST_CASE("owners round-trip (version 6); older records have the default owner", "[catalog]") {
  NamespaceDesc ns;
  ns.oid = 16390;
  ns.name = "s";
  CHECK(DecodeNamespace(ns.oid, EncodeNamespace(ns))->owner == 0);
  ns.owner = 16391;
  auto ns_back = DecodeNamespace(ns.oid, EncodeNamespace(ns));
  REQUIRE(ns_back.has_value());
  CHECK(ns_back->name == "s");
  CHECK(ns_back->owner == 16391);
  std::string ns_v5 = EncodeNamespace(ns);
  ns_v5[0] = 5;
  ns_v5.resize(ns_v5.size() - 3);  // the owner's three-byte varint
  REQUIRE(DecodeNamespace(ns.oid, ns_v5).has_value());
  CHECK(DecodeNamespace(ns.oid, ns_v5)->owner == 0);

  TableDesc t = SampleTable();
  t.owner = 16391;
  auto t_back = DecodeTable(t.oid, EncodeTable(t));
  REQUIRE(t_back.has_value());
  CHECK(t_back->owner == 16391);
  std::string t_v5 = EncodeTable(t);
  t_v5[0] = 5;
  t_v5.resize(t_v5.size() - 3 - 1 - 1 - 1);  // the owner's varint, the (empty) trigger list, the partitioning byte and the (empty) reloptions
  REQUIRE(DecodeTable(t.oid, t_v5).has_value());
  CHECK(DecodeTable(t.oid, t_v5)->owner == kBootstrapSuperuserOid);
}

TEST_CASE("table reloptions round-trip; version 12 table records read without them",
          "[catalog]") {
  TableDesc t = SampleTable();
  t.options = {"parallel_workers=4", "fillfactor=50"};
  auto back = DecodeTable(t.oid, EncodeTable(t));
  REQUIRE(back.has_value());
  CHECK(back->options == t.options);
  std::string truncated = EncodeTable(t);
  truncated.pop_back();
  CHECK_FALSE(DecodeTable(t.oid, truncated).has_value());
  std::string v12 = EncodeTable(SampleTable());
  v12[0] = 12;
  v12.pop_back();  // the (empty) reloptions
  auto old = DecodeTable(t.oid, v12);
  REQUIRE(old.has_value());
  CHECK(old->options.empty());
}

TEST_CASE("missing values round-trip; version 1 table records still decode", "[catalog]") {
  TableDesc t = SampleTable();
  t.columns[1].missing_value = std::string("\x01\x00\x01\x00", 4);
  auto back = DecodeTable(t.oid, EncodeTable(t));
  REQUIRE(back.has_value());
  CHECK(back->columns[1].missing_value == t.columns[1].missing_value);
  CHECK_FALSE(back->columns[0].missing_value.has_value());

  // A record written by version 1 (no missing values) reads the same.
  std::string v1 = EncodeTable(SampleTable());
  REQUIRE(static_cast<uint8_t>(v1[0]) == kCatalogRecordVersion);
  v1[0] = 1;
  // Version 5's inheritance trailer (no parents; inhcount 0 and local per
  // column and check): not in version 1.
  const size_t v5_trailer = kOwnerTrailer + 1 + 2 * t.columns.size() + 2 * t.checks.size();
  v1.resize(v1.size() - v5_trailer);
  // Versions 3's and 4's (empty) index and foreign-key lists: not in version 1.
  REQUIRE(v1.substr(v1.size() - 2) == std::string(2, '\0'));
  v1.resize(v1.size() - 2);
  auto old = DecodeTable(t.oid, v1);
  REQUIRE(old.has_value());
  CHECK(old->columns.size() == 3);
  CHECK(old->columns[1].default_expr == std::optional<std::string>("0.5"));
  CHECK_FALSE(old->columns[1].missing_value.has_value());
  // Version 1 never had the missing-value flag; an unknown version is refused.
  std::string v1_missing = EncodeTable(t);
  v1_missing[0] = 1;
  v1_missing.resize(v1_missing.size() - v5_trailer - 2);
  CHECK_FALSE(DecodeTable(t.oid, v1_missing).has_value());
  std::string future = EncodeTable(t);
  future[0] = static_cast<char>(kCatalogRecordVersion + 1);
  CHECK_FALSE(DecodeTable(t.oid, future).has_value());
}

TEST_CASE("inheritance round-trips; version 4 table records still decode", "[catalog]") {
  TableDesc t = SampleTable();
  t.parents = {16400, 16390};
  t.columns[0].inhcount = 2;
  t.columns[0].is_local = false;
  t.columns[2].inhcount = 1;
  REQUIRE(!t.checks.empty());
  t.checks[0].is_local = false;
  t.checks[0].inhcount = 3;
  t.checks[0].no_inherit = true;
  auto back = DecodeTable(t.oid, EncodeTable(t));
  REQUIRE(back.has_value());
  CHECK(back->parents == std::vector<Oid>{16400, 16390});
  CHECK(back->columns[0].inhcount == 2);
  CHECK_FALSE(back->columns[0].is_local);
  CHECK(back->columns[1].inhcount == 0);
  CHECK(back->columns[1].is_local);
  CHECK(back->columns[2].inhcount == 1);
  CHECK(back->columns[2].is_local);
  CHECK_FALSE(back->checks[0].is_local);
  CHECK(back->checks[0].inhcount == 3);
  CHECK(back->checks[0].no_inherit);
  std::string truncated = EncodeTable(t);
  truncated.pop_back();
  CHECK_FALSE(DecodeTable(t.oid, truncated).has_value());

  // A version 4 record (before inheritance): no parents, every column and
  // check local.
  std::string v4 = EncodeTable(SampleTable());
  v4[0] = 4;
  v4.resize(v4.size() - (kOwnerTrailer + 1 + 2 * t.columns.size() + 2 * t.checks.size()));
  auto old = DecodeTable(t.oid, v4);
  REQUIRE(old.has_value());
  CHECK(old->parents.empty());
  CHECK(old->columns[0].is_local);
  CHECK(old->columns[0].inhcount == 0);
  CHECK(old->checks[0].is_local);
}

TEST_CASE("view records round-trip", "[catalog]") {
  ViewDesc v;
  v.oid = 16400;
  v.namespace_oid = kPublicNamespace;
  v.name = "v";
  v.query = "SELECT a, b FROM t WHERE a > 1";
  v.columns.push_back({"a", 23, -1, std::nullopt});
  v.columns.push_back({"b", 1043, 14, std::nullopt});
  v.depends_on = {16390, 16395};
  v.search_path = {16385, kPublicNamespace};
  auto back = DecodeView(v.oid, EncodeView(v));
  REQUIRE(back.has_value());
  CHECK(back->name == "v");
  CHECK(back->query == v.query);
  REQUIRE(back->columns.size() == 2);
  CHECK(back->columns[1].name == "b");
  CHECK(back->columns[1].typmod == 14);
  CHECK(back->depends_on == v.depends_on);
  CHECK(back->search_path == v.search_path);
  CHECK(back->owner == kBootstrapSuperuserOid);
  v.owner = 16500;
  CHECK(DecodeView(v.oid, EncodeView(v))->owner == 16500);
  std::string truncated = EncodeView(v);
  truncated.pop_back();
  CHECK_FALSE(DecodeView(v.oid, truncated).has_value());
  // A record written before views kept their search_path ends after
  // depends_on: it still reads, with an empty path.
  ViewDesc old_style = v;
  old_style.search_path.clear();
  old_style.owner = kBootstrapSuperuserOid;  // a one-byte varint
  std::string old_record = EncodeView(old_style);
  old_record[0] = 5;      // before owners (version 6)
  // Version 11's fields: no options, no column defaults (one byte each).
  old_record.resize(old_record.size() - 1 - old_style.columns.size());
  old_record.pop_back();  // version 8's trigger count
  old_record.pop_back();  // the owner
  auto old_back = DecodeView(v.oid, old_record);
  REQUIRE(old_back.has_value());
  CHECK(old_back->search_path.empty());
  CHECK(old_back->depends_on == v.depends_on);
}

TEST_CASE("view records keep reloptions and column defaults", "[catalog]") {
  ViewDesc v;
  v.oid = 16401;
  v.namespace_oid = kPublicNamespace;
  v.name = "v";
  v.query = "SELECT a, b FROM t WHERE a > 1";
  v.columns.push_back({"a", 23, -1, std::nullopt});
  v.columns.push_back({"b", 25, -1, std::nullopt});
  v.columns[1].default_expr = "'x'::text";
  v.options = {"check_option=local", "security_barrier=true"};
  auto back = DecodeView(v.oid, EncodeView(v));
  REQUIRE(back.has_value());
  CHECK(back->options == v.options);
  CHECK_FALSE(back->columns[0].default_expr.has_value());
  REQUIRE(back->columns[1].default_expr.has_value());
  CHECK(*back->columns[1].default_expr == "'x'::text");
  // A version 10 record (no options, no defaults) still reads.
  ViewDesc plain = v;
  plain.options.clear();
  for (ViewColumn& c : plain.columns) c.default_expr.reset();
  std::string old_record = EncodeView(plain);
  old_record[0] = 10;
  old_record.resize(old_record.size() - 1 - plain.columns.size());
  auto old_back = DecodeView(v.oid, old_record);
  REQUIRE(old_back.has_value());
  CHECK(old_back->options.empty());
}

TEST_CASE("views persist and are found by name and by dependency", "[catalog]") {
  storage::MemFileSystem fs;
  {
    Open db(&fs);
    std::lock_guard lock(db.catalog->ddl_mutex());
    auto txn = db.txns->Begin();
    ViewDesc v;
    v.oid = db.catalog->AllocateOid(txn.get());
    v.namespace_oid = kPublicNamespace;
    v.name = "v";
    v.query = "SELECT 1";
    v.depends_on = {16390};
    db.catalog->PutView(txn.get(), v);
    REQUIRE(txn->Commit().ok());
    REQUIRE(db.catalog->Reload().ok());
  }
  Open db(&fs);
  auto snap = db.catalog->Current();
  const ViewDesc* v = snap->FindView(kPublicNamespace, "v");
  REQUIRE(v != nullptr);
  CHECK(snap->FindView(v->oid) == v);
  CHECK(snap->ViewsDependingOn(16390).size() == 1);
  CHECK(snap->ViewsDependingOn(16391).empty());
  CHECK(snap->ViewsIn(kPublicNamespace).size() == 1);
  std::lock_guard lock(db.catalog->ddl_mutex());
  auto txn = db.txns->Begin();
  db.catalog->DeleteView(txn.get(), v->oid);
  REQUIRE(txn->Commit().ok());
  REQUIRE(db.catalog->Reload().ok());
  CHECK(db.catalog->Current()->FindView(kPublicNamespace, "v") == nullptr);
}

TEST_CASE("comments persist, are replaced and removed, and go with their object",
          "[catalog]") {
  storage::MemFileSystem fs;
  const CommentTarget on_view{kPgClassOid, 0, 0};
  Oid view_oid = 0;
  {
    Open db(&fs);
    std::lock_guard lock(db.catalog->ddl_mutex());
    auto txn = db.txns->Begin();
    ViewDesc v;
    v.oid = view_oid = db.catalog->AllocateOid(txn.get());
    v.namespace_oid = kPublicNamespace;
    v.name = "v";
    v.query = "SELECT 1 AS a";
    db.catalog->PutView(txn.get(), v);
    db.catalog->PutComment(txn.get(), {kPgClassOid, view_oid, 0}, std::string("first"));
    db.catalog->PutComment(txn.get(), {kPgClassOid, view_oid, 1}, std::string("column a"));
    db.catalog->PutComment(txn.get(), {kPgNamespaceOid, kPublicNamespace, 0},
                           std::string("standard public schema"));
    db.catalog->PutComment(txn.get(), {kPgClassOid, view_oid, 0}, std::string("second"));
    REQUIRE(txn->Commit().ok());
    REQUIRE(db.catalog->Reload().ok());
  }
  Open db(&fs);
  auto snap = db.catalog->Current();
  // The three above and initdb's on its three databases.
  REQUIRE(snap->comments().size() == 3 + 3);
  CHECK(*snap->FindComment({kPgDatabaseOid, kTemplate0DatabaseOid, 0}) ==
        "unmodifiable empty database");
  REQUIRE(snap->FindComment({kPgClassOid, view_oid, 0}) != nullptr);
  CHECK(*snap->FindComment({kPgClassOid, view_oid, 0}) == "second");
  CHECK(*snap->FindComment({kPgClassOid, view_oid, 1}) == "column a");
  CHECK(snap->FindComment({kPgClassOid, view_oid, 2}) == nullptr);
  CHECK(snap->FindComment({kPgProcOid, view_oid, 0}) == nullptr);
  CHECK(snap->FindComment(on_view) == nullptr);
  std::lock_guard lock(db.catalog->ddl_mutex());
  auto txn = db.txns->Begin();
  db.catalog->PutComment(txn.get(), {kPgNamespaceOid, kPublicNamespace, 0}, std::nullopt);
  db.catalog->DeleteView(txn.get(), view_oid);
  REQUIRE(txn->Commit().ok());
  REQUIRE(db.catalog->Reload().ok());
  CHECK(db.catalog->Current()->comments().size() == 3);  // the databases'
}

TEST_CASE("comment keys and records round-trip", "[catalog]") {
  const CommentTarget target{kPgConstraintOid, 0xFFFFFF7Fu, -3};
  const std::optional<CommentTarget> back = CommentTargetFromKey(CommentKey(target));
  REQUIRE(back.has_value());
  CHECK(*back == target);
  CHECK_FALSE(CommentTargetFromKey(TableKey(16384)).has_value());
  CHECK(DecodeComment(EncodeComment("it's")) == std::optional<std::string>("it's"));
  CHECK_FALSE(DecodeComment("").has_value());
  std::string bad = EncodeComment("x");
  bad.push_back('!');
  CHECK_FALSE(DecodeComment(bad).has_value());
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

namespace strata::catalog {
namespace {

TEST_CASE("index expression keys round-trip (version 12)", "[catalog]") {
  TableDesc t = SampleTable();
  IndexDesc ix;
  ix.oid = 16600;
  ix.name = "t_lower_idx";
  ix.keys = {IndexKeyColumn{0, true, true, "lower(b)", 25}, IndexKeyColumn{1, false, false, "", 0}};
  ix.unique = true;
  ix.tree = 11;
  ix.tree_name = "rel_16600_16601";
  t.indexes.push_back(ix);
  auto back = DecodeTable(t.oid, EncodeTable(t));
  REQUIRE(back.has_value());
  REQUIRE(back->indexes.size() == 1);
  const IndexDesc& b = back->indexes[0];
  REQUIRE(b.keys.size() == 2);
  CHECK(b.keys[0].is_expression());
  CHECK(b.keys[0].expr == "lower(b)");
  CHECK(b.keys[0].expr_type == 25);
  CHECK(b.keys[0].descending);
  CHECK(b.keys[0].nulls_first);
  CHECK_FALSE(b.keys[1].is_expression());
  CHECK(b.keys[1].attnum == 1);
  CHECK(b.HasExpressions());
  // An expression key in a record claiming an older version is corrupt.
  std::string old = EncodeTable(t);
  old[0] = 11;
  CHECK_FALSE(DecodeTable(t.oid, old).has_value());
}

TEST_CASE("secondary indexes round-trip in the table record (version 3)", "[catalog]") {
  TableDesc t = SampleTable();
  IndexDesc ix;
  ix.oid = 16500;
  ix.name = "t_b_idx";
  ix.keys = {IndexKeyColumn{2, true, false, "", 0}, IndexKeyColumn{1, false, true, "", 0}};
  ix.include = {3};
  ix.unique = true;
  ix.nulls_not_distinct = true;
  ix.is_constraint = true;
  ix.tree = 9;
  ix.tree_name = "rel_16500_16501";
  t.indexes.push_back(ix);
  t.indexes.push_back(IndexDesc{16502, "t_a_idx", {IndexKeyColumn{1, false, false, "", 0}}, {}, false,
                                false, false, /*hash=*/true, "", 10, "rel_16502_16503"});
  auto back = DecodeTable(t.oid, EncodeTable(t));
  REQUIRE(back.has_value());
  REQUIRE(back->indexes.size() == 2);
  const IndexDesc& b = back->indexes[0];
  CHECK(b.oid == 16500);
  CHECK(b.name == "t_b_idx");
  REQUIRE(b.keys.size() == 2);
  CHECK(b.keys[0].attnum == 2);
  CHECK(b.keys[0].descending);
  CHECK_FALSE(b.keys[0].nulls_first);
  CHECK(b.keys[1].nulls_first);
  CHECK(b.include == std::vector<int16_t>{3});
  CHECK(b.unique);
  CHECK(b.nulls_not_distinct);
  CHECK(b.is_constraint);
  CHECK_FALSE(b.hash);
  CHECK(b.tree == 9);
  CHECK(b.tree_name == "rel_16500_16501");
  CHECK(back->indexes[1].name == "t_a_idx");
  CHECK_FALSE(back->indexes[1].unique);
  CHECK(back->indexes[1].hash);
  // A version-2 reader's view: no index list at all.
  std::string v2 = EncodeTable(SampleTable());
  v2[0] = 2;
  // Without version 5's inheritance trailer and version 3's and 4's lists.
  v2.resize(v2.size() - (kOwnerTrailer + 1 + 2 * t.columns.size() + 2 * t.checks.size()) - 2);
  auto old = DecodeTable(t.oid, v2);
  REQUIRE(old.has_value());
  CHECK(old->indexes.empty());
}

TEST_CASE("foreign keys round-trip in the table record (version 4)", "[catalog]") {
  TableDesc t = SampleTable();
  ForeignKeyDesc fk;
  fk.name = "t_a_b_fkey";
  fk.columns = {1, 2};
  fk.referenced_table = 16400;
  fk.referenced_columns = {3, 1};
  fk.on_update = ForeignKeyAction::kCascade;
  fk.on_delete = ForeignKeyAction::kSetNull;
  fk.match = ForeignKeyMatch::kFull;
  fk.delete_set_columns = {2};
  fk.deferrable = true;
  fk.initially_deferred = true;
  fk.validated = false;
  t.foreign_keys.push_back(fk);
  t.checks[0].validated = false;
  auto back = DecodeTable(t.oid, EncodeTable(t));
  REQUIRE(back.has_value());
  REQUIRE(back->foreign_keys.size() == 1);
  const ForeignKeyDesc& b = back->foreign_keys[0];
  CHECK(b.name == "t_a_b_fkey");
  CHECK(b.columns == std::vector<int16_t>{1, 2});
  CHECK(b.referenced_table == 16400);
  CHECK(b.referenced_columns == std::vector<int16_t>{3, 1});
  CHECK(b.on_update == ForeignKeyAction::kCascade);
  CHECK(b.on_delete == ForeignKeyAction::kSetNull);
  CHECK(b.match == ForeignKeyMatch::kFull);
  CHECK(b.delete_set_columns == std::vector<int16_t>{2});
  CHECK(b.deferrable);
  CHECK(b.initially_deferred);
  CHECK(!b.validated);
  CHECK(!back->checks[0].validated);
  CHECK(back->checks.size() == t.checks.size());
  // A version-3 record: no foreign-key list.
  std::string v3 = EncodeTable(SampleTable());
  v3[0] = 3;
  v3.resize(v3.size() - (kOwnerTrailer + 1 + 2 * t.columns.size() + 2 * t.checks.size()) - 1);
  auto old = DecodeTable(t.oid, v3);
  REQUIRE(old.has_value());
  CHECK(old->foreign_keys.empty());
}

}  // namespace
}  // namespace strata::catalog

namespace strata::catalog {
namespace {

TEST_CASE("partition key and bound round-trip in the table record (version 9)", "[catalog]") {
  TableDesc parent = SampleTable();
  parent.partition_key = PartitionKey{'r', {PartitionKeyPart{1, ""}, PartitionKeyPart{0, "lower(b)"}}};
  auto back = DecodeTable(parent.oid, EncodeTable(parent));
  REQUIRE(back.has_value());
  REQUIRE(back->partition_key.has_value());
  CHECK(back->partition_key->strategy == 'r');
  REQUIRE(back->partition_key->parts.size() == 2);
  CHECK(back->partition_key->parts[0].attnum == 1);
  CHECK(back->partition_key->parts[1].attnum == 0);
  CHECK(back->partition_key->parts[1].expr == "lower(b)");
  CHECK_FALSE(back->partition_bound.has_value());

  TableDesc range = SampleTable();
  PartitionBound rb;
  rb.lower = {PartitionRangeDatum{0, std::string("\x01\x02", 2)}, PartitionRangeDatum{-1, ""}};
  rb.upper = {PartitionRangeDatum{1, ""}, PartitionRangeDatum{1, ""}};
  range.partition_bound = rb;
  back = DecodeTable(range.oid, EncodeTable(range));
  REQUIRE(back.has_value());
  REQUIRE(back->partition_bound.has_value());
  CHECK_FALSE(back->partition_key.has_value());
  REQUIRE(back->partition_bound->lower.size() == 2);
  CHECK(back->partition_bound->lower[0].kind == 0);
  CHECK(back->partition_bound->lower[0].value == std::string("\x01\x02", 2));
  CHECK(back->partition_bound->lower[1].kind == -1);
  CHECK(back->partition_bound->upper[1].kind == 1);

  TableDesc list = SampleTable();
  PartitionBound lb;
  lb.list_values = {std::string("x"), std::nullopt};
  list.partition_bound = lb;
  back = DecodeTable(list.oid, EncodeTable(list));
  REQUIRE(back.has_value());
  REQUIRE(back->partition_bound->list_values.size() == 2);
  CHECK(back->partition_bound->list_values[0] == std::optional<std::string>("x"));
  CHECK_FALSE(back->partition_bound->list_values[1].has_value());
  CHECK_FALSE(back->partition_bound->is_default);

  TableDesc fallback = SampleTable();
  PartitionBound db;
  db.is_default = true;
  fallback.partition_bound = db;
  back = DecodeTable(fallback.oid, EncodeTable(fallback));
  REQUIRE(back.has_value());
  CHECK(back->partition_bound->is_default);

  // A version-8 record (no partitioning byte) reads as not partitioned.
  std::string v8 = EncodeTable(SampleTable());
  v8[0] = 8;
  v8.pop_back();  // version 13's (empty) reloptions
  v8.pop_back();
  back = DecodeTable(parent.oid, v8);
  REQUIRE(back.has_value());
  CHECK_FALSE(back->partition_key.has_value());
  CHECK_FALSE(back->partition_bound.has_value());
}

TEST_CASE("triggers round-trip in the table record (version 8)", "[catalog]") {
  TableDesc t = SampleTable();
  TriggerDesc tg;
  tg.oid = 16500;
  tg.name = "t_audit";
  tg.function = 16450;
  tg.type = kTriggerTypeRow | kTriggerTypeBefore | kTriggerTypeInsert | kTriggerTypeUpdate;
  tg.enabled = 'D';
  tg.args = {"a", "", "42"};
  tg.columns = {2, 1};
  tg.when = "new.a > 0";
  tg.old_table = "old_rows";
  t.triggers.push_back(tg);
  TriggerDesc st;
  st.oid = 16501;
  st.name = "t_stmt";
  st.function = 16451;
  st.type = kTriggerTypeTruncate;
  t.triggers.push_back(st);
  auto back = DecodeTable(t.oid, EncodeTable(t));
  REQUIRE(back.has_value());
  REQUIRE(back->triggers.size() == 2);
  const TriggerDesc& b = back->triggers[0];
  CHECK(b.oid == 16500);
  CHECK(b.name == "t_audit");
  CHECK(b.function == 16450);
  CHECK(b.type == tg.type);
  CHECK(b.IsRow());
  CHECK(b.IsBefore());
  CHECK(b.Fires(kTriggerTypeUpdate));
  CHECK_FALSE(b.Fires(kTriggerTypeDelete));
  CHECK(b.enabled == 'D');
  CHECK_FALSE(b.IsEnabled());
  CHECK(b.args == std::vector<std::string>{"a", "", "42"});
  CHECK(b.columns == std::vector<int16_t>{2, 1});
  REQUIRE(b.when.has_value());
  CHECK(*b.when == "new.a > 0");
  CHECK(b.old_table == "old_rows");
  CHECK(b.new_table.empty());
  CHECK(back->triggers[1].name == "t_stmt");
  CHECK_FALSE(back->triggers[1].when.has_value());
  CHECK_FALSE(back->triggers[1].IsRow());
  CHECK(back->triggers[1].IsEnabled());
  std::string truncated = EncodeTable(t);
  truncated.pop_back();
  CHECK_FALSE(DecodeTable(t.oid, truncated).has_value());
  // A version 7 record (before triggers): none.
  std::string v7 = EncodeTable(SampleTable());
  v7[0] = 7;
  v7.pop_back();  // the empty reloptions
  v7.pop_back();  // the partitioning byte
  v7.pop_back();  // the empty trigger list
  auto old = DecodeTable(t.oid, v7);
  REQUIRE(old.has_value());
  CHECK(old->triggers.empty());
}

TEST_CASE("role records round-trip and persist", "[catalog]") {
  RoleDesc r;
  r.oid = 16400;
  r.name = "alice";
  r.superuser = false;
  r.inherit = false;
  r.create_db = true;
  r.can_login = true;
  r.bypass_rls = true;
  r.connection_limit = 7;
  r.password = "SCRAM-SHA-256$4096:abc$def:ghi";
  r.valid_until = -123456789;
  r.members.push_back({16401, 10, true});
  r.members.push_back({16402, 16401, false});
  auto back = DecodeRole(r.oid, EncodeRole(r));
  REQUIRE(back.has_value());
  CHECK(back->name == "alice");
  CHECK_FALSE(back->superuser);
  CHECK_FALSE(back->inherit);
  CHECK(back->create_db);
  CHECK_FALSE(back->create_role);
  CHECK(back->can_login);
  CHECK_FALSE(back->replication);
  CHECK(back->bypass_rls);
  CHECK(back->connection_limit == 7);
  CHECK(back->password == r.password);
  CHECK(back->valid_until == r.valid_until);
  REQUIRE(back->members.size() == 2);
  CHECK(back->members[0].member == 16401);
  CHECK(back->members[0].admin_option);
  CHECK(back->members[1].grantor == 16401);
  CHECK_FALSE(back->members[1].admin_option);

  RoleDesc bare;
  bare.name = "b";
  auto bare_back = DecodeRole(1, EncodeRole(bare));
  REQUIRE(bare_back.has_value());
  CHECK_FALSE(bare_back->password.has_value());
  CHECK_FALSE(bare_back->valid_until.has_value());
  CHECK(bare_back->connection_limit == -1);
  CHECK_FALSE(DecodeRole(1, EncodeRole(bare) + "x").has_value());

  storage::MemFileSystem fs;
  {
    Open db(&fs);
    std::lock_guard lock(db.catalog->ddl_mutex());
    auto txn = db.txns->Begin();
    db.catalog->PutRole(txn.get(), r);
    REQUIRE(txn->Commit().ok());
    REQUIRE(db.catalog->Reload().ok());
  }
  Open db(&fs);
  auto snap = db.catalog->Current();
  REQUIRE(snap->FindRole("alice") != nullptr);
  CHECK(snap->FindRole(16400)->members.size() == 2);
  std::lock_guard lock(db.catalog->ddl_mutex());
  auto txn = db.txns->Begin();
  CHECK(db.catalog->AllocateOid(txn.get()) == 16401);  // above the role's OID
}

}  // namespace
}  // namespace strata::catalog

namespace strata::catalog {
namespace {

TEST_CASE("acl records round-trip, persist and go with their object", "[catalog]") {
  const std::vector<AclItem> acl = {{10, 10, kAclAllTable, 0},
                                    {16400, 10, kAclSelect | kAclInsert, kAclInsert},
                                    {kAclPublic, 10, kAclSelect, 0}};
  auto back = DecodeAcl(EncodeAcl(acl));
  REQUIRE(back.has_value());
  CHECK(*back == acl);
  CHECK(DecodeAcl(EncodeAcl({}))->empty());
  CHECK_FALSE(DecodeAcl(EncodeAcl(acl) + "x").has_value());
  CHECK_FALSE(DecodeAcl(EncodeAcl(acl).substr(0, 5)).has_value());
  auto target = AclTargetFromKey(AclKey({kPgNamespaceOid, 16500}));
  REQUIRE(target.has_value());
  CHECK(*target == AclTarget{kPgNamespaceOid, 16500});
  CHECK_FALSE(AclTargetFromKey(AclKey({kPgClassOid, 1}) + "x").has_value());

  storage::MemFileSystem fs;
  Oid view_oid = 0;
  {
    Open db(&fs);
    std::lock_guard lock(db.catalog->ddl_mutex());
    auto txn = db.txns->Begin();
    ViewDesc v;
    v.oid = view_oid = db.catalog->AllocateOid(txn.get());
    v.namespace_oid = kPublicNamespace;
    v.name = "v";
    v.query = "SELECT 1 AS a";
    db.catalog->PutView(txn.get(), v);
    db.catalog->PutAcl(txn.get(), {kPgClassOid, view_oid}, acl);
    db.catalog->PutAcl(txn.get(), {kPgNamespaceOid, kPublicNamespace}, {acl[2]});
    REQUIRE(txn->Commit().ok());
    REQUIRE(db.catalog->Reload().ok());
  }
  Open db(&fs);
  auto snap = db.catalog->Current();
  REQUIRE(snap->acls().size() == 2);
  REQUIRE(snap->FindAcl({kPgClassOid, view_oid}) != nullptr);
  CHECK(*snap->FindAcl({kPgClassOid, view_oid}) == acl);
  CHECK(snap->FindAcl({kPgNamespaceOid, view_oid}) == nullptr);
  std::lock_guard lock(db.catalog->ddl_mutex());
  auto txn = db.txns->Begin();
  db.catalog->DeleteView(txn.get(), view_oid);
  REQUIRE(txn->Commit().ok());
  REQUIRE(db.catalog->Reload().ok());
  CHECK(db.catalog->Current()->acls().size() == 1);
  CHECK(db.catalog->Current()->FindAcl({kPgClassOid, view_oid}) == nullptr);
}

TEST_CASE("column acl records: keyed by attnum, deleted alone or with their relation",
          "[catalog]") {
  // A column's key is its relation's with the attnum appended; it sorts
  // after the relation's own key, columns in attnum order.
  auto column = AclTargetFromKey(AclKey({kPgClassOid, 16500, 3}));
  REQUIRE(column.has_value());
  CHECK(*column == AclTarget{kPgClassOid, 16500, 3});
  CHECK(AclKey({kPgClassOid, 16500}).size() == 9);
  CHECK(AclKey({kPgClassOid, 16500}) < AclKey({kPgClassOid, 16500, 1}));
  CHECK(AclKey({kPgClassOid, 16500, 2}) < AclKey({kPgClassOid, 16500, 10}));
  CHECK(AclKey({kPgClassOid, 16500, 300}) < AclKey({kPgClassOid, 16501}));
  // An attnum of 0 written out in full is malformed (the relation's own
  // key has none).
  std::string zero = AclKey({kPgClassOid, 16500});
  zero.append(4, '\0');
  CHECK_FALSE(AclTargetFromKey(zero).has_value());

  const std::vector<AclItem> acl = {{16400, 10, kAclSelect, 0}};
  storage::MemFileSystem fs;
  Oid view_oid = 0;
  {
    Open db(&fs);
    std::lock_guard lock(db.catalog->ddl_mutex());
    auto txn = db.txns->Begin();
    ViewDesc v;
    v.oid = view_oid = db.catalog->AllocateOid(txn.get());
    v.namespace_oid = kPublicNamespace;
    v.name = "v";
    v.query = "SELECT 1 AS a, 2 AS b";
    db.catalog->PutView(txn.get(), v);
    db.catalog->PutAcl(txn.get(), {kPgClassOid, view_oid, 1}, acl);
    db.catalog->PutAcl(txn.get(), {kPgClassOid, view_oid, 2}, acl);
    REQUIRE(txn->Commit().ok());
    REQUIRE(db.catalog->Reload().ok());
  }
  Open db(&fs);
  auto snap = db.catalog->Current();
  REQUIRE(snap->acls().size() == 2);
  REQUIRE(snap->FindAcl({kPgClassOid, view_oid, 2}) != nullptr);
  CHECK(*snap->FindAcl({kPgClassOid, view_oid, 2}) == acl);
  CHECK(snap->FindAcl({kPgClassOid, view_oid}) == nullptr);  // the view's own: none
  std::lock_guard lock(db.catalog->ddl_mutex());
  {
    auto txn = db.txns->Begin();
    db.catalog->DeleteAcl(txn.get(), {kPgClassOid, view_oid, 1});
    REQUIRE(txn->Commit().ok());
    REQUIRE(db.catalog->Reload().ok());
  }
  CHECK(db.catalog->Current()->acls().size() == 1);
  CHECK(db.catalog->Current()->FindAcl({kPgClassOid, view_oid, 1}) == nullptr);
  auto txn = db.txns->Begin();
  db.catalog->DeleteView(txn.get(), view_oid);
  REQUIRE(txn->Commit().ok());
  REQUIRE(db.catalog->Reload().ok());
  CHECK(db.catalog->Current()->acls().empty());
}

}  // namespace
TEST_CASE("each database has its own objects; roles and databases are shared", "[catalog]") {
  storage::MemFileSystem fs;
  Oid db_oid = 0, table_oid = 0;
  {
    Open db(&fs);
    std::lock_guard lock(db.catalog->ddl_mutex());
    auto txn = db.txns->Begin();
    DatabaseDesc d;
    d.oid = db_oid = db.catalog->AllocateOid(txn.get());
    d.name = "other";
    db.catalog->PutDatabase(txn.get(), d, /*is_new=*/true);
    REQUIRE(txn->Commit().ok());
    REQUIRE(db.catalog->Reload().ok());
    Catalog* other = db.catalog->ForDatabase(db_oid);
    REQUIRE(other != nullptr);
    CHECK(other->Current()->FindNamespace("public") != nullptr);
    auto txn2 = db.txns->Begin();
    TableDesc t;
    t.oid = table_oid = other->AllocateOid(txn2.get());
    t.namespace_oid = kPublicNamespace;
    t.name = "only_there";
    other->PutTable(txn2.get(), t);
    RoleDesc r;
    r.oid = other->AllocateOid(txn2.get());
    r.name = "shared_role";
    other->PutRole(txn2.get(), r);
    REQUIRE(txn2->Commit().ok());
    REQUIRE(other->Reload().ok());
  }
  Open db(&fs);
  Catalog* other = db.catalog->ForDatabase(db_oid);
  REQUIRE(other != nullptr);
  CHECK(other->Current()->FindTable(table_oid) != nullptr);
  CHECK(db.catalog->Current()->FindTable(table_oid) == nullptr);
  CHECK(db.catalog->Current()->FindRole("shared_role") != nullptr);
  CHECK(other->Current()->FindDatabase("other") != nullptr);
  CHECK(db.catalog->Current()->FindDatabase("postgres") != nullptr);
  CHECK(db.catalog->ForDatabase(kTemplate0DatabaseOid) == nullptr);
  std::lock_guard lock(db.catalog->ddl_mutex());
  auto txn = db.txns->Begin();
  REQUIRE(db.catalog->DeleteDatabase(txn.get(), db_oid).ok());
  REQUIRE(txn->Commit().ok());
  REQUIRE(db.catalog->Reload().ok());
  CHECK(db.catalog->ForDatabase(db_oid) == nullptr);
  CHECK(db.catalog->Current()->FindDatabase("other") == nullptr);
  CHECK(db.catalog->Current()->FindRole("shared_role") != nullptr);
  // Nothing of its scope is left in the tree.
  auto check = db.txns->Begin();
  auto it = check->NewIterator(storage::kDefaultTree);
  const std::string scope = DatabaseKeyScope(db_oid);
  it->Seek(Slice(scope));
  CHECK((!it->Valid() || !std::string_view(it->key().data(), it->key().size()).starts_with(scope)));
}

}  // namespace strata::catalog

namespace strata::catalog {
namespace {

TEST_CASE("composite type attributes round-trip (version 10); version 9 types still decode",
          "[catalog]") {
  TypeDesc t;
  t.oid = 16500;
  t.namespace_oid = kPublicNamespace;
  t.name = "complex";
  t.kind = 'c';
  t.array_oid = 16501;
  t.relid = 16499;
  ColumnDesc r;
  r.name = "r";
  r.type = 701;
  r.attnum = 1;
  ColumnDesc v;
  v.name = "v";
  v.type = 1043;
  v.typmod = 14;
  v.attnum = 2;
  v.dropped = true;
  t.attributes = {r, v};
  auto back = DecodeType(t.oid, EncodeType(t));
  REQUIRE(back.has_value());
  CHECK(back->kind == 'c');
  CHECK(back->relid == 16499);
  REQUIRE(back->attributes.size() == 2);
  CHECK(back->attributes[0].name == "r");
  CHECK(back->attributes[0].type == 701);
  CHECK(back->attributes[0].typmod == -1);
  CHECK(back->attributes[1].typmod == 14);
  CHECK(back->attributes[1].attnum == 2);
  CHECK(back->attributes[1].dropped);

  // An enum written by version 9 has no attribute trailer (relid 0, none).
  TypeDesc e;
  e.oid = 16510;
  e.name = "mood";
  e.kind = 'e';
  std::string v9 = EncodeType(e);
  // Without version 11's base type fields (three zero OIDs, typlen -1 as a
  // five-byte varint, four bytes).
  v9.resize(v9.size() - 12);
  REQUIRE(v9.substr(v9.size() - 2) == std::string(2, '\0'));
  v9.resize(v9.size() - 2);
  v9[0] = 9;
  auto old = DecodeType(e.oid, v9);
  REQUIRE(old.has_value());
  CHECK(old->relid == 0);
  CHECK(old->attributes.empty());
}

TEST_CASE("shell and base types, operators and casts round-trip (version 11)", "[catalog]") {
  TypeDesc t;
  t.oid = 16600;
  t.namespace_oid = kPublicNamespace;
  t.name = "xfloat8";
  t.kind = 'b';
  t.array_oid = 16603;
  t.input_function = 16601;
  t.output_function = 16602;
  t.storage_type = 20;
  t.internal_length = 8;
  t.alignment = 'd';
  t.storage = 'p';
  t.by_value = true;
  t.category = 'U';
  t.preferred = true;
  auto back = DecodeType(t.oid, EncodeType(t));
  REQUIRE(back.has_value());
  CHECK(back->kind == 'b');
  CHECK(back->input_function == 16601);
  CHECK(back->output_function == 16602);
  CHECK(back->storage_type == 20);
  CHECK(back->internal_length == 8);
  CHECK(back->alignment == 'd');
  CHECK(back->by_value);
  CHECK(back->preferred);

  // A version 10 type record has none of them: the defaults.
  TypeDesc e;
  e.oid = 16610;
  e.name = "mood";
  std::string v10 = EncodeType(e);
  v10.resize(v10.size() - 12);
  v10[0] = 10;
  auto old = DecodeType(e.oid, v10);
  REQUIRE(old.has_value());
  CHECK(old->storage_type == 0);
  CHECK(old->internal_length == -1);

  OperatorDesc op;
  op.oid = 16620;
  op.namespace_oid = kPublicNamespace;
  op.name = "===";
  op.kind = 'b';
  op.left = 16;
  op.right = 16;
  op.result = 16;
  op.function = 16619;
  op.commutator = 16620;
  op.negator = 16621;
  op.restrict_name = "eqsel";
  op.join_name = "eqjoinsel";
  op.join_oid = 105;
  op.can_hash = true;
  auto op_back = DecodeOperator(op.oid, EncodeOperator(op));
  REQUIRE(op_back.has_value());
  CHECK(op_back->name == "===");
  CHECK(op_back->left == 16);
  CHECK(op_back->function == 16619);
  CHECK(op_back->commutator == 16620);
  CHECK(op_back->negator == 16621);
  CHECK(op_back->restrict_name == "eqsel");
  CHECK(op_back->join_oid == 105);
  CHECK(op_back->can_hash);
  CHECK_FALSE(op_back->can_merge);

  CastDesc cast;
  cast.oid = 16630;
  cast.source = 20;
  cast.target = 16600;
  cast.context = 'i';
  cast.method = 'b';
  auto cast_back = DecodeCast(cast.oid, EncodeCast(cast));
  REQUIRE(cast_back.has_value());
  CHECK(cast_back->source == 20);
  CHECK(cast_back->target == 16600);
  CHECK(cast_back->context == 'i');
  CHECK(cast_back->method == 'b');
  // Operator and cast records exist from version 11 on.
  std::string old_cast = EncodeCast(cast);
  old_cast[0] = 10;
  CHECK_FALSE(DecodeCast(cast.oid, old_cast).has_value());
}

}  // namespace
}  // namespace strata::catalog
