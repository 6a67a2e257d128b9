// Prepared statements: parameter type inference (PostgreSQL's
// parse_param.c), describing, binding values into portals, fetching with row
// limits, and SQL PREPARE / EXECUTE / DEALLOCATE. Expected types, tags and
// errors are what PostgreSQL 15 answers for the same statements.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sql/portal.h"
#include "sql/prepared_statement.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

std::vector<Oid> ParamTypes(const std::string& query, std::vector<Oid> given = {}) {
  SqlSession session;
  return session.Prepare(query, given)->parameter_types();
}

testing::ErrorInfo PrepareError(const std::string& query, std::vector<Oid> given = {}) {
  SqlSession session;
  try {
    session.Prepare(query, given);
  } catch (const SqlError& e) {
    const auto& f = e.fields();
    return {std::string(SqlStateCode(f.sqlstate)), f.message, f.position, f.hint, f.detail};
  }
  throw std::runtime_error("expected an error preparing: " + query);
}

using V = std::vector<Oid>;

TEST_CASE("parameter types are inferred from context", "[prepare]") {
  CHECK(ParamTypes("select $1 + 1") == V{23});
  CHECK(ParamTypes("select $1 = 'x'") == V{25});
  CHECK(ParamTypes("select $1::int8") == V{20});
  CHECK(ParamTypes("select $1") == V{25});
  CHECK(ParamTypes("select $1, $1") == V{25});
  CHECK(ParamTypes("select 1.5 + $1") == V{1700});
  CHECK(ParamTypes("select $1 and true") == V{16});
  CHECK(ParamTypes("select not $1") == V{16});
  CHECK(ParamTypes("select case when $1 then $2 else 3 end") == V{16, 23});
  CHECK(ParamTypes("select coalesce($1, 2.5)") == V{1700});
  CHECK(ParamTypes("select $1 in (1, 2)") == V{23});
  CHECK(ParamTypes("select $1 between 1 and $2") == V{23, 23});
  CHECK(ParamTypes("select nullif($1, 1)") == V{23});
  CHECK(ParamTypes("select greatest($1, 2, 3.5)") == V{1700});
  CHECK(ParamTypes("select $1::varchar(3)") == V{1043});
  CHECK(ParamTypes("values ($1), (2)") == V{23});
  CHECK(ParamTypes("select $2::int, $1::text") == V{25, 23});
  CHECK(ParamTypes("select $1 is distinct from 5") == V{23});
  CHECK(ParamTypes("select $1 where $2") == V{25, 16});
  CHECK(ParamTypes("select $1::int + $1") == V{23});
  CHECK(ParamTypes("select $1 + 1, $1::text") == V{23});
  CHECK(ParamTypes("select $1 is true") == V{16});
  CHECK(ParamTypes("select $1 || $2") == V{25, 25});
  CHECK(ParamTypes("select $1 = $2") == V{25, 25});
  CHECK(ParamTypes("select coalesce($1, $1 + 1)") == V{23});
  CHECK(ParamTypes("select 1 where $1 > 0") == V{23});
}

TEST_CASE("given parameter types win; extra ones are kept", "[prepare]") {
  CHECK(ParamTypes("select $1", {23}) == V{23});
  CHECK(ParamTypes("select $1 + $2", {20, 0}) == V{20, 20});
  CHECK(ParamTypes("select 1", {23, 25}) == V{23, 25});
  CHECK(ParamTypes("select $1::int", {25}) == V{25});
}

