// BlockCache / ShardedLruCache: byte budget, LRU order, pinning, counters,
// concurrent use.
#include <catch2/catch.hpp>
#include <thread>

#include "storage/cache/block_cache.h"
#include "storage/sstable/block_builder.h"

namespace strata::storage {
namespace {

std::shared_ptr<const Block> MakeBlock(size_t payload) {
  BlockBuilder builder(16);
  builder.Add("k", std::string(payload, 'v'));
  auto b = Block::Create(BlockContents::Copy(builder.Finish()));
  REQUIRE(b.ok());
  return std::move(b).value();
}

TEST_CASE("cache: block cache stays within its byte budget", "[cache]") {
  const size_t block_charge = MakeBlock(1000)->charge();
  const size_t capacity = 20 * block_charge;
  BlockCache cache(capacity, 0);  // one shard: exact LRU
  for (uint64_t i = 0; i < 100; ++i) {
    cache.Insert(1, i * 4096, MakeBlock(1000));
    REQUIRE(cache.GetStats().usage <= capacity);
  }
  const LruCacheStats s = cache.GetStats();
  CHECK(s.entries == 20);
  CHECK(s.inserts == 100);
  CHECK(s.evictions == 80);
  CHECK(s.usage == 20 * block_charge);
  // The 20 most recent remain; older ones are gone.
  CHECK(cache.Lookup(1, 99 * 4096) != nullptr);
  CHECK(cache.Lookup(1, 80 * 4096) != nullptr);
  CHECK(cache.Lookup(1, 79 * 4096) == nullptr);
  CHECK(cache.Lookup(2, 99 * 4096) == nullptr);  // other file, same offset
  CHECK(cache.GetStats().hits == 2);
  CHECK(cache.GetStats().misses == 2);
}

TEST_CASE("cache: lookups refresh recency", "[cache]") {
  const size_t charge = MakeBlock(100)->charge();
  BlockCache cache(3 * charge, 0);
  cache.Insert(1, 0, MakeBlock(100));
  cache.Insert(1, 1, MakeBlock(100));
  cache.Insert(1, 2, MakeBlock(100));
  REQUIRE(cache.Lookup(1, 0) != nullptr);  // 0 is now most recent
  cache.Insert(1, 3, MakeBlock(100));      // evicts 1
  CHECK(cache.Lookup(1, 0) != nullptr);
  CHECK(cache.Lookup(1, 1) == nullptr);
  CHECK(cache.Lookup(1, 2) != nullptr);
  CHECK(cache.Lookup(1, 3) != nullptr);
}

TEST_CASE("cache: pinned blocks survive eviction; first insert wins", "[cache]") {
  const size_t charge = MakeBlock(500)->charge();
  BlockCache cache(2 * charge, 0);
  auto pinned = cache.Insert(7, 0, MakeBlock(500));
  const Block* raw = pinned.get();
  cache.Insert(7, 1, MakeBlock(500));
  cache.Insert(7, 2, MakeBlock(500));
  CHECK(cache.Lookup(7, 0) == nullptr);  // evicted from the cache...
  CHECK(pinned->size() > 500);           // ...but still readable by its holder
  CHECK(pinned.get() == raw);

  auto first = cache.Insert(8, 0, MakeBlock(10));
  auto second = cache.Insert(8, 0, MakeBlock(10));
  CHECK(first.get() == second.get());
  CHECK(cache.Erase(8, 0));
  CHECK(!cache.Erase(8, 0));

  // A block larger than the whole cache is returned but not kept.
  auto huge = cache.Insert(9, 0, MakeBlock(10 * charge));
  CHECK(huge != nullptr);
  CHECK(cache.Lookup(9, 0) == nullptr);
  CHECK(cache.GetStats().usage <= 2 * charge);
}

TEST_CASE("cache: sharded cache budget holds across shards and threads", "[cache]") {
  const size_t charge = MakeBlock(200)->charge();
  const size_t capacity = 64 * charge;
  BlockCache cache(capacity, 3);
  auto block = MakeBlock(200);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, &block, t] {
      for (uint64_t i = 0; i < 5000; ++i) {
        const uint64_t offset = (i * 7919 + t) % 500;
        if (cache.Lookup(t % 2, offset) == nullptr) cache.Insert(t % 2, offset, block);
      }
    });
  }
  for (auto& th : threads) th.join();
  const LruCacheStats s = cache.GetStats();
  CHECK(s.usage <= capacity);
  CHECK(s.capacity == capacity);
  CHECK(s.hits + s.misses == 20000);
  CHECK(s.inserts - s.evictions == s.entries);

  cache.SetCapacity(10 * charge);
  CHECK(cache.GetStats().usage <= 10 * charge);
}

TEST_CASE("cache: default sharding scales with capacity", "[cache]") {
  BlockCache small(100 * 1024);
  BlockCache large(size_t{1} << 30);
  // Both work and report their whole capacity.
  CHECK(small.GetStats().capacity == 100 * 1024);
  CHECK(large.GetStats().capacity == size_t{1} << 30);
}

}  // namespace
}  // namespace strata::storage
