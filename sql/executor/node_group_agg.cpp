// GroupAgg (see node_group_agg.h).
#include "sql/executor/node_group_agg.h"

#include "common/interrupts.h"
#include "sql/executor/agg_transition.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

GroupAgg::GroupAgg(PlanNodePtr child, const std::vector<BoundExprPtr>* keys,
                   const std::vector<AggregateCall>* aggs, const std::vector<Value>* params)
    : child_(std::move(child)), keys_(keys), aggs_(aggs), ctx_(params) {
  for (const BoundExprPtr& k : *keys_) key_columns_.emplace_back(k->type().oid);
}

void GroupAgg::Init() {
  child_->Init();
  have_pending_ = ReadRow();
}

bool GroupAgg::ReadRow() {
  if (!child_->Next(&pending_)) return false;
  ctx_.SetRow(&pending_);
  pending_values_.clear();
  pending_key_.clear();
  for (size_t i = 0; i < keys_->size(); ++i) {
    pending_values_.push_back((*keys_)[i]->Evaluate(ctx_));
    AppendKeyDatum(key_columns_[i], pending_values_.back(), &pending_key_);
  }
  return true;
}

bool GroupAgg::Next(Row* row) {
  if (!have_pending_) return false;
  const std::string key = pending_key_;
  Row out = pending_values_;
  std::vector<AggState> states(aggs_->size());
  do {
    CheckForInterrupts();
    ctx_.SetRow(&pending_);
    for (size_t a = 0; a < aggs_->size(); ++a) AdvanceRow((*aggs_)[a], states[a], ctx_);
    have_pending_ = ReadRow();
  } while (have_pending_ && pending_key_ == key);
  for (size_t a = 0; a < aggs_->size(); ++a) out.push_back(Finish((*aggs_)[a], states[a]));
  *row = std::move(out);
  return true;
}

std::vector<std::string> GroupAgg::Describe(ExplainWriter& w) const {
  return DescribeAggregate(w, "GroupAggregate", *child_, *keys_, *aggs_);
}

}  // namespace strata::sql