TEST_CASE("parameters whose type cannot be determined", "[prepare]") {
  auto e = PrepareError("select $1 is null");
  CHECK(e.code == "42P18");
  CHECK(e.message == "could not determine data type of parameter $1");
  CHECK(e.position == 0);

  e = PrepareError("select $3::int");  // $1 and $2 never referenced
  CHECK(e.code == "42P18");
  CHECK(e.message == "could not determine data type of parameter $1");

  e = PrepareError("select $1 is null, $1 + 1");  // a reference left unknown
  CHECK(e.code == "42P08");
  CHECK(e.message == "could not determine data type of parameter $1");
  CHECK(e.position == 8);

  e = PrepareError("select $1 + $2");
  CHECK(e.code == "42725");
  CHECK(e.message == "operator is not unique: unknown + unknown");
  CHECK(e.position == 11);

  e = PrepareError("select $0");
  CHECK(e.code == "42P02");
  CHECK(e.message == "there is no parameter $0");
  CHECK(e.position == 8);

  e = PrepareError("select case $1 when 1 then 'a' end");
  CHECK(e.code == "42883");
  CHECK(e.message == "operator does not exist: text = integer");
  CHECK(e.position == 16);

  e = PrepareError("select 1; select 2");
  CHECK(e.code == "42601");
  CHECK(e.message == "cannot insert multiple commands into a prepared statement");
}

TEST_CASE("a simple query has no parameters", "[prepare]") {
  auto e = testing::Error("select $1");
  CHECK(e.code == "42P02");
  CHECK(e.message == "there is no parameter $1");
  CHECK(e.position == 8);
}

TEST_CASE("describe a statement: columns before folding", "[prepare]") {
  SqlSession session;
  auto s = session.Prepare(
      "select $1 + 1 as a, case when true then 1::numeric(5,2) else 2::numeric(6,1) end", {});
  REQUIRE(s->returns_rows());
  REQUIRE(s->columns().size() == 2);
  CHECK(s->columns()[0].name == "a");
  CHECK(s->columns()[0].type_oid == 23);
  CHECK(s->columns()[0].type_size == 4);
  CHECK(s->columns()[1].name == "case");
  CHECK(s->columns()[1].type_modifier == -1);

  auto empty = session.Prepare("  ", {});
  CHECK(empty->empty());
  CHECK(!empty->returns_rows());
}

TEST_CASE("portals: values bound, folded types, fetch with a row limit", "[prepare][portal]") {
  SqlSession session;
  auto s = session.Prepare(
      "select $1::int * 2, case when true then 1::numeric(5,2) else 2::numeric(6,1) end", {});
  auto portal = session.CreatePortal("", s, {Value::Int4(21)});
  CHECK(portal->columns()[1].type_modifier == 327686);  // folded, as Describe 'P' shows
  PortalFetch f = session.Fetch(*portal, 0);
  REQUIRE(f.rows.size() == 1);
  CHECK(f.rows[0][0].int_value() == 42);
  CHECK(f.completed);
  CHECK(f.command_tag == "SELECT 1");

  auto values = session.Prepare("values ($1), ($1 + 1), ($1 + 2)", {20});
  auto p = session.CreatePortal("p", values, {Value::Int8(7)});
  f = session.Fetch(*p, 2);
  CHECK(f.rows.size() == 2);
  CHECK(!f.completed);
  f = session.Fetch(*p, 2);
  REQUIRE(f.rows.size() == 1);
  CHECK(f.rows[0][0].int_value() == 9);
  CHECK(f.completed);
  CHECK(f.command_tag == "SELECT 1");
  f = session.Fetch(*p, 0);
  CHECK(f.rows.empty());
  CHECK(f.command_tag == "SELECT 0");

  // Exactly the limit: suspended, then an empty completion.
  auto two = session.Prepare("values (1), (2)", {});
  auto q = session.CreatePortal("", two, {});
  CHECK(!session.Fetch(*q, 2).completed);
  f = session.Fetch(*q, 2);
  CHECK(f.completed);
  CHECK(f.command_tag == "SELECT 0");

  // Constant folding happens at Bind: errors surface when the portal is made.
  auto div = session.Prepare("select $1::int / 0", {});
  CHECK_THROWS_AS(session.CreatePortal("", div, {Value::Int4(1)}), SqlError);

  auto empty = session.Prepare("", {});
  CHECK(session.Fetch(*session.CreatePortal("", empty, {}), 0).empty_query);
}

