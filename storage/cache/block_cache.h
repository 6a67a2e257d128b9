// BlockCache: the shared, sharded LRU cache of uncompressed SSTable data
// blocks, with a byte budget.
//
// Key: (file number, block offset). File numbers are unique within one
// engine and never reused, so blocks of deleted files simply age out; engines
// sharing one BlockCache must not share file numbers. Charge: the block's
// in-memory size (Block::charge()). Blocks are handed out as
// std::shared_ptr<const Block>: holding one pins the block even after it is
// evicted (see lru_cache.h for how pinned memory is accounted).
//
// Thread safety: every method may be called concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "storage/cache/lru_cache.h"
#include "storage/sstable/block.h"

namespace strata::storage {

class BlockCache {
 public:
  // num_shard_bits < 0 picks a count from the capacity (each shard >= 512 KiB,
  // at most 64 shards).
  explicit BlockCache(size_t capacity_bytes, int num_shard_bits = -1);
  BlockCache(const BlockCache&) = delete;
  BlockCache& operator=(const BlockCache&) = delete;

  std::shared_ptr<const Block> Lookup(uint64_t file_number, uint64_t offset) {
    return cache_.Lookup(Key{file_number, offset});
  }
  // Caches block and returns the resident copy (an earlier insert of the
  // same key wins, so racing readers share one block).
  std::shared_ptr<const Block> Insert(uint64_t file_number, uint64_t offset,
                                      std::shared_ptr<const Block> block) {
    const size_t charge = block->charge();
    return cache_.Insert(Key{file_number, offset}, std::move(block), charge);
  }
  bool Erase(uint64_t file_number, uint64_t offset) {
    return cache_.Erase(Key{file_number, offset});
  }
  void SetCapacity(size_t capacity_bytes) { cache_.SetCapacity(capacity_bytes); }

  LruCacheStats GetStats() const { return cache_.GetStats(); }

 private:
  struct Key {
    uint64_t file_number;
    uint64_t offset;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      return static_cast<size_t>(MixHash64(k.file_number * 0x9e3779b97f4a7c15ull ^ k.offset));
    }
  };

  ShardedLruCache<Key, std::shared_ptr<const Block>, KeyHash> cache_;
};

}  // namespace strata::storage
