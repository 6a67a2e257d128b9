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

struct WindowPlanInput {
  // Marks the input slots the nodes above read (null: all); the others are
  // left out of sorts and partitions (PostgreSQL's projection below its
  // window Sort).
  const std::vector<bool>* used_above = nullptr;
  // The query's ORDER BY keys, over the windows' output row: numbered
  // first, as the parser numbers them, and checked against the order the
  // rows leave in. LIFETIME: the expressions outlive the plan.
  std::vector<std::pair<const BoundExpr*, KeyColumn>> order_by;
  // GROUP BY: the input's first `group_keys` slots are its keys (numbered
  // after ORDER BY's).
  int group_keys = 0;
};

struct WindowPlan {
  PlanNodePtr node;
  // The rows leave already ordered by WindowPlanInput::order_by (its keys
  // are a prefix of the last window Sort's): the query needs no Sort.
  bool serves_order_by = false;
  // Else how many of its first keys the rows are already ordered by.
  size_t order_by_presorted = 0;
};

// Whether the session allows Incremental Sort (enable_incremental_sort).
bool IncrementalSortEnabled();

// `input` produces rows `base` slots wide that `calls` were bound over;
// the result appends one slot per call (slot base + j: call j).
// LIFETIME: `calls` and `params` outlive the plan.
WindowPlan PlanWindowAggs(PlanNodePtr input, const std::vector<WindowCall>& calls, int base,
                          const std::vector<Value>* params, const WindowPlanInput& in);

// Marks in *used (grown as needed) the slots of the row that `e` reads.
// False when `e` has a kind this does not look into (then nothing can be
// assumed unused).
bool CollectColumnSlots(const BoundExpr& e, std::vector<bool>* used);

}  // namespace strata::sql
