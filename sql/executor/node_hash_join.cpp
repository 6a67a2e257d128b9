// HashJoin (see node_hash_join.h). The inner side is read at Init(); it is
// hashed when the first outer row arrives, so an empty outer side evaluates
// no key expression (as NestLoop evaluates no qual then).
//
// Grace mode: Init() stops collecting inner rows in memory at the budget and
// writes them all to one file instead; when the first outer row arrives both
// sides are partitioned by key hash (Partition), then each partition's inner
// rows are loaded and hashed and its outer rows probe them through the same
// loop as in memory (NextOuterRow reads them with their keys), the
// partition's unmatched inner rows following for RIGHT/FULL. Rows whose key
// is NULL never match: LEFT/FULL emit such outer rows, RIGHT/FULL such inner
// rows, after the last partition.
#include "sql/executor/node_hash_join.h"

#include <functional>
#include <limits>

#include "common/interrupts.h"
#include "sql/executor/join_row.h"

namespace strata::sql {

namespace {
constexpr size_t kNoRow = std::numeric_limits<size_t>::max();

size_t PartitionOf(const std::string& key) {
  return std::hash<std::string>{}(key) % HashJoin::kPartitions;
}
}  // namespace

void HashJoin::Init() {
  outer_->Init();
  inner_->Init();
  inner_rows_.clear();
  inner_keys_.clear();
  table_.clear();
  spill_ = false;
  partitioned_ = false;
  raw_inner_.reset();
  inner_parts_.clear();
  outer_parts_.clear();
  null_outer_.reset();
  null_inner_.reset();
  part_ = 0;
  outer_empty_ = false;
  parts_done_ = false;
  const int64_t budget = work_mem_ >= 0 ? work_mem_ : WorkMemBytes();
  int64_t used = 0;
  Row row;
  while (inner_->Next(&row)) {
    row.resize(inner_width_);
    if (spill_) {
      raw_inner_->WriteRow(row);
      continue;
    }
    used += static_cast<int64_t>(RowMemory(row) + 48);
    inner_rows_.push_back(std::move(row));
    row = Row();
    if (used > budget) {
      spill_ = true;
      raw_inner_ = std::make_unique<SpillFile>();
      for (const Row& r : inner_rows_) raw_inner_->WriteRow(r);
      inner_rows_.clear();
      inner_rows_.shrink_to_fit();
    }
  }
  inner_->Close();
  inner_matched_.assign(inner_rows_.size(), false);
  built_ = false;
  bucket_ = nullptr;
  bucket_pos_ = 0;
  have_outer_ = false;
  outer_done_ = false;
  unmatched_pos_ = 0;
}

void HashJoin::Close() {
  inner_rows_.clear();
  inner_matched_.clear();
  table_.clear();
  raw_inner_.reset();
  inner_parts_.clear();
  outer_parts_.clear();
  null_outer_.reset();
  null_inner_.reset();
  outer_->Close();
}

void HashJoin::Emit(const Row* outer, size_t i, Row* row) {
  EmitJoinRow(outer, outer_width_, i != kNoRow ? &inner_rows_[i] : nullptr, inner_width_,
              slot_base_, extra_, ctx_, row);
}

bool HashJoin::QualsMatch(size_t i) {
  combined_.clear();
  combined_.resize(slot_base_);
  combined_.insert(combined_.end(), outer_row_.begin(), outer_row_.end());
  combined_.insert(combined_.end(), inner_rows_[i].begin(), inner_rows_[i].end());
  for (const BoundExpr* q : quals_) {
    if (!EvaluatePredicate(*q, combined_, ctx_)) return false;
  }
  return true;
}

// The next outer row into outer_row_ with its key (nullopt: NULL key);
// false when the outer side (in grace mode: the partition) is exhausted.
bool HashJoin::NextOuterRow(std::optional<std::string>* key) {
  if (spill_) {
    std::string k;
    if (!outer_parts_[part_]->ReadKeyedRow(&k, &outer_row_)) return false;
    *key = std::move(k);
    return true;
  }
  if (!outer_->Next(&outer_row_)) return false;
  outer_row_.resize(outer_width_);
  if (!built_) {
    // [base + outer NULLs, inner row]: inner keys read only inner slots.
    Row padded(slot_base_ + outer_width_);
    for (size_t i = 0; i < inner_rows_.size(); ++i) {
      if ((i & 1023) == 0) CheckForInterrupts();
      padded.resize(slot_base_ + outer_width_);
      padded.insert(padded.end(), inner_rows_[i].begin(), inner_rows_[i].end());
      ctx_.SetRow(&padded);
      std::optional<std::string> k = EncodeHashJoinKey(keys_, false, ctx_);
      if (k) table_[std::move(*k)].push_back(i);
    }
    built_ = true;
  }
  Row padded;
  padded.resize(slot_base_);
  padded.insert(padded.end(), outer_row_.begin(), outer_row_.end());
  ctx_.SetRow(&padded);
  *key = EncodeHashJoinKey(keys_, true, ctx_);
  return true;
}

void HashJoin::Partition() {
  for (size_t p = 0; p < kPartitions; ++p) {
    inner_parts_.push_back(std::make_unique<SpillFile>());
    outer_parts_.push_back(std::make_unique<SpillFile>());
  }
  null_outer_ = std::make_unique<SpillFile>();
  null_inner_ = std::make_unique<SpillFile>();
  const bool keep_outer = type_ == JoinType::kLeft || type_ == JoinType::kFull;
  const bool keep_inner = type_ == JoinType::kRight || type_ == JoinType::kFull;
  // The outer row that started the join (already in outer_row_) first.
  Row padded;
  uint64_t n = 0;
  do {
    if ((++n & 1023) == 0) CheckForInterrupts();
    outer_row_.resize(outer_width_);
    padded.assign(slot_base_, Value());
    padded.insert(padded.end(), outer_row_.begin(), outer_row_.end());
    ctx_.SetRow(&padded);
    std::optional<std::string> key = EncodeHashJoinKey(keys_, true, ctx_);
    if (key) {
      outer_parts_[PartitionOf(*key)]->WriteKeyedRow(*key, outer_row_);
    } else if (keep_outer) {
      null_outer_->WriteRow(outer_row_);
    }
  } while (outer_->Next(&outer_row_));
  raw_inner_->Rewind();
  Row row;
  while (raw_inner_->ReadRow(&row)) {
    if ((++n & 1023) == 0) CheckForInterrupts();
    padded.assign(slot_base_ + outer_width_, Value());
    padded.insert(padded.end(), row.begin(), row.end());
    ctx_.SetRow(&padded);
    std::optional<std::string> key = EncodeHashJoinKey(keys_, false, ctx_);
    if (key) {
      inner_parts_[PartitionOf(*key)]->WriteKeyedRow(*key, row);
    } else if (keep_inner) {
      null_inner_->WriteRow(row);
    }
  }
  raw_inner_.reset();
  for (auto& f : outer_parts_) f->Rewind();
  for (auto& f : inner_parts_) f->Rewind();
  null_outer_->Rewind();
  null_inner_->Rewind();
  partitioned_ = true;
  part_ = 0;
}

// Loads partition part_'s inner rows and hashes them.
bool HashJoin::NextPartition() {
  if (part_ >= kPartitions) return false;
  inner_rows_.clear();
  table_.clear();
  std::string key;
  Row row;
  while (inner_parts_[part_]->ReadKeyedRow(&key, &row)) {
    table_[key].push_back(inner_rows_.size());
    inner_rows_.push_back(std::move(row));
    row = Row();
  }
  inner_parts_[part_].reset();
  inner_matched_.assign(inner_rows_.size(), false);
  unmatched_pos_ = 0;
  outer_done_ = false;
  have_outer_ = false;
  return true;
}

bool HashJoin::Next(Row* row) {
  if (spill_ && !partitioned_) {
    // The first outer row decides: none means no key is evaluated, and only
    // RIGHT/FULL have rows to return (every inner row, NULL-extended).
    if (!outer_empty_) {
      if (outer_->Next(&outer_row_)) {
        Partition();
        NextPartition();
      } else {
        outer_empty_ = true;
        raw_inner_->Rewind();
      }
    }
    if (outer_empty_) {
      Row inner;
      if ((type_ == JoinType::kRight || type_ == JoinType::kFull) && raw_inner_->ReadRow(&inner)) {
        inner_rows_.assign(1, std::move(inner));
        Emit(nullptr, 0, row);
        return true;
      }
      return false;
    }
  }
  while (!parts_done_) {
    while (!outer_done_) {
      if (!have_outer_) {
        std::optional<std::string> key;
        if (!NextOuterRow(&key)) {
          outer_done_ = true;
          break;
        }
        have_outer_ = true;
        outer_matched_ = false;
        bucket_ = nullptr;
        if (key) {
          auto it = table_.find(*key);
          if (it != table_.end()) bucket_ = &it->second;
        }
        bucket_pos_ = 0;
      }
      while (bucket_ != nullptr && bucket_pos_ < bucket_->size()) {
        CheckForInterrupts();
        const size_t i = (*bucket_)[bucket_pos_++];
        if (!QualsMatch(i)) continue;
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
    if (!spill_) return false;
    outer_parts_[part_].reset();
    ++part_;
    if (!NextPartition()) parts_done_ = true;
  }
  // Grace mode, after the last partition: the rows with NULL keys.
  if (null_outer_ && null_outer_->ReadRow(&outer_row_)) {
    Emit(&outer_row_, kNoRow, row);
    return true;
  }
  Row inner;
  if (null_inner_ && null_inner_->ReadRow(&inner)) {
    inner_rows_.assign(1, std::move(inner));
    Emit(nullptr, 0, row);
    return true;
  }
  return false;
}

}  // namespace strata::sql
