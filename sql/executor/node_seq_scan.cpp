// SeqScan: a table's rows through the transaction's merged iterator, or one
// Get when the bounds pin a single key.
#include <algorithm>

#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

SeqScan::~SeqScan() {
  PublishSeqScanCounts(table_oid_, by_primary_key_, counts_);
}

void SeqScan::Init() {
  started_ = false;
  ++counts_.scans;
  decode_.clear();
  if (read_ != nullptr && std::find(read_->begin(), read_->end(), false) != read_->end()) {
    decode_ = *read_;
  }
  // In memcomparable order nothing lies between k and k + '\0' but k itself.
  point_ = lower_ && upper_ && upper_->size() == lower_->size() + 1 && upper_->back() == '\0' &&
           upper_->compare(0, lower_->size(), *lower_) == 0;
  if (!point_) {
    const auto before = ScanCounts::Now();
    iter_ = txn_->NewIterator(codec_->table().tree, lower_, upper_);
    counts_.AddBlocksSince(before);
  }
}

bool SeqScan::Next(Row* row) {
  CheckForInterrupts();
  if (point_) {
    if (started_) return false;
    started_ = true;
    const auto before = ScanCounts::Now();
    auto value = txn_->Get(codec_->table().tree, *lower_);
    counts_.AddBlocksSince(before);
    if (!value.ok()) throw SqlError(SqlState::kInternalError, value.status().ToString());
    if (!value->has_value()) return false;
    ++counts_.tuples;
    key_ = *lower_;
    codec_->DecodeValueInto(**value, decode_, row);
    return true;
  }
  const auto before = ScanCounts::Now();
  // Backward (an Index Scan Backward on the primary key): last key first.
  if (!started_) {
    if (plan_info_.backward) {
      iter_->SeekToLast();
    } else {
      iter_->SeekToFirst();
    }
    started_ = true;
  } else if (plan_info_.backward) {
    iter_->Prev();
  } else {
    iter_->Next();
  }
  counts_.AddBlocksSince(before);
  if (!iter_->Valid()) {
    if (Status s = iter_->status(); !s.ok()) throw SqlError(SqlState::kInternalError, s.ToString());
    return false;
  }
  ++counts_.tuples;
  key_.assign(iter_->key().data(), iter_->key().size());
  codec_->DecodeValueInto(iter_->value(), decode_, row);
  return true;
}

}  // namespace strata::sql
