// MergeJoin (see node_merge_join.h).
#include "sql/executor/node_merge_join.h"

#include "common/interrupts.h"
#include "sql/executor/join_row.h"

namespace strata::sql {

MergeJoin::MergeJoin(PlanNodePtr outer, PlanNodePtr inner, std::vector<const BoundExpr*> quals,
                     std::vector<HashJoinKey> keys, size_t outer_width, size_t inner_width,
                     std::vector<const BoundExpr*> extra, const std::vector<Value>* params)
    : outer_(std::move(outer)),
      inner_(std::move(inner)),
      quals_(std::move(quals)),
      keys_(std::move(keys)),
      outer_width_(outer_width),
      inner_width_(inner_width),
      extra_(std::move(extra)),
      compare_keys_(KeysDecideQuals(quals_, keys_)),
      ctx_(params) {}

void MergeJoin::Init() {
  outer_->Init();
  inner_->Init();
  combined_.assign(slot_base_ + outer_width_ + inner_width_, Value());
  outer_done_ = inner_done_ = false;
  group_.clear();
  have_group_ = emitting_ = false;
  group_pos_ = 0;
  ReadInner();
}

void MergeJoin::Close() {
  group_.clear();
  outer_->Close();
  inner_->Close();
}

void MergeJoin::ReadInner() {
  Row row;
  while (inner_->Next(&row)) {
    row.resize(inner_width_);
    std::copy(row.begin(), row.end(),
              combined_.begin() + static_cast<std::ptrdiff_t>(slot_base_ + outer_width_));
    ctx_.SetRow(&combined_);
    if (EncodeHashJoinKey(keys_, false, ctx_, &pending_key_)) {
      pending_ = std::move(row);
      return;
    }
    // A NULL key matches nothing (and sorts last: nothing after it does).
  }
  inner_done_ = true;
}

bool MergeJoin::PairMatches(size_t i) {
  if (compare_keys_) return true;  // equal keys are all the quals ask
  // (The outer row is in combined_ already: Next placed it there.)
  std::copy(group_[i].begin(), group_[i].end(),
            combined_.begin() + static_cast<std::ptrdiff_t>(slot_base_ + outer_width_));
  ctx_.SetRow(&combined_);
  for (const BoundExpr* q : quals_) {
    if (!EvaluatePredicate(*q, combined_, ctx_)) return false;
  }
  return true;
}

bool MergeJoin::Next(Row* row) {
  for (;;) {
    if (emitting_) {
      while (group_pos_ < group_.size()) {
        const size_t i = group_pos_++;
        if (!PairMatches(i)) continue;
        EmitJoinRow(&outer_row_, outer_width_, &group_[i], inner_width_, slot_base_, extra_,
                    ctx_, row);
        return true;
      }
      emitting_ = false;
    }
    if (outer_done_) return false;
    CheckForInterrupts();
    if (!outer_->Next(&outer_row_)) {
      outer_done_ = true;
      return false;
    }
    outer_row_.resize(outer_width_);
    std::copy(outer_row_.begin(), outer_row_.end(),
              combined_.begin() + static_cast<std::ptrdiff_t>(slot_base_));
    ctx_.SetRow(&combined_);
    if (!EncodeHashJoinKey(keys_, true, ctx_, &outer_key_)) continue;  // NULL: no match
    if (!have_group_ || group_key_ != outer_key_) {
      // Move the inner side up to this key; its rows there are the group.
      while (!inner_done_ && pending_key_ < outer_key_) ReadInner();
      group_.clear();
      have_group_ = false;
      if (inner_done_ || pending_key_ != outer_key_) continue;  // no inner row has it
      group_key_ = outer_key_;
      have_group_ = true;
      while (!inner_done_ && pending_key_ == group_key_) {
        group_.push_back(std::move(pending_));
        pending_ = Row();
        ReadInner();
      }
    }
    group_pos_ = 0;
    emitting_ = true;
  }
}

}  // namespace strata::sql
