// Whether a bound expression calls a volatile function (PostgreSQL's
// contain_volatile_functions over the expressions we can see into). Used by
// SELECT planning to evaluate volatile select-list columns after ORDER BY
// (make_sort_input_target), so nextval() numbers rows in output order and a
// LIMIT above the sort stops the calls early.
#pragma once

#include <string_view>

#include "sql/expr/bound_expr.h"

namespace strata::sql {

// Whether the built-in behind a BoundFunctionCall (BuiltinFunction::name:
// pg_proc.prosrc, or proname where our registry keys it so) is marked
// volatile (provolatile = 'v') in PostgreSQL 15's pg_proc.
bool IsVolatileBuiltin(std::string_view name);

// Whether `e` calls a volatile built-in or a user-defined function declared
// VOLATILE (the default) anywhere in its tree. Subqueries and array nodes are
// not looked into: they count as non-volatile (their values are then
// computed before the sort, as before).
bool ContainsVolatileCall(const BoundExpr& e);

}  // namespace strata::sql
