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
  bool index_fast = false;  // the secondary-index lookup
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
    const auto& select = static_cast<const ast::SelectStatement&>(parsed.statement());
    out.fast = PointSelectApplied(select);
    out.index_fast = IndexLookupApplied(select);
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

TEST_CASE("secondary-index lookups take the index fast path when the planner picks the index",
          "[point_select]") {
  TempDatabase db;
  SqlSession session(db.get());
  RunOne(session, "create table t (id bigint primary key, k int not null, n int, note text)");
  RunOne(session,
         "insert into t select g, g * 2, case when g % 10 = 0 then null else g end, 'n' || g "
         "from generate_series(1, 3000) g");
  RunOne(session, "create index t_k on t (k)");
  RunOne(session, "create index t_n on t (n)");
  RunOne(session, "analyze t");

  Outcome eq = RunOne(session, "select id, note from t where k = 20");
  CHECK(eq.index_fast);
  CHECK_FALSE(eq.fast);
  CHECK(eq.rows == Rows{{"10", "n10"}});
  Outcome range = RunOne(session, "select id from t where k >= 20 and 26 > k");
  CHECK(range.index_fast);
  CHECK(range.rows == Rows{{"10"}, {"11"}, {"12"}});
  Outcome none = RunOne(session, "select id from t where k = 21");
  CHECK(none.index_fast);
  CHECK(none.rows.empty());
  // An equality on a nullable column is exact; a bound on one is not (its
  // open side holds the NULLs).
  Outcome nullable_eq = RunOne(session, "select id from t where n = 3");
  CHECK(nullable_eq.index_fast);
  CHECK(nullable_eq.rows == Rows{{"3"}});
  Outcome nullable_range = RunOne(session, "select id from t where n > 2997");
  CHECK_FALSE(nullable_range.index_fast);
  CHECK(nullable_range.rows == Rows{{"2998"}, {"2999"}});

  // Near misses: a non-exact constant, an expression in the select list,
  // ORDER BY, a primary-key lookup (the other fast path).
  Outcome numeric = RunOne(session, "select id from t where k = 20.0");
  CHECK_FALSE(numeric.index_fast);
  CHECK(numeric.rows == Rows{{"10"}});
  CHECK_FALSE(RunOne(session, "select id + 1 from t where k = 20").index_fast);
  CHECK_FALSE(RunOne(session, "select id from t where k = 20 order by id").index_fast);
  Outcome pk = RunOne(session, "select note from t where id = 10");
  CHECK(pk.fast);
  CHECK_FALSE(pk.index_fast);

  // The planner's choice decides: no index path when index and bitmap
  // scans are off, none after DROP INDEX.
  RunOne(session, "set enable_indexscan = off");
  RunOne(session, "set enable_bitmapscan = off");
  Outcome off = RunOne(session, "select id, note from t where k = 20");
  CHECK_FALSE(off.index_fast);
  CHECK(off.rows == Rows{{"10", "n10"}});
  RunOne(session, "reset enable_indexscan");
  RunOne(session, "reset enable_bitmapscan");
  CHECK(RunOne(session, "select id, note from t where k = 20").index_fast);
  RunOne(session, "drop index t_k");
  Outcome dropped = RunOne(session, "select id, note from t where k = 20");
  CHECK_FALSE(dropped.index_fast);
  CHECK(dropped.rows == Rows{{"10", "n10"}});
}

}  // namespace
}  // namespace strata::sql
