// TableIterator: two-level iteration with bounds and readahead (behaviour
// described in table_iterator.h).
#include "storage/sstable/table_iterator.h"

#include "storage/dbformat.h"
#include "storage/sstable/table_reader.h"

namespace strata::storage {

namespace {

// The user-key part of an internal key; the whole slice if it is too short
// to carry a trailer (only possible for a malformed key).
inline Slice UserKeyOf(Slice internal_key) {
  return internal_key.size() >= 8 ? ExtractUserKey(internal_key) : internal_key;
}

}  // namespace

TableIterator::TableIterator(const TableReader* reader, std::shared_ptr<const TableReader> pin,
                             const TableReadOptions& options)
    : reader_(reader), pin_(std::move(pin)), options_(options) {
  if (options_.lower_bound) {
    lower_key_ = MakeInternalKey(*options_.lower_bound, kMaxSequenceNumber, kValueTypeForSeek);
  }
  if (options_.upper_bound) {
    upper_key_ = MakeInternalKey(*options_.upper_bound, kMaxSequenceNumber, kValueTypeForSeek);
  }
  index_iter_.Init(reader_->index_block_.get(), kInternalKeyComparator);
}

TableIterator::~TableIterator() = default;

Status TableIterator::status() const { return status_; }

void TableIterator::ResetPosition() {
  out_of_bounds_ = false;
  status_ = Status::OK();
  sequential_steps_ = 0;
  prefetched_.clear();
  prefetch_head_ = 0;
}

void TableIterator::SetDataError() {
  if (status_.ok()) status_ = reader_->BlockError(data_handle_, data_iter_.status());
  data_iter_.Reset();
}

bool TableIterator::LoadDataBlock(bool sequential) {
  BlockHandle handle;
  Slice v = index_iter_.value();
  if (!handle.DecodeFrom(&v)) {
    status_ = Status::Corruption(reader_->file_label() + " index block: bad block handle");
    data_iter_.Reset();
    return false;
  }
  if (data_block_ != nullptr && handle.offset == data_handle_.offset) {
    data_iter_.Init(data_block_.get(), kInternalKeyComparator);
    return true;
  }
  if (sequential && options_.readahead_blocks > 0 &&
      ++sequential_steps_ >= options_.readahead_trigger) {
    Prefetch();
  }
  std::shared_ptr<const Block> block;
  while (prefetch_head_ < prefetched_.size() &&
         prefetched_[prefetch_head_].offset < handle.offset) {
    ++prefetch_head_;
  }
  if (prefetch_head_ < prefetched_.size() && prefetched_[prefetch_head_].offset == handle.offset) {
    block = std::move(prefetched_[prefetch_head_].block);
    ++prefetch_head_;
  }
  if (block == nullptr) {
    auto result = reader_->GetDataBlock(handle, options_.fill_cache);
    if (!result.ok()) {
      status_ = result.status();
      data_iter_.Reset();
      return false;
    }
    block = std::move(result).value();
  }
  data_block_ = std::move(block);
  data_handle_ = handle;
  data_iter_.Init(data_block_.get(), kInternalKeyComparator);
  return true;
}

void TableIterator::Prefetch() {
  if (prefetch_head_ < prefetched_.size()) return;  // the queue still has blocks
  prefetched_.clear();
  prefetch_head_ = 0;
  prefetch_handles_.clear();
  // Index keys are strictly increasing, so this lands on the current entry.
  prefetch_index_iter_.Init(reader_->index_block_.get(), kInternalKeyComparator);
  prefetch_index_iter_.Seek(index_iter_.key());
  while (prefetch_index_iter_.Valid() && prefetch_handles_.size() < options_.readahead_blocks) {
    BlockHandle handle;
    Slice v = prefetch_index_iter_.value();
    if (!handle.DecodeFrom(&v)) break;
    prefetch_handles_.push_back(handle);
    // Blocks after one whose separator reaches the upper bound are out of range.
    if (options_.upper_bound &&
        Compare(UserKeyOf(prefetch_index_iter_.key()), *options_.upper_bound) >= 0) {
      break;
    }
    prefetch_index_iter_.Next();
  }
  if (prefetch_handles_.size() < 2) return;  // nothing to batch
  reader_->FetchDataBlocks(prefetch_handles_, options_.fill_cache, &prefetch_blocks_);
  for (size_t i = 0; i < prefetch_handles_.size(); ++i) {
    if (prefetch_blocks_[i] != nullptr) {
      prefetched_.push_back(
          Prefetched{prefetch_handles_[i].offset, std::move(prefetch_blocks_[i])});
    }
  }
  prefetch_blocks_.clear();
}

void TableIterator::SkipForward(bool sequential) {
  while (status_.ok() && !data_iter_.Valid()) {
    if (!data_iter_.status().ok()) {
      SetDataError();
      return;
    }
    if (!index_iter_.Valid()) return;
    // Every key of the next block is > this separator: stop if it has
    // already reached the upper bound.
    if (options_.upper_bound && Compare(UserKeyOf(index_iter_.key()), *options_.upper_bound) >= 0) {
      out_of_bounds_ = true;
      return;
    }
    index_iter_.Next();
    if (!index_iter_.Valid()) {
      if (!index_iter_.status().ok()) {
        status_ = Status::Corruption(reader_->file_label() +
                                     " index block: " + index_iter_.status().message());
      }
      data_iter_.Reset();
      return;
    }
    if (!LoadDataBlock(sequential)) return;
    data_iter_.SeekToFirst();
  }
}

void TableIterator::SkipBackward() {
  while (status_.ok() && !data_iter_.Valid()) {
    if (!data_iter_.status().ok()) {
      SetDataError();
      return;
    }
    if (!index_iter_.Valid()) return;
    index_iter_.Prev();
    if (!index_iter_.Valid()) {
      if (!index_iter_.status().ok()) {
        status_ = Status::Corruption(reader_->file_label() +
                                     " index block: " + index_iter_.status().message());
      }
      data_iter_.Reset();
      return;
    }
    // Every key of this block is <= its separator: skip it entirely if the
    // separator is already below the lower bound.
    if (options_.lower_bound && Compare(UserKeyOf(index_iter_.key()), *options_.lower_bound) < 0) {
      out_of_bounds_ = true;
      data_iter_.Reset();
      return;
    }
    if (!LoadDataBlock(false)) return;
    data_iter_.SeekToLast();
  }
}

void TableIterator::SeekRaw(Slice target) {
  index_iter_.Seek(target);
  if (!index_iter_.Valid()) {
    if (!index_iter_.status().ok()) {
      status_ = Status::Corruption(reader_->file_label() +
                                   " index block: " + index_iter_.status().message());
    }
    data_iter_.Reset();
    return;
  }
  if (!LoadDataBlock(false)) return;
  data_iter_.Seek(target);
  SkipForward(false);
}

void TableIterator::SeekToLastRaw() {
  index_iter_.SeekToLast();
  if (!index_iter_.Valid()) {
    if (!index_iter_.status().ok()) {
      status_ = Status::Corruption(reader_->file_label() +
                                   " index block: " + index_iter_.status().message());
    }
    data_iter_.Reset();
    return;
  }
  if (!LoadDataBlock(false)) return;
  data_iter_.SeekToLast();
  SkipBackward();
}

void TableIterator::PrevRaw() {
  data_iter_.Prev();
  SkipBackward();
}

void TableIterator::CheckUpperBound() {
  if (options_.upper_bound && status_.ok() && data_iter_.Valid() &&
      Compare(UserKeyOf(data_iter_.key()), *options_.upper_bound) >= 0) {
    out_of_bounds_ = true;
  }
}

void TableIterator::CheckLowerBound() {
  if (options_.lower_bound && status_.ok() && data_iter_.Valid() &&
      Compare(UserKeyOf(data_iter_.key()), *options_.lower_bound) < 0) {
    out_of_bounds_ = true;
  }
}

void TableIterator::SeekToFirst() {
  ResetPosition();
  if (options_.lower_bound) {
    SeekRaw(lower_key_);
  } else {
    index_iter_.SeekToFirst();
    if (!index_iter_.Valid()) {
      if (!index_iter_.status().ok()) {
        status_ = Status::Corruption(reader_->file_label() +
                                     " index block: " + index_iter_.status().message());
      }
      data_iter_.Reset();
      return;
    }
    if (!LoadDataBlock(false)) return;
    data_iter_.SeekToFirst();
    SkipForward(false);
  }
  CheckUpperBound();
}

void TableIterator::Seek(Slice target) {
  ResetPosition();
  if (options_.lower_bound && Compare(UserKeyOf(target), *options_.lower_bound) < 0) {
    target = lower_key_;
  }
  SeekRaw(target);
  CheckUpperBound();
}

void TableIterator::Next() {
  data_iter_.Next();
  SkipForward(true);
  CheckUpperBound();
}

void TableIterator::SeekToLast() {
  ResetPosition();
  if (options_.upper_bound) {
    SeekForPrev(upper_key_);
    return;
  }
  SeekToLastRaw();
  CheckLowerBound();
}

void TableIterator::SeekForPrev(Slice target) {
  ResetPosition();
  // The largest key < (upper_bound, max seq) is the last one in bounds.
  const bool clamp = options_.upper_bound && Compare(UserKeyOf(target), *options_.upper_bound) >= 0;
  if (clamp) target = upper_key_;
  index_iter_.Seek(target);
  if (index_iter_.Valid()) {
    if (!LoadDataBlock(false)) return;
    data_iter_.Seek(target);
    // Positions on the first key >= target, without the upper-bound stop:
    // the answer may be the key just before a block beyond the bound.
    while (status_.ok() && !data_iter_.Valid() && data_iter_.status().ok()) {
      index_iter_.Next();
      if (!index_iter_.Valid()) break;
      if (!LoadDataBlock(false)) return;
      data_iter_.SeekToFirst();
    }
    if (!data_iter_.status().ok()) {
      SetDataError();
      return;
    }
  }
  if (!index_iter_.status().ok()) {
    status_ = Status::Corruption(reader_->file_label() +
                                 " index block: " + index_iter_.status().message());
    data_iter_.Reset();
    return;
  }
  if (!status_.ok()) return;
  if (!data_iter_.Valid() || !index_iter_.Valid()) {
    SeekToLastRaw();  // every key is < target
  } else if (CompareInternalKeys(data_iter_.key(), target) > 0 ||
             (clamp && CompareInternalKeys(data_iter_.key(), target) == 0)) {
    PrevRaw();
  }
  CheckLowerBound();
}

void TableIterator::Prev() {
  sequential_steps_ = 0;
  PrevRaw();
  CheckLowerBound();
}

}  // namespace strata::storage
