// ShardedLruCache: a thread-safe LRU map with a capacity in "charge" units,
// split into independently locked shards. BlockCache (charge = bytes) and
// TableCache (charge = 1 per open file) are built on it.
//
// Values are handed out by copy, so Value should be a cheap handle such as
// std::shared_ptr: a caller holding the copy pins the object; eviction only
// drops the cache's reference, and the object dies with its last user.
// Evicted-but-pinned objects no longer count against capacity (they are
// outside the cache), so memory can briefly exceed the budget by what
// readers pin. Evicted values are destroyed after the shard lock is released,
// so expensive destructors (closing a file) never run under the lock.
//
// Invariants per shard: usage == sum of charges of resident entries, and
// usage <= capacity after every Insert/SetCapacity (an entry larger than the
// whole shard is therefore evicted at once; Insert still returns it).
// Value{} (a null shared_ptr) means "absent" and is never stored.
//
// Thread safety: every method may be called concurrently.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/hash.h"

namespace strata::storage {

// Counters summed over shards.
struct LruCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t inserts = 0;
  uint64_t evictions = 0;  // entries dropped to respect the capacity
  size_t usage = 0;        // sum of resident charges
  size_t capacity = 0;
  size_t entries = 0;
};

template <typename Key, typename Value, typename KeyHash>
class ShardedLruCache {
 public:
  // 2^num_shard_bits shards share the capacity evenly.
  ShardedLruCache(size_t capacity, int num_shard_bits)
      : shard_bits_(std::clamp(num_shard_bits, 0, 8)), shards_(size_t{1} << shard_bits_) {
    SetCapacity(capacity);
  }
  ShardedLruCache(const ShardedLruCache&) = delete;
  ShardedLruCache& operator=(const ShardedLruCache&) = delete;

  // The cached value (now most recently used), or Value{} on a miss.
  Value Lookup(const Key& key) {
    const uint64_t h = KeyHash()(key);
    return ShardFor(h).Lookup(key, h);
  }

  // Inserts key -> value with `charge`. If key is already present the
  // resident value is kept (and returned): concurrent loaders of one key end
  // up sharing one object. Otherwise returns `value`.
  Value Insert(const Key& key, Value value, size_t charge) {
    const uint64_t h = KeyHash()(key);
    std::vector<Value> evicted;
    Value out = ShardFor(h).Insert(key, h, std::move(value), charge, &evicted);
    evicted.clear();  // destroy outside the lock
    return out;
  }

  // Removes key; true if it was present.
  bool Erase(const Key& key) {
    const uint64_t h = KeyHash()(key);
    Value victim;
    const bool found = ShardFor(h).Erase(key, &victim);
    victim = Value{};
    return found;
  }

  // Drops every entry.
  void Clear() {
    for (auto& shard : shards_) {
      std::vector<Value> evicted;
      shard.Clear(&evicted);
    }
  }

  void SetCapacity(size_t capacity) {
    const size_t n = shards_.size();
    for (size_t i = 0; i < n; ++i) {
      // Spread the remainder so the shard capacities sum to `capacity`.
      const size_t per = capacity / n + (i < capacity % n ? 1 : 0);
      std::vector<Value> evicted;
      shards_[i].SetCapacity(per, &evicted);
    }
  }

  LruCacheStats GetStats() const {
    LruCacheStats total;
    for (const auto& shard : shards_) shard.AddStats(&total);
    return total;
  }

 private:
  struct Entry {
    Key key;
    Value value;
    size_t charge;
  };
  using List = std::list<Entry>;

  class Shard {
   public:
    Value Lookup(const Key& key, uint64_t /*hash*/) {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = index_.find(key);
      if (it == index_.end()) {
        ++misses_;
        return Value{};
      }
      ++hits_;
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->value;
    }

    Value Insert(const Key& key, uint64_t /*hash*/, Value value, size_t charge,
                 std::vector<Value>* evicted) {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = index_.find(key);
      if (it != index_.end()) {
        lru_.splice(lru_.begin(), lru_, it->second);
        return it->second->value;
      }
      ++inserts_;
      lru_.push_front(Entry{key, value, charge});
      index_.emplace(key, lru_.begin());
      usage_ += charge;
      EvictLocked(evicted);
      return value;
    }

    bool Erase(const Key& key, Value* victim) {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = index_.find(key);
      if (it == index_.end()) return false;
      usage_ -= it->second->charge;
      *victim = std::move(it->second->value);
      lru_.erase(it->second);
      index_.erase(it);
      return true;
    }

    void Clear(std::vector<Value>* evicted) {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& e : lru_) evicted->push_back(std::move(e.value));
      lru_.clear();
      index_.clear();
      usage_ = 0;
    }

    void SetCapacity(size_t capacity, std::vector<Value>* evicted) {
      std::lock_guard<std::mutex> lock(mu_);
      capacity_ = capacity;
      EvictLocked(evicted);
    }

    void AddStats(LruCacheStats* total) const {
      std::lock_guard<std::mutex> lock(mu_);
      total->hits += hits_;
      total->misses += misses_;
      total->inserts += inserts_;
      total->evictions += evictions_;
      total->usage += usage_;
      total->capacity += capacity_;
      total->entries += index_.size();
    }

   private:
    void EvictLocked(std::vector<Value>* evicted) {
      while (usage_ > capacity_ && !lru_.empty()) {
        Entry& victim = lru_.back();
        usage_ -= victim.charge;
        evicted->push_back(std::move(victim.value));
        index_.erase(victim.key);
        lru_.pop_back();
        ++evictions_;
      }
    }

    mutable std::mutex mu_;
    size_t capacity_ = 0;
    size_t usage_ = 0;
    List lru_;  // front = most recently used
    std::unordered_map<Key, typename List::iterator, KeyHash> index_;
    uint64_t hits_ = 0;
    uint64_t misses_ = 0;
    uint64_t inserts_ = 0;
    uint64_t evictions_ = 0;
  };

  Shard& ShardFor(uint64_t hash) {
    return shards_[shard_bits_ == 0 ? 0 : static_cast<size_t>(hash >> (64 - shard_bits_))];
  }

  const int shard_bits_;
  std::vector<Shard> shards_;
};

}  // namespace strata::storage
