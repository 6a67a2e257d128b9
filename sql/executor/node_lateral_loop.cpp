// LateralLoop (see node_lateral_loop.h).
#include "sql/executor/node_lateral_loop.h"

#include "common/interrupts.h"
#include "sql/expr/subquery_exprs.h"

namespace strata::sql {

void LateralLoop::Init() {
  outer_->Init();
  have_outer_ = false;
  inner_rows_.clear();
}

void LateralLoop::Close() {
  inner_rows_.clear();
  outer_->Close();
}

bool LateralLoop::Next(Row* row) {
  for (;;) {
    if (!have_outer_) {
      if (!outer_->Next(&outer_row_)) return false;
      outer_row_.resize(outer_width_);
      {
        OuterRowScope scope(&outer_row_);
        inner_rows_ = inner_();
      }
      have_outer_ = true;
      outer_matched_ = false;
      inner_pos_ = 0;
    }
    while (inner_pos_ < inner_rows_.size()) {
      CheckForInterrupts();
      Row& inner = inner_rows_[inner_pos_++];
      inner.resize(inner_width_);
      row->clear();
      row->reserve(outer_width_ + inner_width_);
      row->insert(row->end(), outer_row_.begin(), outer_row_.end());
      row->insert(row->end(), inner.begin(), inner.end());
      bool match = true;
      for (const BoundExpr* q : quals_) {
        if (!EvaluatePredicate(*q, *row, ctx_)) {
          match = false;
          break;
        }
      }
      if (!match) continue;
      outer_matched_ = true;
      return true;
    }
    have_outer_ = false;
    if (left_join_ && !outer_matched_) {
      *row = outer_row_;
      row->resize(outer_width_ + inner_width_);
      return true;
    }
  }
}

}  // namespace strata::sql
