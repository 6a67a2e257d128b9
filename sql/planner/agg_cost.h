// Aggregation costs: PostgreSQL 15's cost_agg for sorted (GroupAggregate)
// and hashed (HashAggregate) grouping, and the number of groups it expects
// (estimate_num_groups over plain columns of one table). The planner weighs
// a path already in the group keys' order under a GroupAggregate against the
// cheapest path under a HashAggregate (index_paths.cpp), at the fraction of
// the groups a LIMIT reads.
#pragma once

#include <vector>

#include "sql/planner/path_cost.h"

namespace strata::sql {

// What the cost of grouping a table's rows depends on.
struct GroupingCost {
  std::vector<int> key_slots;  // the group keys: the table's columns
  int aggregates = 0;          // aggregate calls (one transition call per row each)
  // An ORDER BY above the aggregate (sorting the groups unless the group
  // order is already its order), and the width of a group row.
  bool order_by = false;
  bool group_order_serves_order_by = false;
  int group_width = 0;
};

// The groups `rows` rows of `rel` form on `key_slots` (PostgreSQL's
// estimate_num_groups for Vars of one relation: the product of the
// columns' distinct counts, a NULL counting as one more value, reduced for
// a filtered subset of the table, at most `rows`).
double EstimateNumGroups(const RelationEstimate& rel, const std::vector<int>& key_slots,
                         double rows);

// cost_agg: `sorted` AGG_SORTED (groups come out as the input arrives)
// else AGG_HASHED (everything read before the first group).
PathCost AggCost(const CostParams& p, const PathCost& input, int group_columns, int aggregates,
                 double groups, bool sorted);

}  // namespace strata::sql
