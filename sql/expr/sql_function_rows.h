// SqlFunctionRow: a compact table row for declaring SQL-callable functions
// (name, argument and result types, pg_proc name, implementation), and the
// one conversion of such a table into SqlFunctions, shared by the function
// families declared that way (math_sql_functions.cpp, string_sql_functions.cpp).
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "sql/expr/sql_function.h"

namespace strata::sql {

struct SqlFunctionRow {
  std::string_view name;
  std::array<Oid, 7> args;
  size_t nargs;
  Oid result;
  std::string_view proname;
  // nullptr: the registered function `proname` if there is one, else none
  // (declared for PostgreSQL's overload resolution; calling it is 0A000).
  ScalarFunction fn;
};

// One SqlFunction per row, its implementation resolved as `fn` says.
std::vector<SqlFunction> SqlFunctionsFromRows(std::span<const SqlFunctionRow> rows);

}  // namespace strata::sql
