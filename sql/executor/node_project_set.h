// ProjectSet (PostgreSQL's nodeProjectSet.c): the select list's
// set-returning calls run per input row, in lockstep: output row i of an
// input row carries every call's i-th value, NULL for calls already
// exhausted, until all are; an input row whose calls all return nothing
// gives no output row. Output rows are the input row followed by one value
// per call (set_returning_targets.h assigns the slots).
#pragma once

#include <memory>
#include <vector>

#include "sql/binder/set_returning_targets.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

class ProjectSet final : public PlanNode {
 public:
  // LIFETIME: `calls` and `params` (may be null) outlive the node.
  ProjectSet(PlanNodePtr child, const std::vector<SetReturningTarget>* calls,
             const std::vector<Value>* params);
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;

  // The calls' arguments read the input row from column `base` on (a row
  // carried through a Sort behind other columns, PostSortProject); the
  // output is still the whole input row, then the calls' values.
  void set_input_base(size_t base) { input_base_ = base; }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  // Starts every call's rows for input_; false when the input is exhausted.
  bool StartInputRow();

  PlanNodePtr child_;
  const std::vector<SetReturningTarget>* calls_;
  EvalContext ctx_;
  Row input_;
  size_t input_base_ = 0;
  Row view_;  // input_ from input_base_ on (when not 0)
  bool have_input_ = false;
  std::vector<std::unique_ptr<SetGenerator>> generators_;  // null: exhausted
};

}  // namespace strata::sql
