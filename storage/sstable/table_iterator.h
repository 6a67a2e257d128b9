// TableIterator: the two-level iterator over one SSTable (index block ->
// data blocks), created by TableReader::NewIterator.
//
// Positioning: the index iterator picks the data block, a BlockIter walks it,
// and running off either end of a block moves to the neighbouring block.
// Bounds: keys outside [lower_bound, upper_bound) are never returned; Seek
// below the lower bound starts at it, SeekForPrev above the upper bound starts
// just below it, and Next/Prev stop without loading a block whose index
// separator shows it lies entirely outside the bounds.
// Readahead: after TableReadOptions::readahead_trigger consecutive forward
// block steps (Next crossing into the following block), the next
// readahead_blocks data blocks are fetched with one MultiRead and queued in
// the iterator (and in the block cache when fill_cache). Any Seek* or Prev
// resets the sequential-scan detector.
//
// Errors: a failed block read or a malformed block makes Valid() false with
// status() saying which file and block offset.
// Thread safety: one thread at a time, like every Iterator.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "storage/iterator.h"
#include "storage/sstable/block.h"
#include "storage/sstable/block_handle.h"
#include "storage/sstable/table_options.h"

namespace strata::storage {

class TableReader;

class TableIterator final : public Iterator {
 public:
  // `pin` (may be null) keeps the reader alive; otherwise the caller must.
  TableIterator(const TableReader* reader, std::shared_ptr<const TableReader> pin,
                const TableReadOptions& options);
  ~TableIterator() override;

  bool Valid() const override { return !out_of_bounds_ && status_.ok() && data_iter_.Valid(); }
  void SeekToFirst() override;
  void SeekToLast() override;
  void Seek(Slice target) override;
  void SeekForPrev(Slice target) override;
  void Next() override;
  void Prev() override;
  Slice key() const override { return data_iter_.key(); }
  Slice value() const override { return data_iter_.value(); }
  Status status() const override;

 private:
  void ResetPosition();
  // Loads the block the index iterator points at into data_iter_.
  bool LoadDataBlock(bool sequential);
  // Moves to following/preceding blocks while data_iter_ is exhausted.
  void SkipForward(bool sequential);
  void SkipBackward();
  void SeekRaw(Slice target);
  void SeekToLastRaw();
  void PrevRaw();
  // Marks out_of_bounds_ if the current key is outside the bounds.
  void CheckUpperBound();
  void CheckLowerBound();
  void Prefetch();
  void SetDataError();

  const TableReader* const reader_;
  const std::shared_ptr<const TableReader> pin_;
  const TableReadOptions options_;
  std::string lower_key_;  // (lower_bound, kMaxSequenceNumber, kValueTypeForSeek)
  std::string upper_key_;  // (upper_bound, kMaxSequenceNumber, kValueTypeForSeek)

  BlockIter index_iter_;
  BlockIter data_iter_;
  std::shared_ptr<const Block> data_block_;
  BlockHandle data_handle_;
  bool out_of_bounds_ = false;
  Status status_;

  // Readahead state.
  int sequential_steps_ = 0;
  struct Prefetched {
    uint64_t offset;
    std::shared_ptr<const Block> block;
  };
  std::vector<Prefetched> prefetched_;
  size_t prefetch_head_ = 0;
  BlockIter prefetch_index_iter_;
  std::vector<BlockHandle> prefetch_handles_;
  std::vector<std::shared_ptr<const Block>> prefetch_blocks_;
};

}  // namespace strata::storage
