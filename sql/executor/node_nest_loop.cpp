// NestLoop: the inner side is read once into memory at Init(); each outer
// row is compared with every inner row. Unmatched rows of the preserved
// side(s) are NULL-extended: LEFT/FULL right after their outer row, RIGHT/FULL
// inner rows after the outer side is exhausted.
#include "common/interrupts.h"
#include <limits>

#include "sql/executor/join_row.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

namespace {
constexpr size_t kNoRow = std::numeric_limits<size_t>::max();
}  // namespace

void NestLoop::Init() {
  outer_->Init();
  inner_->Init();
  inner_rows_.clear();
  Row row;
  while (inner_->Next(&row)) {
    row.resize(inner_width_);
    inner_rows_.push_back(std::move(row));
    row = Row();
  }
  inner_->Close();
  inner_matched_.assign(inner_rows_.size(), false);
  have_outer_ = false;
  outer_done_ = false;
  inner_pos_ = 0;
  unmatched_pos_ = 0;
}

void NestLoop::Close() {
  inner_rows_.clear();
  inner_matched_.clear();
  outer_->Close();
}

void NestLoop::Emit(const Row* outer, size_t i, Row* row) {
  EmitJoinRow(outer, outer_width_, i != kNoRow ? &inner_rows_[i] : nullptr, inner_width_,
              slot_base_, extra_, ctx_, row);
}

bool NestLoop::Next(Row* row) {
  while (!outer_done_) {
    if (!have_outer_) {
      if (!outer_->Next(&outer_row_)) {
        outer_done_ = true;
        break;
      }
      outer_row_.resize(outer_width_);
      have_outer_ = true;
      outer_matched_ = false;
      inner_pos_ = 0;
    }
    while (inner_pos_ < inner_rows_.size()) {
      CheckForInterrupts();  // the inner rows are cached: no scan checks here
      const size_t i = inner_pos_++;
      if (!quals_.empty()) {
        combined_.clear();
        combined_.resize(slot_base_);  // the slots of the FROM items before this join
        combined_.insert(combined_.end(), outer_row_.begin(), outer_row_.end());
        combined_.insert(combined_.end(), inner_rows_[i].begin(), inner_rows_[i].end());
        bool match = true;
        for (const BoundExpr* q : quals_) {
          if (!EvaluatePredicate(*q, combined_, ctx_)) {
            match = false;
            break;
          }
        }
        if (!match) continue;
      }
      outer_matched_ = true;
      inner_matched_[i] = true;
      Emit(&outer_row_, i, row);
      return true;
    }
    have_outer_ = false;
    if (!outer_matched_ && (type_ == JoinType::kLeft || type_ == JoinType::kFull)) {
      Emit(&outer_row_, kNoRow, row);
      return true;
    }
  }
  if (type_ == JoinType::kRight || type_ == JoinType::kFull) {
    while (unmatched_pos_ < inner_rows_.size()) {
      const size_t i = unmatched_pos_++;
      if (inner_matched_[i]) continue;
      Emit(nullptr, i, row);
      return true;
    }
  }
  return false;
}

}  // namespace strata::sql
