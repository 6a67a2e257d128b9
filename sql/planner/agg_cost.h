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
  // SELECT DISTINCT (no aggregates): rows in the keys' order feed a Unique
  // (create_upper_unique_path: one comparison per key and row), other rows
  // are hashed or sorted first, whichever costs less.
  bool unique = false;
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

// SELECT DISTINCT: whether Sort + Unique costs less than a HashAggregate
// (create_final_distinct_paths weighs both). The sorted path sorts the
// input (ORDER BY's keys first, so that sort serves ORDER BY too) and
// compares `columns` keys per row; the hashed path hashes every row, then
// evaluates the output list once per group (`output_cost` a row: a
// volatile expression's cost is paid again there, as create_agg_path
// charges it) and, for an ORDER BY, sorts the groups.
struct DistinctCostInput {
  PathCost input;  // the rows DISTINCT reads
  int width = 0;   // of an input row
  int columns = 0;
  double groups = 0;       // the distinct rows expected
  double output_cost = 0;  // evaluating the output list once
  bool order_by = false;
};
bool DistinctBySort(const CostParams& p, const DistinctCostInput& in);
// The Unique over rows already in the keys' order.
PathCost UniqueCost(const CostParams& p, const PathCost& input, int columns, double groups);

}  // namespace strata::sql
