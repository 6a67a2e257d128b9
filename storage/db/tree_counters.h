// TreeCounters: what the engine has done for one tree since it opened -- the
// bytes written to it, flushed and compacted, write stalls it caused, and
// what its user reads found in the block cache and Bloom filters -- for
// GetStats (pg_stat_lsm, the metrics endpoint).
//
// Relaxed atomics, bumped without any lock: the read path adds its figures
// once per Get / once per iterator (TreeCountingIterator), never per block,
// so no mutex is taken and one cache line per tree is touched per read.
// Values are monotonic counters; a reader may see them mid-update (each is
// exact on its own, a set of them is not a snapshot).
#pragma once

#include <atomic>
#include <cstdint>

namespace strata::storage {

struct TreeCounters {
  std::atomic<uint64_t> user_bytes{0};                // keys + values handed to Write
  std::atomic<uint64_t> flush_bytes{0};               // SSTable bytes written by flushes
  std::atomic<uint64_t> compaction_bytes_written{0};  // ... by compactions
  std::atomic<uint64_t> compaction_bytes_read{0};     // input bytes of non-trivial compactions
  std::atomic<uint64_t> stalls{0};                    // writes stopped (at least once) for it
  std::atomic<uint64_t> stall_micros{0};              // time those writes waited
  std::atomic<uint64_t> block_cache_hits{0};          // data blocks of user reads, cached
  std::atomic<uint64_t> block_cache_misses{0};        // ... read from the file
  std::atomic<uint64_t> bloom_checks{0};              // Get: SSTable filters consulted
  std::atomic<uint64_t> bloom_negatives{0};           // ... that ruled the key out

  static void Add(std::atomic<uint64_t>* c, uint64_t n) {
    if (n != 0) c->fetch_add(n, std::memory_order_relaxed);
  }
  static uint64_t Load(const std::atomic<uint64_t>& c) {
    return c.load(std::memory_order_relaxed);
  }
};

}  // namespace strata::storage
