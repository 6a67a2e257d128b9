// EmptyIterator: an iterator over nothing. With an OK status it is the merge of
// no children or a table without range tombstones; with an error status it is
// what Engine::NewIterator returns when it cannot build a real iterator
// (unknown tree, closed engine), so callers see the error through status().
// Thread safety: immutable; one thread at a time like every Iterator.
#pragma once

#include <utility>

#include "common/status.h"
#include "storage/iterator.h"

namespace strata::storage {

class EmptyIterator final : public Iterator {
 public:
  EmptyIterator() = default;
  explicit EmptyIterator(Status status) : status_(std::move(status)) {}
  bool Valid() const override { return false; }
  void SeekToFirst() override {}
  void SeekToLast() override {}
  void Seek(Slice) override {}
  void SeekForPrev(Slice) override {}
  void Next() override {}
  void Prev() override {}
  Slice key() const override { return {}; }
  Slice value() const override { return {}; }
  Status status() const override { return status_; }

 private:
  const Status status_ = Status::OK();
};

}  // namespace strata::storage
