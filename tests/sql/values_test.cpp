// VALUES lists: column names, per-column common types across rows, and the
// errors PostgreSQL 15 raises (expected values printed by PostgreSQL 15).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sql_test_util.h"

namespace strata::sql {
namespace {

using testing::Error;
using testing::Run;

TEST_CASE("VALUES resolves a common type per column", "[values]") {
  StatementResult r = Run("values (1,'a'),(2,'b')");
  REQUIRE(r.columns.size() == 2);
  CHECK(r.columns[0].name == "column1");
  CHECK(r.columns[1].name == "column2");
  CHECK(r.columns[0].type_oid == 23);
  CHECK(r.columns[1].type_oid == 25);
  CHECK(r.rows.size() == 2);
  CHECK(*r.rows[1][1] == "b");
  CHECK(r.command_tag == "SELECT 2");

  StatementResult mixed = Run("values (1),(2.5),(null)");
  CHECK(mixed.columns[0].type_oid == 1700);
  CHECK(*mixed.rows[0][0] == "1");
  CHECK(*mixed.rows[1][0] == "2.5");
  CHECK(!mixed.rows[2][0].has_value());

  StatementResult literal_first = Run("values ('1'),(2)");
  CHECK(literal_first.columns[0].type_oid == 23);

  StatementResult typmods = Run("values (1.5::numeric(5,2)), (2.5::numeric(5,2))");
  CHECK(typmods.columns[0].type_modifier == 327686);
  StatementResult mixed_typmods = Run("values (1.5::numeric(5,2)), (2.5::numeric(6,2))");
  CHECK(mixed_typmods.columns[0].type_modifier == -1);
}

TEST_CASE("VALUES errors", "[values]") {
  auto length = Error("values (1,'a'),(2)");
  CHECK(length.code == "42601");
  CHECK(length.message == "VALUES lists must all be the same length");
  CHECK(length.position == 17);

  auto literal = Error("values (1),('x')");
  CHECK(literal.code == "22P02");
  CHECK(literal.message == "invalid input syntax for type integer: \"x\"");
  CHECK(literal.position == 13);

  auto mismatch = Error("values (1),(true)");
  CHECK(mismatch.code == "42804");
  CHECK(mismatch.message == "VALUES types integer and boolean cannot be matched");
  CHECK(mismatch.position == 13);

  CHECK(Error("values (1/0)").code == "22012");
}

}  // namespace
}  // namespace strata::sql
