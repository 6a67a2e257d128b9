// GroupingSetsAgg: GROUP BY GROUPING SETS / ROLLUP / CUBE, and any grouped
// query using GROUPING() (PostgreSQL's Agg with grouping sets, run here as
// one HashAgg per set over the materialized input). Output rows have the
// HashAgg layout [every key..., aggregates...]: keys not in a row's set are
// NULL, and each GROUPING() placeholder slot holds the set's bit mask for
// its arguments. LIFETIME: `grouping` outlives the node.
#pragma once

#include <vector>

#include "sql/binder/grouping.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

class GroupingSetsAgg final : public PlanNode {
 public:
  GroupingSetsAgg(PlanNodePtr child, const GroupingState* grouping,
                  const std::vector<Value>* params = nullptr)
      : child_(std::move(child)), grouping_(grouping), params_(params) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override {
    out_.clear();
    child_->Close();
  }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  const GroupingState* grouping_;
  const std::vector<Value>* params_;
  std::vector<Row> out_;
  size_t next_ = 0;
};

}  // namespace strata::sql
