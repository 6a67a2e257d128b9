// ScanCounts: what one scan node (SeqScan, IndexScan) counts for the
// statistics views (sql/table_stats.h) -- scans started, rows returned and
// the SSTable blocks its reads touched -- in plain members, published once
// by the node's destructor: no shared state is touched per row.
#pragma once

#include <cstdint>

#include "storage/sstable/thread_block_counters.h"

namespace strata::sql {

struct ScanCounts {
  int64_t scans = 0;
  int64_t tuples = 0;     // rows (SeqScan) or index entries (IndexScan) read
  int64_t fetched = 0;    // IndexScan: table rows fetched through the entries
  int64_t blks_read = 0;  // blocks of the scanned tree (the index's, for IndexScan)
  int64_t blks_hit = 0;
  int64_t heap_blks_read = 0;  // IndexScan: blocks of the table tree
  int64_t heap_blks_hit = 0;

  static storage::ThreadBlockCounters Now() { return storage::CurrentThreadBlockCounters(); }
  // The blocks this thread touched since `before`, as the scanned tree's.
  void AddBlocksSince(const storage::ThreadBlockCounters& before) {
    const storage::ThreadBlockCounters& now = storage::CurrentThreadBlockCounters();
    blks_read += static_cast<int64_t>(now.reads - before.reads);
    blks_hit += static_cast<int64_t>(now.hits - before.hits);
  }
  void AddHeapBlocksSince(const storage::ThreadBlockCounters& before) {
    const storage::ThreadBlockCounters& now = storage::CurrentThreadBlockCounters();
    heap_blks_read += static_cast<int64_t>(now.reads - before.reads);
    heap_blks_hit += static_cast<int64_t>(now.hits - before.hits);
  }
};

// SeqScan over `table`'s tree: a full scan counts as a sequential scan; a
// scan bounded on the primary key (`by_primary_key`) as an index scan of
// the primary key's index, as PostgreSQL would run it.
void PublishSeqScanCounts(uint32_t table_oid, bool by_primary_key, const ScanCounts& c) noexcept;
// IndexScan of index `index_oid` over table `table_oid`.
void PublishIndexScanCounts(uint32_t table_oid, uint32_t index_oid, const ScanCounts& c) noexcept;

}  // namespace strata::sql
