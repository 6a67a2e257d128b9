// ThreadBlockCounters: the SSTable data blocks the calling thread has taken
// from the block cache (hits) and read from files (reads), since the thread
// started. TableReader bumps them; a caller that wants the blocks one
// operation touched -- the SQL layer's per-table statio figures
// (sql/table_stats.h) -- reads them before and after the operation.
//
// Thread-local plain integers: no atomics and no sharing, so counting costs
// one increment per block. Reads done by background threads (compaction,
// flush) land in those threads' counters, which nobody reads. Rows still in
// a memtable touch no block and count nothing.
#pragma once

#include <cstdint>

namespace strata::storage {

struct ThreadBlockCounters {
  uint64_t hits = 0;   // data blocks found in the block cache
  uint64_t reads = 0;  // data blocks read from an SSTable file
};

inline ThreadBlockCounters& CurrentThreadBlockCounters() {
  static thread_local ThreadBlockCounters counters;
  return counters;
}

}  // namespace strata::storage
