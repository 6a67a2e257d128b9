// MinMaxResult: the one row of an ungrouped SELECT whose aggregates are all
// min() or max() of indexed columns, computed without reading the table
// (PostgreSQL's planagg.c). Each aggregate has a subplan that returns the
// column's rows in the aggregate's order, non-null only: an index scan,
// forward for min and backward for max, under a Limit of one row. Its first
// row holds the aggregate's value; no row means NULL.
//
// The output row is the Aggregate's it stands for (aggregate j in slot j),
// so the nodes above it do not change. EXPLAIN prints it as PostgreSQL does:
// a Result whose subplans are InitPlans, each returning a parameter ($0,
// $1, ...) that the expressions above print in place of the aggregate.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class MinMaxResult final : public PlanNode {
 public:
  struct Subplan {
    PlanNodePtr plan;  // the column's rows, first the aggregate's value
    int slot = 0;      // where the value sits in the subplan's rows
    DataType type;     // the aggregate's result type (its NULL's)
    // Instead of a plan: the same aggregate as an earlier one (max(a) in
    // both the select list and ORDER BY), whose value is repeated.
    int same_as = -1;
    // VERBOSE: how the subplan's scan qualifies its columns ("t", "t_1";
    // quoted).
    std::string relation;
  };
  explicit MinMaxResult(std::vector<Subplan> subplans) : subplans_(std::move(subplans)) {}
  void Init() override { done_ = false; }
  bool Next(Row* row) override;

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override {
    for (Subplan& s : subplans_) {
      if (s.plan != nullptr) fn(s.plan);
    }
  }

 private:
  std::vector<Subplan> subplans_;
  bool done_ = false;
};

}  // namespace strata::sql
