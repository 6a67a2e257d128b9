// IndexScan (see node_index_scan.h).
#include "sql/executor/node_index_scan.h"

#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/table/index_codec.h"

namespace strata::sql {

void IndexScan::Init() {
  range_ = 0;
  started_ = false;
  iter_.reset();
}

bool IndexScan::Next(Row* row) {
  while (true) {
    CheckForInterrupts();
    if (iter_ == nullptr) {
      if (range_ >= ranges_.size()) return false;
      iter_ = txn_->NewIterator(index_tree_, ranges_[range_].first, ranges_[range_].second);
      iter_->SeekToFirst();
    } else {
      iter_->Next();
    }
    if (!iter_->Valid()) {
      if (Status s = iter_->status(); !s.ok()) {
        throw SqlError(SqlState::kInternalError, s.ToString());
      }
      iter_.reset();
      ++range_;
      continue;
    }
    key_ = IndexCodec::TableKeyOf(std::string_view(iter_->value().data(), iter_->value().size()));
    auto value = txn_->Get(codec_->table().tree, key_);
    if (!value.ok()) throw SqlError(SqlState::kInternalError, value.status().ToString());
    if (!value->has_value()) continue;  // the row is gone in our view
    *row = codec_->DecodeValue(**value);
    return true;
  }
}

}  // namespace strata::sql
