// PostSortProject: the projection PostgreSQL's planner puts above the Sort
// for select-list columns it postpones (make_sort_input_target): volatile
// columns are evaluated only for rows that come out of the sort, in sorted
// order, and a Limit above stops the calls early. EXPLAIN shows it as
// "Result" (or, over a ProjectSet running postponed set-returning calls, as
// that ProjectSet).
//
// Input rows (from the Sort) are [outputs..., junk sort columns..., the
// pre-sort input row (input_base onwards)]: postponed outputs hold a
// placeholder there and are evaluated over the carried input row, whose
// slots are those the postponed expressions were bound to.
#pragma once

#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class PostSortProject final : public PlanNode {
 public:
  // `postponed[i]`: the expression for output column i, or null to pass
  // input column i through. LIFETIME: the expressions and `params` outlive
  // the node.
  PostSortProject(PlanNodePtr child, std::vector<const BoundExpr*> postponed, size_t input_base,
                  const std::vector<Value>* params)
      : child_(std::move(child)),
        postponed_(std::move(postponed)),
        input_base_(input_base),
        ctx_(params) {}
  // The child is a ProjectSet over the Sort (postponed set-returning
  // columns: `calls`, whose values follow the carried input row): EXPLAIN
  // shows that ProjectSet computing the select list, no Result.
  // LIFETIME: the calls outlive the node.
  void set_project_set(std::vector<const BoundExpr*> calls) {
    project_set_calls_ = std::move(calls);
    over_project_set_ = true;
  }
  void Init() override { child_->Init(); }
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }
  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  std::vector<const BoundExpr*> postponed_;
  size_t input_base_;
  bool over_project_set_ = false;
  std::vector<const BoundExpr*> project_set_calls_;
  Row sorted_;
  Row input_;
  EvalContext ctx_;
};

}  // namespace strata::sql
