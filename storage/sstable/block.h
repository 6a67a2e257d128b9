// Block: an immutable, parsed block (format in block_builder.h) and BlockIter,
// its cursor.
//
// A Block owns its uncompressed bytes and is shared (std::shared_ptr) between
// the block cache and every iterator or Get result that reads it, so its bytes
// live as long as any user. The restart array is bounds-checked lazily: a
// malformed block makes the iterator invalid with Corruption, never reads
// outside the block.
//
// BlockIter is reusable (Init() on another block keeps its buffers), has no
// per-entry allocations once its key buffer has grown, and speeds up reverse
// scans by decoding a whole restart interval once and walking it backwards.
//
// Thread safety: a Block is immutable and may be read by many threads; each
// BlockIter is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/slice.h"
#include "common/status.h"
#include "storage/iterator.h"
#include "storage/sstable/block_contents.h"
#include "storage/sstable/key_buffer.h"
#include "storage/sstable/key_comparator.h"

namespace strata::storage {

class Block {
 private:
  struct PrivateTag {};

 public:
  // Checks the restart-array framing. Corruption if it cannot be a block.
  static Result<std::shared_ptr<const Block>> Create(BlockContents contents);

  Block(PrivateTag, BlockContents contents, uint32_t restarts_offset, uint32_t num_restarts)
      : contents_(std::move(contents)),
        restarts_offset_(restarts_offset),
        num_restarts_(num_restarts) {}
  Block(const Block&) = delete;
  Block& operator=(const Block&) = delete;

  Slice data() const { return contents_.data; }
  size_t size() const { return contents_.data.size(); }
  uint32_t num_restarts() const { return num_restarts_; }
  // Bytes this block costs in memory, the charge used by the block cache.
  size_t charge() const { return contents_.data.size() + sizeof(Block) + 32; }

  // A heap-allocated iterator. REQUIRES: the block outlives the iterator.
  std::unique_ptr<Iterator> NewIterator(KeyComparator cmp) const;

  // The entry that starts at restart point `index` (< num_restarts()), whose
  // key is stored whole. False if the restart point or the entry is malformed.
  // *end gets the offset just past the entry. Slices point into the block.
  bool RestartEntry(uint32_t index, Slice* key, Slice* value, uint32_t* end) const;
  // Offset where the restart array starts (entries occupy [0, this)).
  uint32_t entries_end() const { return restarts_offset_; }
  // Offset of restart point `index`. REQUIRES: index < num_restarts().
  uint32_t restart_point(uint32_t index) const;

 private:
  friend class BlockIter;
  BlockContents contents_;
  uint32_t restarts_offset_;  // entries occupy [0, restarts_offset_)
  uint32_t num_restarts_;     // >= 1
};

class BlockIter final : public Iterator {
 public:
  BlockIter() = default;
  // Iterates `block` (not owned; must outlive use) in `cmp` order. Leaves the
  // iterator unpositioned.
  void Init(const Block* block, KeyComparator cmp);
  // Detaches from any block; Valid() becomes false and status() OK.
  void Reset();

  bool Valid() const override { return current_ < restarts_offset_; }
  void SeekToFirst() override;
  void SeekToLast() override;
  void Seek(Slice target) override;
  void SeekForPrev(Slice target) override;
  void Next() override;
  void Prev() override;
  // LIFETIME: valid until the iterator moves; may point into the block.
  Slice key() const override { return key_; }
  Slice value() const override { return value_; }
  Status status() const override { return status_; }

 private:
  // One decoded entry of the restart interval cached for reverse scans.
  struct CachedEntry {
    uint32_t offset;
    uint32_t next;
    uint32_t key_offset;  // into prev_keys_
    uint32_t key_size;
    Slice value;
  };

  uint32_t RestartPoint(uint32_t index) const;
  void SeekToRestartPoint(uint32_t index);
  // Decodes the entry at next_ using key_ as the previous key.
  bool ParseNextEntry();
  // Positions at the last entry that starts before `limit`.
  void PositionBefore(uint32_t limit);
  void LoadCached(size_t index);
  void MarkInvalid() { current_ = restarts_offset_; }
  void CorruptionError(const char* what);

  const char* data_ = nullptr;
  KeyComparator cmp_ = nullptr;
  uint32_t restarts_offset_ = 0;
  uint32_t num_restarts_ = 0;
  uint32_t current_ = 0;        // offset of the current entry; restarts_offset_ when invalid
  uint32_t next_ = 0;           // offset just past the current entry
  uint32_t restart_index_ = 0;  // restart interval holding the current entry
  Slice key_;
  Slice value_;
  KeyBuffer key_buf_;
  Status status_;

  std::vector<CachedEntry> prev_entries_;
  std::string prev_keys_;
  uint32_t prev_restart_ = 0;  // restart interval cached in prev_entries_
  int64_t prev_pos_ = -1;      // index of the current entry in prev_entries_, or -1
};

}  // namespace strata::storage
