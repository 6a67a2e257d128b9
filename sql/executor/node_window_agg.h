// WindowAgg: evaluates window function calls (PostgreSQL's nodeWindowAgg.c).
// Reads every child row, and for each call sorts the rows by its window's
// PARTITION BY and ORDER BY keys, then computes the call per partition: the
// ranking functions from peer groups (rows equal in the ORDER BY keys),
// lag/lead from row positions, aggregates and first/last/nth_value over each
// row's frame (ROWS / RANGE / GROUPS bounds, EXCLUDE). Aggregates whose frame
// starts at the partition's start with no exclusion advance one state;
// any other frame is recomputed per row.
//
// Output rows are [child row..., one value per call], in the order of the
// last call's window (ORDER BY of the query orders them afterwards).
// LIFETIME: `calls` and `params` outlive the node.
#pragma once

#include <vector>

#include "sql/binder/window.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

class WindowAgg final : public PlanNode {
 public:
  WindowAgg(PlanNodePtr child, const std::vector<WindowCall>* calls,
            const std::vector<Value>* params = nullptr)
      : child_(std::move(child)), calls_(calls), params_(params) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override {
    rows_.clear();
    child_->Close();
  }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  const std::vector<WindowCall>* calls_;
  const std::vector<Value>* params_;
  std::vector<Row> rows_;
  std::vector<size_t> order_;  // output order (indexes into rows_)
  size_t next_ = 0;
};

}  // namespace strata::sql
