// SeqScan: a table's rows through the transaction's merged iterator.
#include "common/sql_error.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

void SeqScan::Init() {
  iter_ = txn_->NewIterator(codec_->table().tree, lower_, upper_);
  started_ = false;
}

bool SeqScan::Next(Row* row) {
  if (!started_) {
    iter_->SeekToFirst();
    started_ = true;
  } else {
    iter_->Next();
  }
  if (!iter_->Valid()) {
    if (Status s = iter_->status(); !s.ok()) throw SqlError(SqlState::kInternalError, s.ToString());
    return false;
  }
  key_.assign(iter_->key().data(), iter_->key().size());
  *row = codec_->DecodeValue(iter_->value());
  return true;
}

}  // namespace strata::sql
