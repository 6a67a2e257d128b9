// ThreadBlockCounters: the SSTable data blocks the calling thread has taken
// from the block cache (hits) and read from files (reads), since the thread
// started. TableReader bumps them; a caller that wants the blocks one
// operation touched -- the SQL layer's per-table statio figures
// (sql/table_stats.h) -- reads them before and after the operation.
//
// Thread-local plain integers: no atomics and no sharing, so counting costs
// one increment per block (EXPLAIN (ANALYZE, BUFFERS) reads the four figures
// around each plan node's calls). Reads done by background threads (compaction,
// flush) land in those threads' counters, which nobody reads. Rows still in
// a memtable touch no block and count nothing.
#pragma once

#include <cstdint>

namespace strata::storage {

struct ThreadBlockCounters {
  uint64_t hits = 0;   // data blocks found in the block cache
  uint64_t reads = 0;  // data blocks read from an SSTable file
  // SSTables consulted: an iterator opened over one, or a point read
  // that looked into one (its Bloom filter included).
  uint64_t tables = 0;
  // Point reads (Engine::Get) a table's Bloom filter answered "absent"
  // for, so the table's index and data blocks were never looked at.
  uint64_t bloom_skips = 0;
};

inline ThreadBlockCounters& CurrentThreadBlockCounters() {
  static thread_local ThreadBlockCounters counters;
  return counters;
}

}  // namespace strata::storage
