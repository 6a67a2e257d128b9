// The functions of enum types (CREATE TYPE ... AS ENUM) with PostgreSQL 15's
// semantics (enum.c): the comparisons behind their operators (enum_eq,
// enum_lt, ...) and the min/max support (enum_smaller, enum_larger) by
// pg_proc name, and the SQL-callable enum_first, enum_last, enum_range and
// enum_cmp. Labels order by their sort order (sql/types/user_types.h).
#pragma once

#include <span>

#include "sql/expr/builtin_function.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

std::span<const BuiltinFunction> EnumFunctions();
std::span<const SqlFunction> EnumSqlFunctions();

}  // namespace strata::sql
