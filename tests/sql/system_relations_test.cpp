// System relations and the OID types: oidin's accepted forms and errors,
// regtype names, the pg_get_expr spelling of stored defaults, and over a real
// Database: pg_class/pg_attribute rows generated per statement (so DDL shows
// up at once), regclass round trips and the errors for writing a catalog.
// Expected values are what PostgreSQL 15 answers.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/database.h"
#include "temp_database.h"
#include "sql/portal.h"
#include "sql/prepared_statement.h"
#include "sql/sql_session.h"
#include "sql/system_relations/default_text.h"
#include "sql/system_relations/reg_types.h"
#include "sql/system_relations/system_relation.h"

namespace strata::sql {
namespace {

std::string ErrorCode(auto&& fn) {
  try {
    fn();
  } catch (const SqlError& e) {
    return std::string(SqlStateCode(e.fields().sqlstate));
  }
  return "no error";
}

TEST_CASE("oidin: digits, sign wrap-around and range", "[system_relations]") {
  CHECK(ParseOid("0") == 0);
  CHECK(ParseOid(" 42 ") == 42);
  CHECK(ParseOid("+7") == 7);
  CHECK(ParseOid("4294967295") == 4294967295LL);
  CHECK(ParseOid("-1") == 4294967295LL);
  CHECK(ParseOid("-2147483648") == 2147483648LL);
  CHECK(ErrorCode([] { ParseOid("4294967296"); }) == "22003");
  CHECK(ErrorCode([] { ParseOid("-4294967296"); }) == "22003");
  CHECK(ErrorCode([] { ParseOid("-2147483649"); }) == "22003");
  CHECK(ErrorCode([] { ParseOid("abc"); }) == "22P02");
  CHECK(ErrorCode([] { ParseOid(""); }) == "22P02");
  CHECK(ErrorCode([] { ParseOid("1 2"); }) == "22P02");
}

TEST_CASE("regtype input names", "[system_relations]") {
  CHECK(ParseTypeName("int4") == 23);
  CHECK(ParseTypeName("integer") == 23);
  CHECK(ParseTypeName("INTEGER") == 23);
  CHECK(ParseTypeName("character varying") == 1043);
  CHECK(ParseTypeName("varchar(10)") == 1043);
  CHECK(ParseTypeName("int4[]") == 1007);
  CHECK(ParseTypeName("_int4") == 1007);
  CHECK(ParseTypeName("double  precision") == 701);
  CHECK(ParseTypeName("pg_catalog.text") == 25);
  CHECK(ParseTypeName("\"char\"") == 18);
  CHECK(ParseTypeName("char") == 1042);
  CHECK(ErrorCode([] { ParseTypeName("nope"); }) == "42704");
}

TEST_CASE("reg* output without a session prints numbers; 0 is '-'", "[system_relations]") {
  CHECK(OutputOidValue(Value::Integer(type_oid::kRegclass, 0)) == "-");
  CHECK(OutputOidValue(Value::Integer(type_oid::kRegclass, 1259)) == "1259");
  CHECK(OutputOidValue(Value::Integer(type_oid::kRegtype, 23)) == "integer");
  CHECK(OutputOidValue(Value::Integer(type_oid::kRegrole, 10)) == "postgres");
  CHECK(OutputOidValue(Value::Integer(type_oid::kOid, 4294967295LL)) == "4294967295");
}

TEST_CASE("pg_get_expr spelling of stored defaults", "[system_relations]") {
  CHECK(PgDefaultText("'x'", {type_oid::kText, -1}) == "'x'::text");
  CHECK(PgDefaultText("'it''s'", {type_oid::kVarchar, 14}) == "'it''s'::character varying");
  CHECK(PgDefaultText("'a'", {type_oid::kBpchar, 6}) == "'a'::bpchar");
  CHECK(PgDefaultText("'2020-1-2'", {type_oid::kDate, -1}) == "'2020-01-02'::date");
  CHECK(PgDefaultText("'5'", {type_oid::kInt4, -1}) == "5");
  CHECK(PgDefaultText("-1", {type_oid::kInt4, -1}) == "'-1'::integer");
  CHECK(PgDefaultText("-1.5", {type_oid::kNumeric, -1}) == "'-1.5'::numeric");
  CHECK(PgDefaultText("1.5", {type_oid::kNumeric, -1}) == "1.5");
  CHECK(PgDefaultText("7", {type_oid::kInt8, -1}) == "7");
  CHECK(PgDefaultText("true", {type_oid::kBool, -1}) == "true");
  CHECK(PgDefaultText("now()", {type_oid::kTimestampTz, -1}) == "now()");
}

TEST_CASE("format_type of time and timestamp typmods", "[system_relations]") {
  CHECK(FormatType({type_oid::kTimestampTz, 3}) == "timestamp(3) with time zone");
  CHECK(FormatType({type_oid::kTime, 0}) == "time(0) without time zone");
}

TEST_CASE("every system relation is declared once with its columns", "[system_relations]") {
  REQUIRE(FindSystemRelation("pg_catalog", "pg_class") != nullptr);
  CHECK(FindSystemRelation("pg_catalog", "pg_class")->columns.size() == 33);
  CHECK(FindSystemRelation("pg_catalog", "pg_attribute")->columns.size() == 26);
  CHECK(FindSystemRelation("pg_catalog", "pg_type")->columns.size() == 32);
  CHECK(FindSystemRelation("public", "pg_class") == nullptr);
  std::vector<Oid> oids;
  for (const SystemRelation* rel : AllSystemRelations()) {
    CHECK(std::find(oids.begin(), oids.end(), rel->oid) == oids.end());
    oids.push_back(rel->oid);
  }
}

using testing::TempDatabase;

StatementResult Last(SqlSession& session, const std::string& query) {
  StatementResult last;
  for (auto& statement : session.Parse(query)) last = session.Execute(*statement);
  return last;
}

std::string Cell(SqlSession& session, const std::string& query) {
  StatementResult r = Last(session, query);
  REQUIRE(r.rows.size() == 1);
  return r.rows[0][0].value_or("NULL");
}

std::string QueryError(SqlSession& session, const std::string& query) {
  return ErrorCode([&] { Last(session, query); });
}

TEST_CASE("pg_class and pg_attribute follow DDL; regclass round trips", "[system_relations]") {
  TempDatabase db;
  SqlSession session(db.get());
  CHECK(Cell(session, "select count(*) from pg_class where relname = 't'") == "0");
  Last(session, "create table t (a int primary key, b varchar(5) not null)");
  CHECK(Cell(session, "select relkind from pg_class where relname = 't'") == "r");
  CHECK(Cell(session, "select relnatts from pg_class where oid = 't'::regclass") == "2");
  CHECK(Cell(session, "select relkind from pg_class where oid = 't_pkey'::regclass") == "i");
  CHECK(Cell(session, "select 't'::regclass") == "t");
  CHECK(Cell(session, "select 't'::regclass::oid::regclass") == "t");
  CHECK(Cell(session, "select attname || ':' || format_type(atttypid, atttypmod) "
                      "from pg_attribute where attrelid = 't'::regclass and attnum = 2") ==
        "b:character varying(5)");
  CHECK(Cell(session, "select attnotnull from pg_attribute "
                      "where attrelid = 't'::regclass and attname = 'b'") == "t");
  Last(session, "alter table t add column c text default 'z'");
  CHECK(Cell(session, "select pg_get_expr(adbin, adrelid) from pg_attrdef "
                      "where adrelid = 't'::regclass") == "'z'::text");
  Last(session, "drop table t");
  CHECK(Cell(session, "select count(*) from pg_class where relname in ('t', 't_pkey')") == "0");
  CHECK(QueryError(session, "select 't'::regclass") == "42P01");
  CHECK(Cell(session, "select 'pg_catalog.pg_class'::regclass::oid") == "1259");
}

TEST_CASE("system relations cannot be written", "[system_relations]") {
  TempDatabase db;
  SqlSession session(db.get());
  CHECK(QueryError(session, "insert into pg_tables (schemaname) values ('x')") == "55000");
  CHECK(QueryError(session, "delete from pg_views") == "55000");
  CHECK(QueryError(session, "update pg_class set relname = 'x'") == "0A000");
  CHECK(QueryError(session, "truncate pg_class") == "42501");
  CHECK(QueryError(session, "drop table pg_namespace") == "42501");
}

TEST_CASE("a prepared catalog query reads the catalog when it runs", "[system_relations]") {
  TempDatabase db;
  SqlSession session(db.get());
  auto prepared = session.Prepare("select relname from pg_class where relname = 'late'", {});
  REQUIRE(prepared->columns().size() == 1);
  Last(session, "create table late (x int)");
  auto portal = session.CreatePortal("", prepared, {});
  PortalFetch f = session.Fetch(*portal, 0);
  REQUIRE(f.rows.size() == 1);
  CHECK(f.rows[0][0].string_value() == "late");
}

}  // namespace
}  // namespace strata::sql
