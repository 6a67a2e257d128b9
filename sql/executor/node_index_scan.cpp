// IndexScan (see node_index_scan.h).
#include "sql/executor/node_index_scan.h"

#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/table/index_codec.h"

namespace strata::sql {

IndexScan::~IndexScan() {
  if (index_oid_ != 0) PublishIndexScanCounts(table_oid_, index_oid_, counts_);
}

void IndexScan::Init() {
  ++counts_.scans;
  range_ = 0;
  started_ = false;
  iter_.reset();
}

bool IndexScan::Next(Row* row) {
  while (true) {
    CheckForInterrupts();
    const auto before = ScanCounts::Now();
    if (iter_ == nullptr) {
      if (range_ >= ranges_.size()) return false;
      iter_ = txn_->NewIterator(index_tree_, ranges_[range_].first, ranges_[range_].second);
      iter_->SeekToFirst();
    } else {
      iter_->Next();
    }
    counts_.AddBlocksSince(before);
    if (!iter_->Valid()) {
      if (Status s = iter_->status(); !s.ok()) {
        throw SqlError(SqlState::kInternalError, s.ToString());
      }
      iter_.reset();
      ++range_;
      continue;
    }
    key_ = IndexCodec::TableKeyOf(std::string_view(iter_->value().data(), iter_->value().size()));
    ++counts_.tuples;
    const auto heap_before = ScanCounts::Now();
    auto value = txn_->Get(codec_->table().tree, key_);
    counts_.AddHeapBlocksSince(heap_before);
    if (!value.ok()) throw SqlError(SqlState::kInternalError, value.status().ToString());
    if (!value->has_value()) continue;  // the row is gone in our view
    ++counts_.fetched;
    *row = codec_->DecodeValue(**value);
    return true;
  }
}

}  // namespace strata::sql
