// Test helpers for the version/ and compaction/ tests: an in-memory sorted
// Iterator over (key, value) pairs with optional error injection, and
// FileMetaData construction shorthand.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "storage/dbformat.h"
#include "storage/iterator.h"
#include "storage/version/file_meta_data.h"

namespace strata::storage::testing {

// Iterator over a vector sorted with `compare`. If fail_at >= 0, moving onto
// index fail_at makes the iterator invalid with an IOError instead.
class VectorIterator final : public Iterator {
 public:
  using Entry = std::pair<std::string, std::string>;
  explicit VectorIterator(std::vector<Entry> entries, int (*compare)(Slice, Slice) = &CompareInternalKeys,
                          int fail_at = -1)
      : entries_(std::move(entries)), compare_(compare), fail_at_(fail_at) {
    std::sort(entries_.begin(), entries_.end(),
              [this](const Entry& a, const Entry& b) { return compare_(a.first, b.first) < 0; });
  }
  bool Valid() const override { return pos_ >= 0 && pos_ < static_cast<int>(entries_.size()) && status_.ok(); }
  void SeekToFirst() override { Set(0); }
  void SeekToLast() override { Set(static_cast<int>(entries_.size()) - 1); }
  void Seek(Slice target) override {
    int i = 0;
    while (i < static_cast<int>(entries_.size()) && compare_(entries_[i].first, target) < 0) ++i;
    Set(i);
  }
  void SeekForPrev(Slice target) override {
    int i = static_cast<int>(entries_.size()) - 1;
    while (i >= 0 && compare_(entries_[i].first, target) > 0) --i;
    Set(i);
  }
  void Next() override { Set(pos_ + 1); }
  void Prev() override { Set(pos_ - 1); }
  Slice key() const override { return entries_[pos_].first; }
  Slice value() const override { return entries_[pos_].second; }
  Status status() const override { return status_; }

 private:
  void Set(int pos) {
    pos_ = pos;
    status_ = Status::OK();
    if (fail_at_ >= 0 && pos == fail_at_) status_ = Status::IOError("injected read error");
  }
  std::vector<Entry> entries_;
  int (*compare_)(Slice, Slice);
  int fail_at_;
  int pos_ = -1;
  Status status_;
};

inline int CompareBytes(Slice a, Slice b) { return Compare(a, b); }

// A file spanning [smallest_key#smallest_seq, largest_key#largest_seq].
inline FileMetaData MakeFile(uint64_t number, const std::string& smallest_key, SequenceNumber smallest_seq,
                             const std::string& largest_key, SequenceNumber largest_seq, uint64_t size) {
  FileMetaData f;
  f.number = number;
  f.file_size = size;
  f.smallest = MakeInternalKey(smallest_key, smallest_seq, ValueType::kValue);
  f.largest = MakeInternalKey(largest_key, largest_seq, ValueType::kValue);
  f.smallest_seqno = std::min(smallest_seq, largest_seq);
  f.largest_seqno = std::max(smallest_seq, largest_seq);
  f.num_entries = 10;
  return f;
}

}  // namespace strata::storage::testing
