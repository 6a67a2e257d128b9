// ErrorIterator: an iterator that is never valid and reports a fixed status,
// returned by Engine::NewIterator when it cannot build a real one (unknown
// tree, closed engine).
// Thread safety: immutable; one thread at a time like every Iterator.
#pragma once

#include "common/status.h"
#include "storage/iterator.h"

namespace strata::storage {

class ErrorIterator final : public Iterator {
 public:
  explicit ErrorIterator(Status status) : status_(std::move(status)) {}
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
  const Status status_;
};

}  // namespace strata::storage
