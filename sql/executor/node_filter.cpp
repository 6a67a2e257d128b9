// Filter and Project: per-row predicate and expression evaluation.
#include "sql/executor/plan_node.h"

namespace strata::sql {

bool EvaluatePredicate(const BoundExpr& predicate, const Row& row, EvalContext& ctx) {
  ctx.SetRow(&row);
  const Value v = predicate.Evaluate(ctx);
  return !v.is_null() && v.bool_value();
}

bool Filter::Next(Row* row) {
  while (child_->Next(row)) {
    if (EvaluatePredicate(*predicate_, *row, ctx_)) return true;
  }
  return false;
}

bool Project::Next(Row* row) {
  if (!child_->Next(&input_)) return false;
  ctx_.SetRow(&input_);
  row->clear();
  row->reserve(exprs_.size());
  for (const BoundExpr* e : exprs_) row->push_back(e->Evaluate(ctx_));
  return true;
}

}  // namespace strata::sql
