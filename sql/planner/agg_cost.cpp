// Aggregation costs (see agg_cost.h).
#include "sql/planner/agg_cost.h"

#include <algorithm>
#include <cmath>

namespace strata::sql {

namespace {

// PostgreSQL's DEFAULT_NUM_DISTINCT: a column without statistics.
constexpr double kDefaultNumDistinct = 200;

}  // namespace

double EstimateNumGroups(const RelationEstimate& rel, const std::vector<int>& key_slots,
                         double rows) {
  rows = std::max(rows, 1.0);
  const double tuples = std::max(rel.tuples(), 1.0);
  double distinct = 1;
  for (int slot : key_slots) {
    const ColumnEstimate& c = rel.Column(slot);
    double nd = c.n_distinct > 0 ? c.n_distinct
                                 : std::min(kDefaultNumDistinct, std::max(tuples, 1.0));
    if (c.null_frac > 0) nd += 1;  // NULLs form a group of their own
    distinct *= nd;
  }
  distinct = std::min(distinct, tuples);
  // Fewer rows than the table holds: the values a random subset of that
  // size would show (PostgreSQL's reduction for restricted relations).
  if (rows < tuples && distinct > 0) {
    distinct *= 1 - std::pow((tuples - rows) / tuples, tuples / distinct);
  }
  distinct = std::round(std::clamp(distinct, 1.0, rows));
  return distinct;
}

PathCost AggCost(const CostParams& p, const PathCost& input, int group_columns, int aggregates,
                 double groups, bool sorted) {
  // Each aggregate's transition function per input row (a built-in: one
  // operator's cost), the key comparisons per row, one tuple per group.
  const double per_row =
      p.cpu_operator_cost * aggregates + p.cpu_operator_cost * group_columns;
  PathCost out;
  if (sorted) {
    out.startup = input.startup;
    out.total = input.total + per_row * input.rows + p.cpu_tuple_cost * groups;
  } else {
    out.startup = input.total + per_row * input.rows;
    out.total = out.startup + p.cpu_tuple_cost * groups;
  }
  out.rows = groups;
  return out;
}

PathCost UniqueCost(const CostParams& p, const PathCost& input, int columns, double groups) {
  PathCost out = input;
  out.total += p.cpu_operator_cost * input.rows * columns;
  out.rows = groups;
  return out;
}

bool DistinctBySort(const CostParams& p, const DistinctCostInput& in) {
  const PathCost sorted =
      UniqueCost(p, SortCost(p, in.input, in.width, -1), in.columns, in.groups);
  PathCost hashed = AggCost(p, in.input, in.columns, 0, in.groups, /*sorted=*/false);
  hashed.total += in.output_cost * in.groups;
  if (in.order_by) hashed = SortCost(p, hashed, in.width, -1);
  return sorted.total < hashed.total;
}

}  // namespace strata::sql
