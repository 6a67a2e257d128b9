// Prepared table statements over a real Database: $n types inferred from the
// columns they meet, result columns described at Parse without running
// anything, values reaching every clause when the portal runs, row limits on
// a table's rows, and PostgreSQL's errors at Parse. Expected types and tags
// are what PostgreSQL 15 answers for the same statements.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sql/database.h"
#include "temp_database.h"
#include "sql/portal.h"
#include "sql/prepared_statement.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

using testing::TempDatabase;

void Exec(SqlSession& session, const std::string& query) {
  for (auto& statement : session.Parse(query)) session.Execute(*statement);
}

std::string PrepareErrorCode(SqlSession& session, const std::string& query) {
  try {
    session.Prepare(query, {});
  } catch (const SqlError& e) {
    return std::string(SqlStateCode(e.fields().sqlstate));
  }
  return "no error";
}

using V = std::vector<Oid>;

TEST_CASE("prepared table statements: types, describe, run", "[prepare][table]") {
  TempDatabase db;
  SqlSession session(db.get());
  Exec(session, "create table t (id int primary key, v text, n bigint)");

  auto ins = session.Prepare("insert into t values ($1, $2, $3)", {});
  CHECK(ins->parameter_types() == V{23, 25, 20});
  CHECK(!ins->returns_rows());
  for (int i = 1; i <= 5; ++i) {
    auto portal = session.CreatePortal(
        "", ins, {Value::Int4(i), Value::Text("v" + std::to_string(i)), Value::Int8(i * 10)});
    CHECK(session.Fetch(*portal, 0).command_tag == "INSERT 0 1");
  }

  // Describing reads nothing: a Parse of an INSERT ... RETURNING inserts nothing.
  auto ret = session.Prepare("insert into t (id, v) values ($1, $2) returning n, id + 1", {});
  CHECK(ret->parameter_types() == V{23, 25});
  REQUIRE(ret->returns_rows());
  REQUIRE(ret->columns().size() == 2);
  CHECK(ret->columns()[0].name == "n");
  CHECK(ret->columns()[0].type_oid == 20);
  CHECK(ret->columns()[1].name == "?column?");

  auto point = session.Prepare("select v from t where id = $1", {});
  CHECK(point->parameter_types() == V{23});
  REQUIRE(point->columns().size() == 1);
  CHECK(point->columns()[0].type_oid == 25);
  auto p = session.CreatePortal("", point, {Value::Int4(3)});
  PortalFetch f = session.Fetch(*p, 0);
  REQUIRE(f.rows.size() == 1);
  CHECK(f.rows[0][0].string_value() == "v3");
  CHECK(f.command_tag == "SELECT 1");

  // LIMIT $n is bigint; a row limit hands out the table's rows in pieces.
  auto range = session.Prepare("select id from t where id > $1 order by id limit $2", {});
  CHECK(range->parameter_types() == V{23, 20});
  auto r = session.CreatePortal("", range, {Value::Int4(1), Value::Int8(3)});
  f = session.Fetch(*r, 2);
  CHECK(f.rows.size() == 2);
  CHECK(!f.completed);
  f = session.Fetch(*r, 2);
  REQUIRE(f.rows.size() == 1);
  CHECK(f.rows[0][0].int_value() == 4);
  CHECK(f.completed);

  auto upd = session.Prepare("update t set v = $1 where id = $2 returning id, v", {});
  CHECK(upd->parameter_types() == V{25, 23});
  f = session.Fetch(*session.CreatePortal("", upd, {Value::Text("x"), Value::Int4(2)}), 0);
  REQUIRE(f.rows.size() == 1);
  CHECK(f.rows[0][1].string_value() == "x");
  CHECK(f.command_tag == "UPDATE 1");

  auto del = session.Prepare("delete from t where n >= $1", {});
  CHECK(del->parameter_types() == V{20});
  CHECK(session.Fetch(*session.CreatePortal("", del, {Value::Int8(40)}), 0).command_tag ==
        "DELETE 2");

  auto ups = session.Prepare(
      "insert into t values ($1, $2) on conflict (id) do update set v = excluded.v || $3", {});
  CHECK(ups->parameter_types() == V{23, 25, 25});

  CHECK(PrepareErrorCode(session, "select * from nosuch where a = $1") == "42P01");
  CHECK(PrepareErrorCode(session, "select nosuch from t where id = $1") == "42703");
  CHECK(PrepareErrorCode(session, "update t set nosuch = $1") == "42703");
  CHECK(PrepareErrorCode(session, "delete from t where id = $1 and id = $1::text") == "42883");
  CHECK(PrepareErrorCode(session, "select v from t where id = $1 and $2 is null") == "42P18");

  // SQL PREPARE / EXECUTE of a table statement.
  Exec(session, "prepare q as select v, n from t where id = $1");
  auto statements = session.Parse("execute q('3')");
  StatementResult result = session.Execute(*statements.at(0));
  REQUIRE(result.rows.size() == 1);
  CHECK(result.rows[0][0] == "v3");
  CHECK(result.rows[0][1] == "30");
  CHECK(result.command_tag == "SELECT 1");
}

}  // namespace
}  // namespace strata::sql
