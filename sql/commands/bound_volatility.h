// Function volatility as the planner uses it: whether a bound expression
// calls a volatile function (PostgreSQL's contain_volatile_functions over the
// expressions we can see into), so SELECT planning evaluates such select-list
// columns after ORDER BY (make_sort_input_target); and whether a built-in is
// immutable, so plan-time constant folding may call it (plan_time_folding.h).
#pragma once

#include <string_view>

#include "sql/expr/bound_expr.h"

namespace strata::sql {

// Whether the built-in behind a BoundFunctionCall (BuiltinFunction::name:
// pg_proc.prosrc, or proname where our registry keys it so) is marked
// volatile (provolatile = 'v') in PostgreSQL 15's pg_proc.
bool IsVolatileBuiltin(std::string_view name);

// Whether the built-in is immutable in PostgreSQL 15 (no pg_proc row with
// that prosrc or proname is stable or volatile), so the planner may fold a
// call of it with constant arguments.
bool IsImmutableBuiltin(std::string_view name);

// Whether `e` calls a volatile built-in or a user-defined function declared
// VOLATILE (the default) anywhere in its tree. Subqueries and array nodes are
// not looked into: they count as non-volatile (their values are then
// computed before the sort, as before).
bool ContainsVolatileCall(const BoundExpr& e);
// The same for any function that is not immutable (contain_mutable_functions):
// generation expressions must not call one.
bool ContainsMutableCall(const BoundExpr& e);

}  // namespace strata::sql
