// The SQL/JSON path functions and operators over jsonb and jsonpath
// (jsonpath_functions.cpp).
#pragma once

#include <span>

#include "sql/expr/builtin_function.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

// jsonb_path_exists_opr (@?) and jsonb_path_match_opr (@@).
std::span<const BuiltinFunction> JsonPathFunctions();
// jsonb_path_exists, _match, _query, _query_array, _query_first and their
// _tz forms, each with 2, 3 or 4 arguments.
std::span<const SqlFunction> JsonPathSqlFunctions();

}  // namespace strata::sql
