// TreeCountingIterator: wraps a tree's user iterator (DBIter) and charges
// the SSTable data blocks its moves touch -- block-cache hits and blocks
// read from files -- to the tree's TreeCounters.
//
// Every block a TableReader takes bumps the calling thread's
// ThreadBlockCounters (storage/sstable/thread_block_counters.h); an
// iterator only moves inside its own calls, on the caller's thread, so the
// difference of those counters across each call is exactly this iterator's
// share, even when several iterators are interleaved on one thread. The
// sums are kept in plain members and added to the tree's atomics once, when
// the iterator is destroyed: nothing shared is touched per row.
#pragma once

#include <memory>

#include "storage/db/tree_counters.h"
#include "storage/iterator.h"
#include "storage/sstable/thread_block_counters.h"

namespace strata::storage {

class TreeCountingIterator final : public Iterator {
 public:
  // `counters` is kept alive by the iterator (an alias of the tree's data).
  TreeCountingIterator(std::unique_ptr<Iterator> inner, std::shared_ptr<TreeCounters> counters)
      : inner_(std::move(inner)), counters_(std::move(counters)) {}
  ~TreeCountingIterator() override {
    TreeCounters::Add(&counters_->block_cache_hits, hits_);
    TreeCounters::Add(&counters_->block_cache_misses, reads_);
  }

  bool Valid() const override { return inner_->Valid(); }
  void SeekToFirst() override {
    Counted([&] { inner_->SeekToFirst(); });
  }
  void SeekToLast() override {
    Counted([&] { inner_->SeekToLast(); });
  }
  void Seek(Slice target) override {
    Counted([&] { inner_->Seek(target); });
  }
  void SeekForPrev(Slice target) override {
    Counted([&] { inner_->SeekForPrev(target); });
  }
  void Next() override {
    Counted([&] { inner_->Next(); });
  }
  void Prev() override {
    Counted([&] { inner_->Prev(); });
  }
  Slice key() const override { return inner_->key(); }
  Slice value() const override { return inner_->value(); }
  Status status() const override { return inner_->status(); }

 private:
  template <typename Move>
  void Counted(Move move) {
    const ThreadBlockCounters& thread = CurrentThreadBlockCounters();
    const uint64_t hits = thread.hits;
    const uint64_t reads = thread.reads;
    move();
    hits_ += thread.hits - hits;
    reads_ += thread.reads - reads;
  }

  std::unique_ptr<Iterator> inner_;
  std::shared_ptr<TreeCounters> counters_;
  uint64_t hits_ = 0;
  uint64_t reads_ = 0;
};

}  // namespace strata::storage
