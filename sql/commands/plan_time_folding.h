// Plan-time constant folding: what PostgreSQL's eval_const_expressions does
// to a query's expressions before it runs, as far as users can see it.
// Every subexpression made only of constants and immutable functions is
// evaluated once while planning -- so its errors (division by zero, out of
// range) are raised then, even if no row would ever reach it -- except
// where folding stops: CASE arms after a constant-true WHEN and arms whose
// WHEN is constant false/NULL, COALESCE arguments after a non-NULL constant,
// AND/OR arguments after a constant FALSE/TRUE.
//
// The bound trees are not rewritten (the executor evaluates them as bound);
// this pass raises the plan-time errors and tells the planner when a whole
// expression (a WHERE clause) is constant.
#pragma once

#include <optional>

#include "sql/expr/bound_expr.h"

namespace strata::sql {

// Folds `e` at plan time: throws the SqlError a folded subexpression raises;
// returns the value of `e` if all of it folds to a constant. Parameters,
// column references, subqueries, array nodes and user-defined functions are
// not constants (their constant arguments still fold).
std::optional<Value> FoldAtPlanTime(const BoundExpr& e);

}  // namespace strata::sql
