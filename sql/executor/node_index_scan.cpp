// IndexScan (see node_index_scan.h).
#include "sql/executor/node_index_scan.h"

#include <algorithm>

#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/storage_format/key_codec.h"
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
  bitmap_keys_.clear();
  bitmap_next_ = 0;
  bitmap_collected_ = false;
}

bool IndexScan::FetchRow(Row* row) {
  const auto heap_before = ScanCounts::Now();
  auto value = txn_->Get(codec_->table().tree, key_);
  counts_.AddHeapBlocksSince(heap_before);
  if (!value.ok()) throw SqlError(SqlState::kInternalError, value.status().ToString());
  if (!value->has_value()) return false;  // the row is gone in our view
  ++counts_.fetched;
  *row = codec_->DecodeValue(**value);
  return true;
}

void IndexScan::DecodeEntry(std::string_view key, Row* row) const {
  row->assign(codec_->table().columns.size(), Value());
  KeyReader reader(key);
  for (size_t i = 0; i < index_only_columns_.size(); ++i) {
    (*row)[static_cast<size_t>(index_only_slots_[i])] = reader.Read(index_only_columns_[i]);
  }
}

bool IndexScan::Next(Row* row) {
  if (plan_info_.bitmap) {
    if (!bitmap_collected_) {
      // Every matching entry's table key, then the rows in table-key order.
      for (const Range& r : ranges_) {
        const auto before = ScanCounts::Now();
        std::unique_ptr<txn::TxnIterator> it = txn_->NewIterator(index_tree_, r.first, r.second);
        for (it->SeekToFirst(); it->Valid(); it->Next()) {
          CheckForInterrupts();
          bitmap_keys_.push_back(
              IndexCodec::TableKeyOf(std::string_view(it->value().data(), it->value().size())));
          ++counts_.tuples;
        }
        if (Status s = it->status(); !s.ok()) throw SqlError(SqlState::kInternalError, s.ToString());
        counts_.AddBlocksSince(before);
      }
      std::sort(bitmap_keys_.begin(), bitmap_keys_.end());
      bitmap_keys_.erase(std::unique(bitmap_keys_.begin(), bitmap_keys_.end()), bitmap_keys_.end());
      bitmap_collected_ = true;
    }
    while (bitmap_next_ < bitmap_keys_.size()) {
      CheckForInterrupts();
      key_ = std::move(bitmap_keys_[bitmap_next_++]);
      if (FetchRow(row)) return true;
    }
    return false;
  }
  while (true) {
    CheckForInterrupts();
    const auto before = ScanCounts::Now();
    // Backward: the ranges (ascending, disjoint) last first, each from its
    // last entry.
    const bool backward = plan_info_.backward;
    if (iter_ == nullptr) {
      if (range_ >= ranges_.size()) return false;
      const Range& r = ranges_[backward ? ranges_.size() - 1 - range_ : range_];
      iter_ = txn_->NewIterator(index_tree_, r.first, r.second);
      if (backward) {
        iter_->SeekToLast();
      } else {
        iter_->SeekToFirst();
      }
    } else if (backward) {
      iter_->Prev();
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
    if (!index_only_columns_.empty()) {
      // The entry is in the transaction's view exactly when its row is
      // (both trees change in one write set): no table read needed.
      DecodeEntry(std::string_view(iter_->key().data(), iter_->key().size()), row);
      ++counts_.fetched;
      return true;
    }
    if (FetchRow(row)) return true;
  }
}

}  // namespace strata::sql
