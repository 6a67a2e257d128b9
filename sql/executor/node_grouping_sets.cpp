// GroupingSetsAgg (see node_grouping_sets.h).
#include "sql/executor/node_grouping_sets.h"

#include <memory>

#include "sql/executor/node_materialized_scan.h"

namespace strata::sql {

namespace {

// A key expression owned by the GroupingState, lent to one set's HashAgg.
class BorrowedExpr final : public BoundExpr {
 public:
  explicit BorrowedExpr(const BoundExpr* expr)
      : BoundExpr(BoundExprKind::kFunctionCall, expr->type(), expr->location()), expr_(expr) {}
  Value Evaluate(EvalContext& ctx) const override { return expr_->Evaluate(ctx); }

 private:
  const BoundExpr* expr_;
};

}  // namespace

void GroupingSetsAgg::Init() {
  child_->Init();
  out_.clear();
  next_ = 0;
  auto rows = std::make_shared<std::vector<Row>>();
  Row row;
  while (child_->Next(&row)) rows->push_back(std::move(row));
  const size_t nkeys = grouping_->keys.size();
  std::vector<std::vector<bool>> sets = grouping_->sets;
  if (sets.empty()) sets.emplace_back(nkeys, true);  // plain GROUP BY with GROUPING()
  for (const std::vector<bool>& in_set : sets) {
    std::vector<BoundExprPtr> keys;
    for (size_t i = 0; i < nkeys; ++i) {
      if (in_set[i]) keys.push_back(std::make_unique<BorrowedExpr>(grouping_->keys[i].get()));
    }
    HashAgg agg(std::make_unique<MaterializedScan>(rows), &keys, &grouping_->aggs, params_);
    agg.Init();
    Row group;
    while (agg.Next(&group)) {
      Row full;
      full.reserve(nkeys + grouping_->aggs.size());
      size_t pos = 0;
      for (size_t i = 0; i < nkeys; ++i) {
        full.push_back(in_set[i] ? std::move(group[pos++])
                                 : Value::Null(grouping_->keys[i]->type().oid));
      }
      for (size_t j = pos; j < group.size(); ++j) full.push_back(std::move(group[j]));
      for (const GroupingState::GroupingFunc& f : grouping_->grouping_funcs) {
        int64_t mask = 0;
        for (int k : f.keys) mask = (mask << 1) | (in_set[static_cast<size_t>(k)] ? 0 : 1);
        full[static_cast<size_t>(f.slot)] = Value::Int4(mask);
      }
      out_.push_back(std::move(full));
    }
    agg.Close();
  }
}

bool GroupingSetsAgg::Next(Row* row) {
  if (next_ >= out_.size()) return false;
  *row = std::move(out_[next_++]);
  return true;
}

}  // namespace strata::sql
