// Subqueries used as expressions over a real Database: scalar/EXISTS/IN/
// ANY/ALL/ARRAY results with PostgreSQL's NULL rules, correlation through
// several levels (including a derived table inside the subquery), the
// uncorrelated cache and hashed IN giving the same answers as the per-row
// path, $n inside subqueries of prepared statements, and the errors.
// Expected values are what PostgreSQL 15 answers for the same statements.
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

StatementResult Exec(SqlSession& session, const std::string& query) {
  StatementResult last;
  for (auto& statement : session.Parse(query)) last = session.Execute(*statement);
  return last;
}

// Every row's columns joined by ',' and rows by ';' (NULL as "N").
std::string Rows(SqlSession& session, const std::string& query) {
  StatementResult r = Exec(session, query);
  std::string out;
  for (size_t i = 0; i < r.rows.size(); ++i) {
    if (i > 0) out += ";";
    for (size_t j = 0; j < r.rows[i].size(); ++j) {
      if (j > 0) out += ",";
      out += r.rows[i][j] ? *r.rows[i][j] : "N";
    }
  }
  return out;
}

std::string ErrorCode(SqlSession& session, const std::string& query) {
  try {
    Exec(session, query);
  } catch (const SqlError& e) {
    return std::string(SqlStateCode(e.fields().sqlstate));
  }
  return "no error";
}

TEST_CASE("subquery expressions", "[subquery]") {
  TempDatabase db;
  SqlSession s(db.get());
  Exec(s, "create table nums (n int)");
  Exec(s, "insert into nums values (1), (2), (3), (null)");
  Exec(s, "create table vals (v int primary key)");
  Exec(s, "insert into vals values (2), (3), (4)");

  SECTION("scalar, EXISTS, ARRAY") {
    CHECK(Rows(s, "select (select max(v) from vals)") == "4");
    CHECK(Rows(s, "select (select v from vals where v = 9)") == "N");
    CHECK(Rows(s, "select exists (select 1 from vals), exists (select 1 from vals where v > 9)") ==
          "t,f");
    CHECK(Rows(s, "select array(select v from vals order by v desc)") == "{4,3,2}");
  }
  SECTION("IN / NOT IN / ANY / ALL with NULLs, hashed and not") {
    // Uncorrelated (hashed) and correlated (per row) forms agree.
    CHECK(Rows(s, "select v, v in (select n from nums), v not in (select n from nums) "
                  "from vals order by v") == "2,t,f;3,t,f;4,N,N");
    CHECK(Rows(s, "select v, v in (select n from nums where n = n + 0 * vals.v), "
                  "v not in (select n from nums where n = n + 0 * vals.v) from vals order by v") ==
          "2,t,f;3,t,f;4,f,t");
    CHECK(Rows(s, "select null::int in (select v from vals where v > 9), "
                  "null::int in (select v from vals)") == "f,N");
    CHECK(Rows(s, "select v, v > all (select n from nums), v >= any (select n from nums) "
                  "from vals order by v") == "2,f,t;3,f,t;4,N,t");
    CHECK(Rows(s, "select (2, 3) in (select v, v + 1 from vals), (2, 4) in (select v, v + 1 from vals)") ==
          "t,f");
  }
  SECTION("correlation at depth 1, 2 and 3") {
    CHECK(Rows(s, "select n, (select count(*) from vals where v > nums.n) from nums "
                  "where n is not null order by n") == "1,3;2,2;3,1");
    // Through a primary-key lookup of the inner table.
    CHECK(Rows(s, "select n, (select v from vals where v = nums.n) from nums order by n") ==
          "1,N;2,2;3,3;N,N");
    CHECK(Rows(s, "select n, (select (select (select n * 10 + v from vals v3 where v3.v = v2.v) "
                  "from vals v2 where v2.v = 2)) from nums where n = 1") == "1,12");
    CHECK(Rows(s, "select n from nums where exists (select 1 from vals where v = n and exists "
                  "(select 1 from (select v as w from vals) d where d.w = nums.n + 1)) order by n") ==
          "2;3");
  }
  SECTION("LATERAL, hash lookups and memoized runs") {
    CHECK(Rows(s, "select n, x from nums, lateral (select v * n as x from vals where v <= n) ss "
                  "order by 1, 2") == "2,4;3,6;3,9");
    CHECK(Rows(s, "select n, x from nums left join lateral (select v as x from vals where v = n) "
                  "ss on true order by 1, 2") == "1,N;2,2;3,3;N,N");
    CHECK(Rows(s, "select v, g from vals, generate_series(1, v) g where v = 2 order by g") ==
          "2,1;2,2");
    // nums has no primary key: `b.n = a.n` is a hash lookup; the inner
    // NOT EXISTS is memoized per b.n.
    CHECK(Rows(s, "select n from nums a where exists (select 1 from nums b where b.n = a.n and "
                  "not exists (select 1 from nums c where c.n = b.n + 1)) order by n") == "3");
  }
  SECTION("grouped outer query") {
    CHECK(Rows(s, "select n, (select count(*) from vals where v > n) from nums group by n "
                  "having n > (select min(v) from vals) order by n") == "3,1");
    CHECK(ErrorCode(s, "select n, (select v from vals where v = nums.n + count(*)) from nums") ==
          "42803");
  }
  SECTION("DML") {
    Exec(s, "create table t (a int, b int)");
    Exec(s, "insert into t values (1, (select max(v) from vals)), (2, 0)");
    Exec(s, "update t set b = (select count(*) from vals where v > t.a)");
    CHECK(Rows(s, "select a, b from t order by a") == "1,3;2,2");
    Exec(s, "delete from t where a in (select v from vals)");
    CHECK(Rows(s, "select a, b from t order by a") == "1,3");
  }
  SECTION("errors") {
    CHECK(ErrorCode(s, "select (select n from nums)") == "21000");
    CHECK(ErrorCode(s, "select (select 1, 2)") == "42601");
    CHECK(ErrorCode(s, "select 1 in (select 1, 2)") == "42601");
    CHECK(ErrorCode(s, "create table c (a int check (a > (select 1)))") == "0A000");
    CHECK(ErrorCode(s, "create table c (a int default (select 1))") == "0A000");
  }
}

TEST_CASE("subqueries in prepared statements", "[subquery][prepare]") {
  TempDatabase db;
  SqlSession s(db.get());
  Exec(s, "create table vals (v int primary key)");
  Exec(s, "insert into vals values (2), (3), (4)");
  auto stmt = s.Prepare("select (select count(*) from vals where v > $1)", {});
  REQUIRE(stmt->parameter_types() == std::vector<Oid>{23});
  REQUIRE(stmt->columns().size() == 1);
  CHECK(stmt->columns()[0].name == "count");
  PortalFetch f = s.Fetch(*s.CreatePortal("", stmt, {Value::Int4(2)}), 0);
  REQUIRE(f.rows.size() == 1);
  CHECK(f.rows[0][0].int_value() == 2);

  auto in = s.Prepare("select v from vals where v in (select v from vals where v < $1) order by v", {});
  f = s.Fetch(*s.CreatePortal("", in, {Value::Int4(4)}), 0);
  REQUIRE(f.rows.size() == 2);
  CHECK(f.rows[1][0].int_value() == 3);
}

}  // namespace
}  // namespace strata::sql
