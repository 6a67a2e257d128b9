// Functions that change a jsonb document: jsonb_set, jsonb_insert,
// jsonb_delete_path and the `-` operators (jsonb_delete), with PostgreSQL
// 15's path rules and errors (jsonb_modify.cpp).
#pragma once

#include <span>

#include "sql/expr/builtin_function.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

// jsonb_delete: the implementation of jsonb - text, jsonb - int and
// jsonb - text[] (one proname for the three operators).
std::span<const BuiltinFunction> JsonbModifyFunctions();
// jsonb_set(jsonb, text[], jsonb [, bool]), jsonb_insert(jsonb, text[],
// jsonb [, bool]), jsonb_delete_path(jsonb, text[]).
std::span<const SqlFunction> JsonbModifySqlFunctions();

}  // namespace strata::sql