TEST_CASE("named statements: one namespace for Parse and PREPARE", "[prepare]") {
  SqlSession session;
  session.StorePreparedStatement("a", session.Prepare("select 1", {}));
  try {
    session.StorePreparedStatement("a", session.Prepare("select 2", {}));
    FAIL("expected 42P05");
  } catch (const SqlError& e) {
    CHECK(SqlStateCode(e.sqlstate()) == "42P05");
    CHECK(e.fields().message == "prepared statement \"a\" already exists");
  }
  auto parsed = session.Parse("prepare a as select 3");
  CHECK_THROWS_AS(session.Execute(*parsed[0]), SqlError);
  CHECK(session.DropPreparedStatement("a"));
  CHECK(!session.DropPreparedStatement("a"));
}

StatementResult RunIn(SqlSession& session, const std::string& query) {
  auto parsed = session.Parse(query);
  REQUIRE(parsed.size() == 1);
  return session.Execute(*parsed[0]);
}

testing::ErrorInfo ErrorIn(SqlSession& session, const std::string& query) {
  try {
    RunIn(session, query);
  } catch (const SqlError& e) {
    const auto& f = e.fields();
    return {std::string(SqlStateCode(f.sqlstate)), f.message, f.position, f.hint, f.detail};
  }
  throw std::runtime_error("expected an error from: " + query);
}

TEST_CASE("SQL PREPARE, EXECUTE and DEALLOCATE", "[prepare]") {
  SqlSession session;
  CHECK(RunIn(session, "prepare p(int, text) as select $1 + 1 as n, $2 || '!' as s").command_tag ==
        "PREPARE");
  StatementResult r = RunIn(session, "execute p(41, 'hi')");
  CHECK(r.command_tag == "SELECT 1");
  REQUIRE(r.rows.size() == 1);
  CHECK(*r.rows[0][0] == "42");
  CHECK(*r.rows[0][1] == "hi!");
  CHECK(r.columns[0].name == "n");

  // Arguments are coerced with assignment rules; literals use the type's input.
  CHECK(*RunIn(session, "execute p('7', 3)").rows[0][0] == "8");
  auto e = ErrorIn(session, "execute p('x', 'y')");
  CHECK(e.code == "22P02");
  CHECK(e.message == "invalid input syntax for type integer: \"x\"");
  CHECK(e.position == 11);
  e = ErrorIn(session, "execute p(true, 'y')");
  CHECK(e.code == "42804");
  CHECK(e.message ==
        "parameter $1 of type boolean cannot be coerced to the expected type integer");
  CHECK(e.hint == "You will need to rewrite or cast the expression.");
  CHECK(e.position == 11);
  e = ErrorIn(session, "execute p(1)");
  CHECK(e.code == "42601");
  CHECK(e.message == "wrong number of parameters for prepared statement \"p\"");
  CHECK(e.detail == "Expected 2 parameters but got 1.");

  // Inferred types, as for a Parse message.
  RunIn(session, "prepare q as select $1 || 'x', $2 + 1.5");
  CHECK(*RunIn(session, "execute q('a', 1)").rows[0][1] == "2.5");
  e = ErrorIn(session, "prepare q as select 1");
  CHECK(e.code == "42P05");
  e = ErrorIn(session, "prepare r as select $1 is null");
  CHECK(e.code == "42P18");

  CHECK(RunIn(session, "deallocate p").command_tag == "DEALLOCATE");
  e = ErrorIn(session, "execute p(1, 'a')");
  CHECK(e.code == "26000");
  CHECK(e.message == "prepared statement \"p\" does not exist");
  e = ErrorIn(session, "deallocate p");
  CHECK(e.code == "26000");
  CHECK(RunIn(session, "deallocate all").command_tag == "DEALLOCATE ALL");
  CHECK(session.FindPreparedStatement("q") == nullptr);
}

}  // namespace
}  // namespace strata::sql
