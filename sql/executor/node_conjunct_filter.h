// ConjunctFilter: rows of the child for which every predicate is true (a
// WHERE split into its AND-ed conjuncts, some of them moved below a join;
// commands/plan_join.h). The predicates are bound to the query's FROM row
// slots; the child's rows start at slot `offset` of that row (a FROM item
// after others), so they are evaluated over [offset NULLs, child row].
// LIFETIME: the predicates and `params` outlive the node.
#pragma once

#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class ConjunctFilter final : public PlanNode {
 public:
  ConjunctFilter(PlanNodePtr child, std::vector<const BoundExpr*> predicates, size_t offset,
                 const std::vector<Value>* params)
      : child_(std::move(child)), predicates_(std::move(predicates)), offset_(offset),
        ctx_(params) {}
  // The first `n` predicates recheck conditions the scan below shows as its
  // Index Cond: evaluated like the others, not printed as the Filter.
  void set_silent_prefix(size_t n) { silent_ = n; }
  void Init() override { child_->Init(); }
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }
  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  std::vector<const BoundExpr*> predicates_;
  size_t offset_;
  size_t silent_ = 0;
  Row padded_;
  EvalContext ctx_;
};

}  // namespace strata::sql
