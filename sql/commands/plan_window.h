// Plans a query's window functions as PostgreSQL does (planner.c's
// select_active_windows / create_one_window_path): one WindowAgg per
// distinct window, each over a Sort by its PARTITION BY and ORDER BY keys
// unless the rows below already arrive in that order.
//
// Windows run in PostgreSQL's order: the sort keys are numbered as the
// parser numbers their target entries (WINDOW clause entries first, then
// windows written in OVER clauses; in each, its ORDER BY keys before its
// PARTITION BY keys, a key numbered when first seen), and
// the windows are ordered by their key lists compared element by element,
// higher numbers first, a longer list before its prefix. The first window
// runs lowest in the plan, so the last one's order is the output's (for a
// query without ORDER BY), and windows with equal keys share one sort.
#pragma once

#include <vector>

#include "sql/binder/window.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

// `input` produces rows `base` slots wide that `calls` were bound over;
// the result appends one slot per call (slot base + j: call j).
// `used_above` (may be null: all are) marks the input slots the nodes above
// read; the others are set to NULL before the rows are sorted or held, so
// that sorts and partitions carry only what is needed (PostgreSQL's
// projection below its window Sort).
// LIFETIME: `calls` and `params` outlive the plan.
PlanNodePtr PlanWindowAggs(PlanNodePtr input, const std::vector<WindowCall>& calls, int base,
                           const std::vector<Value>* params,
                           const std::vector<bool>* used_above = nullptr);

// Marks in *used (grown as needed) the slots of the row that `e` reads.
// False when `e` has a kind this does not look into (then nothing can be
// assumed unused).
bool CollectColumnSlots(const BoundExpr& e, std::vector<bool>* used);

}  // namespace strata::sql
