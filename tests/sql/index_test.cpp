// Secondary indexes over a real Database: entries kept exact by every kind of
// write (strata_index_check passes), the checker catching a missing entry
// and an entry without a row (XX002), index definitions surviving a restart,
// and IndexCodec's entry layout (a unique entry keyed by its columns alone
// unless a NULL makes it repeatable).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "catalog/catalog_objects.h"
#include "sql/database.h"
#include "sql/table/index_codec.h"
#include "sql/types/type_io.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

std::string TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "index_XXXXXX").string();
  return mkdtemp(tmpl.data());
}

std::unique_ptr<Database> OpenDb(const std::string& dir) {
  auto db = Database::Open(dir);
  REQUIRE(db.ok());
  return std::move(db.value());
}

void Exec(SqlSession& session, const std::string& query) {
  for (auto& statement : session.Parse(query)) session.Execute(*statement);
}

std::string Scalar(SqlSession& session, const std::string& query) {
  auto statements = session.Parse(query);
  REQUIRE(statements.size() == 1);
  StatementResult r = session.Execute(*statements[0]);
  REQUIRE(r.rows.size() == 1);
  REQUIRE(r.rows[0].size() == 1);
  return r.rows[0][0] ? *r.rows[0][0] : "<NULL>";
}

std::string ErrorCode(SqlSession& session, const std::string& query, std::string* message) {
  try {
    Exec(session, query);
  } catch (const SqlError& e) {
    *message = e.fields().message;
    return std::string(SqlStateCode(e.fields().sqlstate));
  }
  return "";
}

const catalog::TableDesc& Table(Database* db, const std::string& name) {
  const catalog::TableDesc* t = db->catalog()->Current()->FindTable(catalog::kPublicNamespace, name);
  REQUIRE(t != nullptr);
  return *t;
}

