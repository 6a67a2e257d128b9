// Parallel safety of bound expressions, as the planner uses it to decide
// whether a query may have a parallel plan and what may run in a worker:
//
//  * Hazard (PostgreSQL's max_parallel_hazard): 'u' when the expression
//    calls a PARALLEL UNSAFE function (no parallel plan at all), 'r' for a
//    PARALLEL RESTRICTED one (evaluated above the Gather only), else 's'.
//    Built-ins are marked as PostgreSQL 15's pg_proc marks them
//    (parallel_unsafe_functions.inc), user functions by their proparallel.
//  * WorkerEvaluable: whether one of our worker threads can evaluate it.
//    Stricter than 's': a worker has no catalog access, runs no
//    subqueries and no user-defined function bodies, so only column
//    references, constants, parameters and safe immutable built-ins over
//    them qualify (stable ones may read the session's catalog state).
//    The planner keeps everything else above the Gather (or plans no
//    parallel query when it must run below).
#pragma once

#include <string_view>

#include "sql/expr/bound_expr.h"

namespace strata::sql {

// 's', 'r' or 'u' for the built-in behind a BoundFunctionCall (by
// BuiltinFunction::name, pg_proc.prosrc or proname).
char BuiltinParallelSafety(std::string_view name);

// The least safe marking of any call in `e` ('u' > 'r' > 's').
char ParallelHazard(const BoundExpr& e);

bool WorkerEvaluable(const BoundExpr& e);

}  // namespace strata::sql
