// IndexNestLoop (see node_index_nest_loop.h).
#include "sql/executor/node_index_nest_loop.h"

#include "common/interrupts.h"
#include "sql/executor/join_row.h"

namespace strata::sql {

void IndexNestLoop::Init() {
  outer_->Init();
  have_outer_ = false;
  inner_open_ = false;
}

void IndexNestLoop::Close() {
  if (inner_open_) inner_->Close();
  inner_open_ = false;
  outer_->Close();
}

bool IndexNestLoop::AimInner() {
  combined_.clear();
  combined_.resize(slot_base_);
  combined_.insert(combined_.end(), outer_row_.begin(), outer_row_.end());
  ctx_.SetRow(&combined_);
  std::string prefix;
  for (const KeyPart& k : keys_) {
    const Value v = k.outer->Evaluate(ctx_);
    if (v.is_null()) return false;  // NULL = anything is never true
    const std::optional<Value> key = exact_value_(v, k.column_type);
    if (!key) return false;
    AppendKeyDatum(k.column, *key, &prefix);
  }
  std::optional<std::string> upper =
      whole_key_ ? std::optional<std::string>(prefix + std::string(1, '\0'))
                 : PrefixSuccessor(prefix);
  if (seq_scan_ != nullptr) {
    seq_scan_->SetBounds(std::move(prefix), std::move(upper));
  } else {
    std::vector<IndexScan::Range> ranges;
    ranges.emplace_back(std::move(prefix), std::move(upper));
    index_scan_->SetRanges(std::move(ranges));
  }
  return true;
}

bool IndexNestLoop::Next(Row* row) {
  for (;;) {
    if (!have_outer_) {
      if (!outer_->Next(&outer_row_)) return false;
      outer_row_.resize(outer_width_);
      have_outer_ = true;
      outer_matched_ = false;
      if (AimInner()) {
        inner_->Init();
        inner_open_ = true;
      }
    }
    while (inner_open_) {
      CheckForInterrupts();
      if (!inner_->Next(&inner_row_)) {
        inner_->Close();
        inner_open_ = false;
        break;
      }
      inner_row_.resize(inner_width_);
      combined_.clear();
      combined_.resize(slot_base_);
      combined_.insert(combined_.end(), outer_row_.begin(), outer_row_.end());
      combined_.insert(combined_.end(), inner_row_.begin(), inner_row_.end());
      bool match = true;
      for (const BoundExpr* q : quals_) {
        if (!EvaluatePredicate(*q, combined_, ctx_)) {
          match = false;
          break;
        }
      }
      if (!match) continue;
      outer_matched_ = true;
      EmitJoinRow(&outer_row_, outer_width_, &inner_row_, inner_width_, slot_base_, extra_, ctx_,
                  row);
      return true;
    }
    have_outer_ = false;
    if (!outer_matched_ && type_ == JoinType::kLeft) {
      EmitJoinRow(&outer_row_, outer_width_, nullptr, inner_width_, slot_base_, extra_, ctx_, row);
      return true;
    }
  }
}

}  // namespace strata::sql
