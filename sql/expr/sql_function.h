// SQL-callable built-in functions (pg_proc entries called by name: now(),
// date_part(text, timestamp), make_date(int4, int4, int4), ...) with their
// declared argument and result types, for the binder's function resolution.
// All are strict (NULL in, NULL out) and immutable tables.
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "sql/expr/builtin_function.h"
#include "sql/types/data_type.h"

namespace strata::sql {

struct SqlFunction {
  std::string_view name;  // as called (lower case)
  std::array<Oid, 7> args;
  size_t nargs;
  Oid result;
  BuiltinFunction impl;
  // Only reachable through SQL syntax (CURRENT_DATE), not by a call.
  bool internal = false;
};

// All functions called `name` (any number of arguments).
std::vector<const SqlFunction*> FindSqlFunctions(std::string_view name);

// The per-family tables.
std::span<const SqlFunction> DatetimeSqlFunctions();
std::span<const SqlFunction> ToCharSqlFunctions();  // expr/datetime_to_char.cpp
std::span<const SqlFunction> SettingsSqlFunctions();  // settings/settings_functions.cpp
std::span<const SqlFunction> OperatorSqlFunctions();  // operators' functions (sql_function.cpp)
std::span<const SqlFunction> MathSqlFunctions();    // expr/math_sql_functions.cpp
std::span<const SqlFunction> StringSqlFunctions();  // expr/string_sql_functions.cpp
std::span<const SqlFunction> LikeSqlFunctions();    // expr/like_functions.cpp

}  // namespace strata::sql
