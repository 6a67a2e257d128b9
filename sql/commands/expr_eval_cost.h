// What evaluating a bound expression once costs the planner: PostgreSQL's
// cost_qual_eval per-tuple figure -- each function or operator call its
// procost (1 for built-ins, the COST clause for user functions, 100 by
// default) times cpu_operator_cost, columns and constants free. The
// planner weighs it where PostgreSQL does, e.g. a HashAggregate evaluates
// its output list once per group (create_agg_path).
#pragma once

#include "sql/expr/bound_expr.h"
#include "sql/planner/path_cost.h"

namespace strata::sql {

double EvalCostPerTuple(const CostParams& p, const BoundExpr& e);

}  // namespace strata::sql
