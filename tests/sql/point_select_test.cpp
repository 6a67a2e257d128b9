// The point-select fast path (sql/commands/point_select.h): which statements
// take it, and that it answers what the general path answers. Results
// against PostgreSQL itself are checked by tests/integration/psql/point_select.sql.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/commands/point_select.h"
#include "sql/database.h"
#include "temp_database.h"
#include "sql/parsed_statement.h"

namespace strata::sql {
namespace {

using testing::TempDatabase;

// Runs a one-statement query; returns its rows as text and whether the fast
// path took it.
struct Outcome {
  std::vector<std::vector<std::string>> rows;
  bool fast = false;
};

Outcome RunOne(SqlSession& session, const std::string& query) {
  auto statements = session.Parse(query);
  REQUIRE(statements.size() == 1);
  StatementResult r = session.Execute(*statements[0]);
  Outcome out;
  for (const auto& row : r.rows) {
    std::vector<std::string> values;
    for (const auto& v : row) values.push_back(v ? *v : "<NULL>");
    out.rows.push_back(std::move(values));
  }
  const auto& parsed = static_cast<const ParsedStatementImpl&>(*statements[0]);
  if (parsed.statement().kind == ast::StatementKind::kSelect) {
    out.fast = PointSelectApplied(static_cast<const ast::SelectStatement&>(parsed.statement()));
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("primary-key lookups take the fast path, near misses do not", "[point_select]") {
  TempDatabase db;
  SqlSession session(db.get());
  RunOne(session, "create table t (id bigint primary key, grp int, note text)");
  RunOne(session, "insert into t values (1, 10, 'one'), (2, 20, 'two')");
  RunOne(session, "create view v as select id, note from t");

  Outcome hit = RunOne(session, "select note, id from t where id = 2");
  CHECK(hit.fast);
  CHECK(hit.rows == Rows{{"two", "2"}});
  Outcome miss = RunOne(session, "select note from t where id = 3");
  CHECK(miss.fast);
  CHECK(miss.rows.empty());
  Outcome star = RunOne(session, "select * from t x where x.id = 1");
  CHECK(star.fast);
  CHECK(star.rows == Rows{{"1", "10", "one"}});

  // The general path: not the whole key, another column, a view, ORDER BY,
  // an expression in the select list, a constant of another type.
  CHECK_FALSE(RunOne(session, "select note from t where grp = 10").fast);
  CHECK_FALSE(RunOne(session, "select note from t where id = 1 and grp = 10").fast);
  CHECK_FALSE(RunOne(session, "select note from v where id = 1").fast);
  CHECK_FALSE(RunOne(session, "select note from t where id = 1 order by note").fast);
  CHECK_FALSE(RunOne(session, "select note || '!' from t where id = 1").fast);
  Outcome numeric = RunOne(session, "select note from t where id = 1.0");
  CHECK_FALSE(numeric.fast);
  CHECK(numeric.rows == Rows{{"one"}});
  Outcome both = RunOne(session, "select note from t where id = 1 and id = 2");
  CHECK_FALSE(both.fast);
  CHECK(both.rows.empty());
}

}  // namespace
}  // namespace strata::sql