TEST_CASE("every write keeps the indexes exact", "[index]") {
  const std::string dir = TempDir();
  {
    auto db = OpenDb(dir);
    SqlSession s(db.get());
    Exec(s, "create table t (id int primary key, a int, b text unique, c int)");
    Exec(s, "insert into t select g, g % 7, 'b' || g, g % 3 from generate_series(1, 300) g");
    Exec(s, "create index t_a on t (a desc nulls last, c) include (b)");
    Exec(s, "create unique index t_c_id on t (c, id) nulls not distinct");
    Exec(s, "create index t_b_hash on t using hash (b)");
    CHECK(Scalar(s, "select strata_index_check('t')") == "t");
    Exec(s, "update t set a = a + 1 where id % 4 = 0");
    Exec(s, "update t set id = id + 1000 where id % 9 = 0");
    Exec(s, "update t set b = null where id % 11 = 0");
    Exec(s, "delete from t where a = 3");
    Exec(s, "insert into t values (5000, null, null, null), (5001, null, null, null)");
    Exec(s, "insert into t values (7, 1, 'b7', 1) on conflict (id) do update set c = 2");
    Exec(s, "insert into t values (8000, 1, 'b8', 1) on conflict (b) do update set a = 99");
    Exec(s, "begin");
    Exec(s, "update t set c = 5 where a = 2");
    Exec(s, "savepoint s1");
    Exec(s, "delete from t where c = 5");
    Exec(s, "insert into t values (9000, 2, 'x', 5)");
    Exec(s, "rollback to s1");
    CHECK(Scalar(s, "select strata_index_check('t')") == "t");
    Exec(s, "commit");
    CHECK(Scalar(s, "select strata_index_check('t')") == "t");
    CHECK(Scalar(s, "select strata_index_check('t_a')") == "t");
    CHECK(Scalar(s, "select strata_index_check('t_pkey')") == "t");
    CHECK(Scalar(s, "select strata_index_check('t_b_hash')") == "t");
    CHECK(Scalar(s, "select count(*) from t where a = 99") == "1");
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the checker reports a missing entry and an entry without a row", "[index]") {
  const std::string dir = TempDir();
  {
    auto db = OpenDb(dir);
    SqlSession s(db.get());
    Exec(s, "create table t (id int primary key, a int)");
    Exec(s, "insert into t select g, g from generate_series(1, 20) g");
    Exec(s, "create index t_a on t (a)");
    const catalog::IndexDesc& index = Table(db.get(), "t").indexes.at(0);

    // Remove one entry behind the SQL layer's back.
    {
      auto txn = db->txns()->Begin();
      auto it = txn->NewIterator(index.tree);
      it->SeekToFirst();
      REQUIRE(it->Valid());
      std::string key(it->key().data(), it->key().size());
      it.reset();
      txn->Delete(index.tree, key);
      REQUIRE(txn->Commit().ok());
    }
    std::string message;
    CHECK(ErrorCode(s, "select strata_index_check('t')", &message) == "XX002");
    CHECK(message.find("index \"t_a\"") != std::string::npos);
    CHECK(message.find("has no entry") != std::string::npos);
    Exec(s, "reindex index t_a");
    CHECK(Scalar(s, "select strata_index_check('t')") == "t");

    // An entry whose row is gone.
    const catalog::TableDesc& t = Table(db.get(), "t");
    {
      auto txn = db->txns()->Begin();
      auto it = txn->NewIterator(t.tree);
      it->SeekToFirst();
      REQUIRE(it->Valid());
      std::string key(it->key().data(), it->key().size());
      it.reset();
      txn->Delete(t.tree, key);
      REQUIRE(txn->Commit().ok());
    }
    CHECK(ErrorCode(s, "select strata_index_check('t_a')", &message) == "XX002");
    CHECK(message.find("has no row") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("indexes survive a restart and are used after it", "[index]") {
  const std::string dir = TempDir();
  {
    auto db = OpenDb(dir);
    SqlSession s(db.get());
    Exec(s, "create table t (id int primary key, a int, unique (a))");
    Exec(s, "insert into t select g, g * 2 from generate_series(1, 50) g");
    Exec(s, "create index t_desc on t (a desc)");
    Exec(s, "create index t_id_hash on t using hash (id)");
    (void)db->Close();
  }
  {
    auto db = OpenDb(dir);
    SqlSession s(db.get());
    CHECK(Scalar(s, "select pg_get_indexdef('t_desc'::regclass)") ==
          "CREATE INDEX t_desc ON public.t USING btree (a DESC)");
    // A hash index stays one (its catalog record's flag).
    CHECK(Scalar(s, "select pg_get_indexdef('t_id_hash'::regclass)") ==
          "CREATE INDEX t_id_hash ON public.t USING hash (id)");
    CHECK(Scalar(s, "select a.amname from pg_class c join pg_am a on a.oid = c.relam "
                    "where c.relname = 't_id_hash'") == "hash");
    CHECK(Scalar(s, "select count(*) from pg_indexes where tablename = 't'") == "4");
    CHECK(Scalar(s, "select id from t where a = 40") == "20");
    // EXPLAIN names the index the scan goes through, as PostgreSQL does.
    auto plan = s.Parse("explain (costs off) select id from t x where x.a = 40");
    REQUIRE(plan.size() == 1);
    StatementResult r = s.Execute(*plan[0]);
    REQUIRE_FALSE(r.rows.empty());
    CHECK(r.rows[0][0] == std::optional<std::string>("Index Scan using t_a_key on t x"));
    CHECK(Scalar(s, "select strata_index_check('t')") == "t");
    std::string message;
    CHECK(ErrorCode(s, "insert into t values (100, 40)", &message) == "23505");
    CHECK(message == "duplicate key value violates unique constraint \"t_a_key\"");
    (void)db->Close();
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("expression index entries follow every write and survive a restart", "[index]") {
  const std::string dir = TempDir();
  {
    auto db = OpenDb(dir);
    SqlSession s(db.get());
    Exec(s, "create table t (id int primary key, name text, a int, b int)");
    Exec(s, "insert into t select g, 'N' || g, g % 7, g % 5 from generate_series(1, 300) g");
    Exec(s, "create unique index t_lower on t ((lower(name)))");
    Exec(s, "create index t_sum on t ((a + b) desc, id) where b > 0");
    CHECK(Scalar(s, "select strata_index_check('t')") == "t");
    Exec(s, "update t set name = 'M' || id where id % 3 = 0");
    Exec(s, "update t set a = a + 10 where id % 4 = 0");
    Exec(s, "update t set b = 0 where id % 6 = 0");
    Exec(s, "update t set id = id + 1000 where id % 9 = 0");
    Exec(s, "delete from t where a = 2");
    Exec(s, "insert into t values (5000, null, null, 1), (5001, null, 1, null)");
    Exec(s, "insert into t values (5002, 'FRESH', 1, 1) on conflict ((lower(name))) do nothing");
    Exec(s, "insert into t values (5003, 'fresh', 2, 2) on conflict ((lower(name))) "
            "do update set b = 7");
    CHECK(Scalar(s, "select strata_index_check('t')") == "t");
    CHECK(Scalar(s, "select b from t where lower(name) = 'fresh'") == "7");
    std::string message;
    CHECK(ErrorCode(s, "insert into t values (6000, 'n1', 0, 0)", &message) == "23505");
    Exec(s, "begin");
    Exec(s, "savepoint s1");
    Exec(s, "update t set name = upper(name) where id < 50");
    Exec(s, "rollback to s1");
    Exec(s, "commit");
    Exec(s, "reindex table t");
    CHECK(Scalar(s, "select strata_index_check('t_sum')") == "t");
    (void)db->Close();
  }
  {
    auto db = OpenDb(dir);
    SqlSession s(db.get());
    CHECK(Scalar(s, "select pg_get_indexdef('t_lower'::regclass)") ==
          "CREATE UNIQUE INDEX t_lower ON public.t USING btree (lower(name))");
    CHECK(Scalar(s, "select strata_index_check('t')") == "t");
    CHECK(Scalar(s, "select id from t where lower(name) = 'n44'") == "44");
    Exec(s, "alter table t rename column name to label");
    Exec(s, "alter table t alter column b type bigint");
    CHECK(Scalar(s, "select strata_index_check('t')") == "t");
    CHECK(Scalar(s, "select id from t where lower(label) = 'n44'") == "44");
    (void)db->Close();
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a unique entry is keyed by its columns unless NULLs make it repeatable",
          "[index]") {
  catalog::TableDesc t;
  for (int i = 1; i <= 2; ++i) {
    catalog::ColumnDesc c;
    c.name = i == 1 ? "id" : "a";
    c.type = type_oid::kInt4;
    c.attnum = static_cast<int16_t>(i);
    t.columns.push_back(c);
  }
  t.primary_key = {1};
  catalog::IndexDesc ix;
  ix.keys = {catalog::IndexKeyColumn{2, false, false, "", 0}};
  ix.unique = true;
  const IndexCodec codec(t, ix);
  const Row row = {Value::Int4(1), Value::Int4(5)};
  const Row null_row = {Value::Int4(2), Value::Null(type_oid::kInt4)};
  const std::string pk1 = "pk-one", pk2 = "pk-two";
  CHECK(codec.KeyedByColumnsAlone(row));
  CHECK(codec.EncodeKey(row, pk1) == codec.EncodeColumns(row));
  CHECK_FALSE(codec.KeyedByColumnsAlone(null_row));
  CHECK(codec.EncodeKey(null_row, pk1) != codec.EncodeKey(null_row, pk2));
  CHECK(IndexCodec::TableKeyOf(codec.EncodeValue(row, pk1)) == pk1);

  ix.nulls_not_distinct = true;
  const IndexCodec nnd(t, ix);
  CHECK(nnd.KeyedByColumnsAlone(null_row));
  CHECK(nnd.EncodeKey(null_row, pk1) == nnd.EncodeKey(null_row, pk2));

  ix.unique = false;
  const IndexCodec plain(t, ix);
  CHECK(plain.EncodeKey(row, pk1) == plain.EncodeColumns(row) + pk1);
}

}  // namespace
}  // namespace strata::sql
