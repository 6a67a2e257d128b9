// SELECT of constant expressions: result types, column names, operators,
// three-valued logic, CASE and friends. Expected values, names, type OIDs
// and errors were printed by PostgreSQL 15 for the same queries.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sql_test_util.h"

namespace strata::sql {
namespace {

using testing::Error;
using testing::FirstRow;
using testing::Run;
using testing::Scalar;

TEST_CASE("literals get PostgreSQL's types", "[select]") {
  StatementResult r =
      Run("select true, null, 'a', 1, -2147483648, 2147483648, -9223372036854775808, "
          "9223372036854775808, 1.5, 1e5");
  std::vector<uint32_t> oids;
  for (const auto& c : r.columns) oids.push_back(c.type_oid);
  // bool, text (unknown literal resolved), text (NULL), int4, int4, int8,
  // int8, numeric, numeric, numeric.
  CHECK(oids == std::vector<uint32_t>{16, 25, 25, 23, 23, 20, 20, 1700, 1700, 1700});
  CHECK(r.columns[0].type_size == 1);
  CHECK(r.columns[3].type_size == 4);
  CHECK(r.columns[1].type_size == -1);
  CHECK(r.columns[0].type_modifier == -1);
  CHECK(r.rows.size() == 1);
  CHECK(!r.rows[0][1].has_value());  // NULL
  CHECK(r.command_tag == "SELECT 1");
}

TEST_CASE("column names follow FigureColname", "[select]") {
  StatementResult r =
      Run("select 1, 1::int4, '1'::numeric, true::bool, case when true then 1 end, "
          "coalesce(1, 2), nullif(1, 2), greatest(1, 2), least(1, 2), 3 as \"X\", "
          "int '1', (1+2)::text, 1::float8::int, 1::integer, 'x'::varchar(3)");
  std::vector<std::string> names;
  for (const auto& c : r.columns) names.push_back(c.name);
  CHECK(names == std::vector<std::string>{"?column?", "int4", "numeric", "bool", "case", "coalesce",
                                          "nullif", "greatest", "least", "X", "int4", "text",
                                          "int4", "int4", "varchar"});
  // varchar(3): typmod 3 + 4, as RowDescription reports it.
  CHECK(r.columns[14].type_oid == 1043);
  CHECK(r.columns[14].type_modifier == 7);
}

TEST_CASE("typmods are reported after constant folding", "[select]") {
  // PostgreSQL folds CASE/COALESCE before describing the columns.
  StatementResult r =
      Run("select 1.5::numeric(5,2), case when false then 1.5::numeric(5,2) else "
          "2.5::numeric(6,2) end, coalesce(null, 1.5::numeric(5,2), 2::numeric(6,2)), "
          "coalesce(null::numeric(5,2), null::numeric(5,2)), nullif(1.5::numeric(5,2), 1)");
  CHECK(r.columns[0].type_modifier == 327686);
  CHECK(r.columns[1].type_modifier == 393222);
  CHECK(r.columns[2].type_modifier == 327686);
  CHECK(r.columns[3].type_modifier == -1);
  CHECK(r.columns[4].type_modifier == 327686);
}

TEST_CASE("integer arithmetic and overflow errors", "[select]") {
  CHECK(FirstRow("select 5 / 2, -5 / 2, -5 % 2, 5::int8 / 2::int2, 7 % -3") ==
        std::vector<std::string>{"2", "-2", "-1", "2", "1"});
  CHECK(Scalar("select -(-2147483648)") == "2147483648");  // int8 literal
  struct Case {
    const char* query;
    const char* message;
  };
  for (const Case& c : {Case{"select 2147483647+1", "integer out of range"},
                        Case{"select (-2147483648)::int4 / -1", "integer out of range"},
                        Case{"select -2147483648::int4", "integer out of range"},
                        Case{"select 9223372036854775807 + 1", "bigint out of range"},
                        Case{"select 32767::int2 + 1::int2", "smallint out of range"},
                        Case{"select - (-32768)::int2", "smallint out of range"},
                        Case{"select 65536 * 65536", "integer out of range"}}) {
    INFO(c.query);
    auto e = Error(c.query);
    CHECK(e.code == "22003");
    CHECK(e.message == c.message);
    CHECK(e.position == 0);
  }
  CHECK(Scalar("select (-2147483648) % -1") == "0");
  for (const char* q : {"select 1/0", "select 1%0", "select 1::float8/0"}) {
    INFO(q);
    auto e = Error(q);
    CHECK(e.code == "22012");
    CHECK(e.message == "division by zero");
  }
}

TEST_CASE("cross-type operators pick PostgreSQL's operator", "[select]") {
  StatementResult r =
      Run("select 1::int2 + 1, 1::int2 + '1', '1' + 1.5, 1 + 1.5::float4, 1::float4 + 1.5, "
          "1::int2 * 1::int8, 1.5 % 1");
  std::vector<uint32_t> oids;
  for (const auto& c : r.columns) oids.push_back(c.type_oid);
  CHECK(oids == std::vector<uint32_t>{23, 21, 1700, 701, 701, 20, 1700});
}

TEST_CASE("operator errors carry position and hint", "[select]") {
  auto e = Error("select 1 + true");
  CHECK(e.code == "42883");
  CHECK(e.message == "operator does not exist: integer + boolean");
  CHECK(e.position == 10);
  CHECK(e.hint ==
        "No operator matches the given name and argument types. You might need to add "
        "explicit type casts.");

  auto prefix = Error("select - true");
  CHECK(prefix.message == "operator does not exist: - boolean");
  CHECK(prefix.position == 8);
  CHECK(prefix.hint ==
        "No operator matches the given name and argument type. You might need to add an "
        "explicit type cast.");

  auto ambiguous = Error("select 'a' + 'b'");
  CHECK(ambiguous.code == "42725");
  CHECK(ambiguous.message == "operator is not unique: unknown + unknown");
  CHECK(ambiguous.position == 12);
  CHECK(Error("select -'1'").message == "operator is not unique: - unknown");

  auto literal = Error("select 1 + 'a'");
  CHECK(literal.code == "22P02");
  CHECK(literal.message == "invalid input syntax for type integer: \"a\"");
  CHECK(literal.position == 12);

  CHECK(Error("select 1 || 2").message == "operator does not exist: integer || integer");
}

TEST_CASE("positions count characters, not bytes", "[select]") {
  // 'é' is two bytes: the + is at byte 18 but character 17, which PostgreSQL reports.
  auto e = Error("select 'é' || 1 + true");
  CHECK(e.code == "42883");
  CHECK(e.message == "operator does not exist: integer + boolean");
  CHECK(e.position == 17);
  CHECK(Error("select 'ééé' + 1").position == 8);
}

TEST_CASE("unknown literals resolve like PostgreSQL", "[select]") {
  CHECK(FirstRow("select '1' = '1', '1' < '2', 'a' || 'b'") ==
        std::vector<std::string>{"t", "t", "ab"});
  CHECK(FirstRow("select 1 || 'a', 'a' || 1, true || 'a', null || 'a', 1.50 || 'x'") ==
        std::vector<std::string>{"1a", "a1", "truea", "<NULL>", "1.50x"});
  CHECK(Scalar("select '{1}' || 1") == "{1}1");
  CHECK(Scalar("select +'1'") == "1");
}

TEST_CASE("three-valued logic", "[select]") {
  CHECK(FirstRow("select null and false, null or true, null and true, null or false, "
                 "not null::bool, true and true, false or false") ==
        std::vector<std::string>{"f", "t", "<NULL>", "<NULL>", "<NULL>", "t", "f"});
  CHECK(FirstRow("select null::int is null, 1 is not null, true is unknown, "
                 "null::bool is not true, false is not false, null::bool is false") ==
        std::vector<std::string>{"t", "t", "f", "t", "f", "f"});
  CHECK(FirstRow("select 1 is distinct from null, null is not distinct from null, "
                 "1 is distinct from 1.0") == std::vector<std::string>{"t", "t", "f"});
  CHECK(FirstRow("select 'yes' and true, 'no' or null") == std::vector<std::string>{"t", "<NULL>"});
  // AND stops at the first FALSE, as PostgreSQL's constant folding does.
  CHECK(Run("select 1 where false and 1/0 = 1").rows.empty());
  CHECK(Error("select 1 where 1/0 = 1 and false").code == "22012");

  auto e = Error("select 1 and true");
  CHECK(e.code == "42804");
  CHECK(e.message == "argument of AND must be type boolean, not type integer");
  CHECK(e.position == 8);
  CHECK(Error("select not 1").message == "argument of NOT must be type boolean, not type integer");
  CHECK(Error("select 1 is true").message ==
        "argument of IS TRUE must be type boolean, not type integer");
}

TEST_CASE("IN, BETWEEN, NULLIF, COALESCE, GREATEST", "[select]") {
  CHECK(FirstRow("select 1 in (2, null), 1 not in (2, null), 1 in (1, null), "
                 "null in (1), 2 not in (1, 3)") ==
        std::vector<std::string>{"<NULL>", "<NULL>", "t", "<NULL>", "t"});
  // The IN list is coerced to the common type (numeric) first.
  auto in = Error("select 1 in (1.5, 'a')");
  CHECK(in.message == "invalid input syntax for type numeric: \"a\"");
  CHECK(in.position == 19);
  CHECK(FirstRow("select 1 between 1 and 2, 3 not between 1 and 2, null between 1 and 2") ==
        std::vector<std::string>{"t", "t", "<NULL>"});
  CHECK(FirstRow("select nullif(1, 1), nullif(1, 2), coalesce(null, 2, 3), "
                 "greatest(1, 2.5, null), least('b', 'a')") ==
        std::vector<std::string>{"<NULL>", "1", "2", "2.5", "a"});
  auto e = Error("select coalesce(1, true)");
  CHECK(e.code == "42804");
  CHECK(e.message == "COALESCE types integer and boolean cannot be matched");
  CHECK(e.position == 20);
}

TEST_CASE("CASE result types and errors", "[select]") {
  StatementResult r = Run(
      "select case when false then 1 else 2.5 end, case when null then 1 end, "
      "case 1 when 1 then 'one' when 2 then 'two' end, case 2 when 1 then 'one' else 'other' end");
  CHECK(r.columns[0].type_oid == 1700);
  CHECK(r.columns[1].type_oid == 23);
  CHECK(r.columns[2].type_oid == 25);
  CHECK(FirstRow("select case when false then 1 else 2.5 end, case when null then 1 end, "
                 "case 1 when 1 then 'one' when 2 then 'two' end") ==
        std::vector<std::string>{"2.5", "<NULL>", "one"});
  // Only the arms reached are evaluated.
  CHECK(Scalar("select case when false then 1/0 else 1 end") == "1");

  auto mismatch = Error("select case when true then 1 else true end");
  CHECK(mismatch.code == "42804");
  CHECK(mismatch.message == "CASE types boolean and integer cannot be matched");
  CHECK(mismatch.position == 28);
  auto literal = Error("select case when true then 1 else 'a' end");
  CHECK(literal.code == "22P02");
  CHECK(literal.position == 35);
  CHECK(Error("select case when 1 then 1 end").message ==
        "argument of CASE/WHEN must be type boolean, not type integer");
}

TEST_CASE("WHERE on constants", "[select]") {
  CHECK(Run("select 1 where false").rows.empty());
  CHECK(Run("select 1 where null").rows.empty());
  CHECK(Run("select 1, 2 where 1 = 1").rows.size() == 1);
  CHECK(Run("select 1 where false").command_tag == "SELECT 0");
  // The select list is folded even when no row is returned.
  CHECK(Error("select 1/0 where false").code == "22012");
  CHECK(Error("select 2147483647 + 1 where 1/0 = 1").message == "integer out of range");
  auto e = Error("select 1 where 1");
  CHECK(e.message == "argument of WHERE must be type boolean, not type integer");
  CHECK(e.position == 16);
}

TEST_CASE("references that cannot resolve without FROM", "[select]") {
  auto column = Error("select x");
  CHECK(column.code == "42703");
  CHECK(column.message == "column \"x\" does not exist");
  CHECK(column.position == 8);
  CHECK(Error("select t.x").message == "missing FROM-clause entry for table \"t\"");
  CHECK(Error("select $1").code == "42P02");
  CHECK(Error("select *").message == "SELECT * with no tables specified is not valid");
}

TEST_CASE("empty select lists", "[select]") {
  StatementResult r = Run("select");
  CHECK(r.columns.empty());
  CHECK(r.rows.size() == 1);
  CHECK(r.command_tag == "SELECT 1");
  CHECK(Run("select where false").rows.empty());
}

}  // namespace
}  // namespace strata::sql
