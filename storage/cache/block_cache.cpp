// BlockCache shard sizing (the cache itself is in lru_cache.h).
#include "storage/cache/block_cache.h"

namespace strata::storage {

namespace {

int DefaultShardBits(size_t capacity) {
  constexpr size_t kMinShardBytes = 512 * 1024;
  int bits = 0;
  while (bits < 6 && (capacity >> (bits + 1)) >= kMinShardBytes) ++bits;
  return bits;
}

}  // namespace

BlockCache::BlockCache(size_t capacity_bytes, int num_shard_bits)
    : cache_(capacity_bytes,
             num_shard_bits < 0 ? DefaultShardBits(capacity_bytes) : num_shard_bits) {}

}  // namespace strata::storage
