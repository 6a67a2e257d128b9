// Transaction blocks through SqlSession over a real Database: the I/T/E
// status, a block's writes invisible to another session until COMMIT,
// ROLLBACK of DDL leaving no table and no tree, savepoints, and the DDL lock
// held to the end of a block. (Outputs are compared with PostgreSQL 15 by
// tests/integration/psql/txn_*.sql and txn_sessions_test.py.)
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sql/database.h"
#include "temp_database.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

using testing::TempDatabase;

// Runs each statement of `query` as the server does for a one-statement
// Query (the statements of these tests are sent one at a time).
std::vector<StatementResult> RunSql(SqlSession& session, const std::string& query) {
  std::vector<StatementResult> out;
  try {
    for (auto& statement : session.Parse(query)) out.push_back(session.Execute(*statement));
  } catch (const SqlError&) {
    session.AbortTransactionAfterError();
    throw;
  }
  return out;
}

std::string ErrorCode(SqlSession& session, const std::string& query) {
  try {
    RunSql(session, query);
  } catch (const SqlError& e) {
    return std::string(SqlStateCode(e.fields().sqlstate));
  }
  return "no error";
}

std::string Count(SqlSession& session, const std::string& table) {
  auto r = RunSql(session, "select count(*) from " + table);
  return *r.at(0).rows.at(0).at(0);
}

char Status(const SqlSession& session) { return static_cast<char>(session.transaction_status()); }

size_t TreeCount(Database* db) { return db->engine()->GetStats().trees.size(); }

TEST_CASE("transaction block status and visibility", "[txn][block]") {
  TempDatabase db;
  SqlSession a(db.get());
  SqlSession b(db.get());
  RunSql(a, "create table t (id int primary key)");
  CHECK(Status(a) == 'I');
  RunSql(a, "begin");
  CHECK(Status(a) == 'T');
  RunSql(a, "insert into t values (1)");
  CHECK(Count(a, "t") == "1");
  CHECK(Count(b, "t") == "0");
  CHECK(ErrorCode(a, "select 1/0") == "22012");
  CHECK(Status(a) == 'E');
  CHECK(ErrorCode(a, "select 1") == "25P02");
  auto tag = RunSql(a, "commit");
  CHECK(tag.at(0).command_tag == "ROLLBACK");
  CHECK(Status(a) == 'I');
  CHECK(Count(b, "t") == "0");
  RunSql(a, "begin");
  RunSql(a, "insert into t values (2)");
  RunSql(a, "commit");
  CHECK(Count(b, "t") == "1");
}

TEST_CASE("rolled-back DDL leaves no table and no tree", "[txn][block]") {
  TempDatabase db;
  SqlSession a(db.get());
  const size_t trees = TreeCount(db.get());
  RunSql(a, "begin");
  RunSql(a, "create table n (x int)");
  RunSql(a, "insert into n values (1)");
  CHECK(Count(a, "n") == "1");
  CHECK(TreeCount(db.get()) == trees + 1);
  RunSql(a, "rollback");
  CHECK(TreeCount(db.get()) == trees);
  CHECK(ErrorCode(a, "select * from n") == "42P01");
  // The DDL lock was released: another session's DDL runs.
  SqlSession b(db.get());
  RunSql(b, "create table n (x int)");
  CHECK(Count(b, "n") == "0");
}

TEST_CASE("savepoints undo writes and DDL", "[txn][block]") {
  TempDatabase db;
  SqlSession a(db.get());
  RunSql(a, "create table t (id int primary key)");
  RunSql(a, "begin");
  RunSql(a, "insert into t values (1)");
  RunSql(a, "savepoint s");
  RunSql(a, "insert into t values (2)");
  RunSql(a, "create table u (y int)");
  CHECK(Count(a, "t") == "2");
  CHECK(ErrorCode(a, "insert into t values (2)") == "23505");
  RunSql(a, "rollback to savepoint s");
  CHECK(Status(a) == 'T');
  CHECK(Count(a, "t") == "1");
  CHECK(ErrorCode(a, "select * from u") == "42P01");
  RunSql(a, "rollback to s");
  CHECK(ErrorCode(a, "release nope") == "3B001");
  RunSql(a, "rollback");
  RunSql(a, "begin");
  CHECK(ErrorCode(a, "rollback to s") == "3B001");
  RunSql(a, "commit");
  CHECK(Count(a, "t") == "0");
}

TEST_CASE("read-only transactions and isolation settings", "[txn][block]") {
  TempDatabase db;
  SqlSession a(db.get());
  RunSql(a, "create table t (id int primary key)");
  RunSql(a, "begin isolation level repeatable read read only");
  CHECK(a.ShowParameter("transaction_isolation") == "repeatable read");
  CHECK(ErrorCode(a, "insert into t values (1)") == "25006");
  RunSql(a, "rollback");
  CHECK(a.ShowParameter("transaction_isolation") == "read committed");
  RunSql(a, "begin");
  RunSql(a, "select 1");
  CHECK(ErrorCode(a, "set transaction isolation level serializable") == "25001");
  RunSql(a, "rollback");
}

}  // namespace
}  // namespace strata::sql
