// ScanCounts publishing (see scan_counts.h).
#include "sql/executor/scan_counts.h"

#include "sql/system_relations/synthetic_oids.h"
#include "sql/table_stats.h"

namespace strata::sql {

void PublishSeqScanCounts(uint32_t table_oid, bool by_primary_key, const ScanCounts& c) noexcept {
  try {
    TableStats& stats = GlobalTableStats();
    if (by_primary_key) {
      IndexStatCounts i;
      i.idx_scan = c.scans;
      i.idx_tup_read = c.tuples;
      i.idx_tup_fetch = c.tuples;
      stats.AddScan(table_oid, 0, 0, c.blks_read, c.blks_hit, IndexOid(table_oid), i);
    } else {
      stats.AddTableScan(table_oid, c.scans, c.tuples, c.blks_read, c.blks_hit);
    }
  } catch (...) {  // NOLINT: statistics never fail a statement
  }
}

void PublishIndexScanCounts(uint32_t table_oid, uint32_t index_oid, const ScanCounts& c) noexcept {
  try {
    TableStats& stats = GlobalTableStats();
    IndexStatCounts i;
    i.idx_scan = c.scans;
    i.idx_tup_read = c.tuples;
    i.idx_tup_fetch = c.fetched;
    i.blks_read = c.blks_read;
    i.blks_hit = c.blks_hit;
    stats.AddScan(table_oid, 0, 0, c.heap_blks_read, c.heap_blks_hit, index_oid, i);
  } catch (...) {  // NOLINT: statistics never fail a statement
  }
}

}  // namespace strata::sql
