// Tests for pg_stat_statements' query normalisation and accumulation.
#include <catch2/catch.hpp>

#include "sql/stat_statements.h"

using namespace strata::sql;

TEST_CASE("stat statements: literals become $n, identifiers stay") {
  CHECK(NormalizeQueryText("select * from t where a = 42 and b = 'x''y'") ==
        "select * from t where a = $1 and b = $2");
  CHECK(NormalizeQueryText("  SELECT   t1.c2, 3.5e1 FROM \"t 9\"  ;") ==
        "SELECT t1.c2, $1 FROM \"t 9\"");
  CHECK(NormalizeQueryText("insert into t values ($1, 7)") == "insert into t values ($1, $1)");
}

TEST_CASE("stat statements: calls, times and rows add up per normalised text") {
  RecordStatStatement("select 1 from stat_statements_test_table where a = 5", 2.0, 1);
  RecordStatStatement("select 1 from stat_statements_test_table where a = 6", 4.0, 0);
  bool found = false;
  for (const StatStatementsEntry& e : StatStatementsSnapshot()) {
    if (e.query != "select $1 from stat_statements_test_table where a = $2") continue;
    found = true;
    CHECK(e.calls == 2);
    CHECK(e.total_ms == Approx(6.0));
    CHECK(e.min_ms == Approx(2.0));
    CHECK(e.max_ms == Approx(4.0));
    CHECK(e.rows == 1);
    CHECK(e.queryid != 0);
  }
  CHECK(found);
}
