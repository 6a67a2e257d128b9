// Parsing: statements of a query string, syntax errors with PostgreSQL's
// messages and character positions, and 0A000 for statements that are not
// implemented yet. Expected errors were printed by PostgreSQL 15 (libpg_query
// 15.1's scanner where the two differ, see the note below).
#include <catch2/catch.hpp>
#include <string>

#include "sql/sql_session.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

using testing::Error;
using testing::Run;

TEST_CASE("empty query strings yield no statements", "[parse]") {
  SqlSession session;
  CHECK(session.Parse("").empty());
  CHECK(session.Parse("   \n\t").empty());
  CHECK(session.Parse("-- just a comment").empty());
  CHECK(session.Parse("/* block */").empty());
  CHECK(session.Parse(";;").empty());
}

TEST_CASE("a query string holds several statements", "[parse]") {
  SqlSession session;
  auto statements = session.Parse("select 1; select 'two' as b;values (3)");
  REQUIRE(statements.size() == 3);
  StatementResult first = session.Execute(*statements[0]);
  CHECK(first.rows.at(0).at(0) == "1");
  StatementResult second = session.Execute(*statements[1]);
  CHECK(second.columns.at(0).name == "b");
  CHECK(second.rows.at(0).at(0) == "two");
  StatementResult third = session.Execute(*statements[2]);
  CHECK(third.columns.at(0).name == "column1");
  CHECK(third.command_tag == "SELECT 1");
}

TEST_CASE("a later statement's failure does not stop earlier ones", "[parse]") {
  SqlSession session;
  auto statements = session.Parse("select 1; create table t (a int); select 1/0");
  REQUIRE(statements.size() == 3);
  CHECK(session.Execute(*statements[0]).rows.size() == 1);
  CHECK_THROWS_AS(session.Execute(*statements[1]), SqlError);
  CHECK_THROWS_AS(session.Execute(*statements[2]), SqlError);
}

TEST_CASE("syntax errors report PostgreSQL's message and position", "[parse]") {
  struct Case {
    const char* query;
    const char* message;
    int position;
  };
  for (const Case& c : {
           Case{"selec 1", "syntax error at or near \"selec\"", 1},
           Case{"select 1 +", "syntax error at end of input", 11},
           Case{"select 1 = 1 = 1", "syntax error at or near \"=\"", 14},
           Case{"select 'abc", "unterminated quoted string at or near \"'abc\"", 8},
           Case{"select 1::int(4)", "syntax error at or near \"(\"", 14},
           // Multibyte characters count once: "é" is 2 bytes.
           Case{"select 'é', 'é' é é", "syntax error at or near \"é\"", 19},
           // A syntax error anywhere fails the whole string.
           Case{"select 1; select 2; selec 3", "syntax error at or near \"selec\"", 21},
       }) {
    INFO(c.query);
    auto e = Error(c.query);
    CHECK(e.code == "42601");
    CHECK(e.message == c.message);
    CHECK(e.position == c.position);
  }
  auto limit = Error("select 1 limit 1,2");
  CHECK(limit.code == "42601");
  CHECK(limit.message == "LIMIT #,# syntax is not supported");
  CHECK(limit.hint == "Use separate LIMIT and OFFSET clauses.");
  CHECK(limit.position == 10);
}

TEST_CASE("statements other than SELECT are 0A000 naming the statement", "[parse]") {
  struct Case {
    const char* query;
    const char* message;
  };
  for (const Case& c : {
           Case{"create index i on t using gist (a)",
                "access method \"gist\" is not supported yet"},
           Case{"create index i on t (a collate \"C\")", "COLLATE in an index is not supported yet"},
           Case{"create type r as range (subtype = int4)",
                "CREATE TYPE ... AS RANGE (user-defined range types) is not supported yet"},
           Case{"explain (format json) select 1", "EXPLAIN (FORMAT json) is not supported yet"},
           Case{"alter table t alter column b set statistics 100",
                "ALTER TABLE ALTER COLUMN ... SET STATISTICS is not supported yet"},
           Case{"alter table t add exclude using gist (a with =)",
                "ADD EXCLUDE is not supported yet"},
           Case{"create materialized view m as select 1",
                "CREATE MATERIALIZED VIEW is not supported yet"},
           Case{"with x as (insert into t values (1)) select 1",
                "data-modifying statements in WITH is not supported yet"},
           Case{"with recursive x as (select 1) search depth first by a set s select 1",
                "SEARCH in WITH is not supported yet"},
           Case{"create table t (a int primary key deferrable)",
                "DEFERRABLE PRIMARY KEY constraints is not supported yet"},
           Case{"create table t (a int, unique (a) deferrable initially deferred)",
                "DEFERRABLE UNIQUE constraints is not supported yet"},
           Case{"select * from a join b using (x) as j",
                "JOIN ... USING (...) AS alias is not supported yet"},
           // Table statements need the Database the server opens.
           Case{"update t set a = 1 from u", "tables are not available in this session"},
           Case{"alter table t add column b int", "tables are not available in this session"},
           Case{"create table t (a int)", "tables are not available in this session"},
           Case{"select 1 from t", "tables are not available in this session"},
           // Set operations and ORDER BY/LIMIT run as table statements.
           Case{"select 1 union select 2", "tables are not available in this session"},
           Case{"values (1) order by 1", "tables are not available in this session"},
           Case{"select pg_lsn(1::numeric)", "function pg_lsn(numeric) is not supported yet"},
           Case{"select timetz '01:02'", "type time with time zone is not supported yet"},
       }) {
    INFO(c.query);
    auto e = Error(c.query);
    CHECK(e.code == "0A000");
    CHECK(e.message == c.message);
  }
}

TEST_CASE("deep nesting fails cleanly like PostgreSQL", "[parse]") {
  std::string query = "select 1";
  for (int i = 0; i < 20000; ++i) query += "+1";
  auto e = Error(query);
  CHECK(e.code == "54001");
  CHECK(e.message == "stack depth limit exceeded");
  // PostgreSQL 15 evaluates up to about 4,000 nested additions; we allow a
  // similar depth (fewer under sanitizers, whose stack frames are larger).
  std::string ok = "select 1";
  for (int i = 0; i < 999; ++i) ok += "+1";
  CHECK(testing::Scalar(ok) == "1000");
}

}  // namespace
}  // namespace strata::sql
