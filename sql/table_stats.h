// TableStats: the per-table and per-index activity counters behind
// pg_stat_*_tables, pg_stat_*_indexes and pg_statio_* (PostgreSQL's
// cumulative statistics, pgstat_relation.c, reduced to what we count).
//
// One process-wide registry keyed by OID (GlobalTableStats()). Nothing
// counts into it per row: scan nodes and TableWriter count in plain members
// and publish once when they are destroyed (at the end of their statement);
// row writes collect in the transaction's TxnTableStats, which is applied
// when the transaction ends (txn::Transaction::set_on_finish). So the
// registry's mutex is taken a few times per statement, never per row.
//
// PostgreSQL's rules at transaction end, which Apply follows:
//   always:       n_tup_ins/upd/del += the transaction's counts,
//                 n_ins_since_vacuum += inserted
//   committed:    n_live_tup += inserted - deleted,
//                 n_dead_tup += updated + deleted,
//                 n_mod_since_analyze += inserted + updated + deleted
//   rolled back:  n_dead_tup += inserted + updated (its new row versions)
// TRUNCATE (committed) sets n_live_tup, n_dead_tup and n_ins_since_vacuum
// to 0 before the transaction's counts apply. Rows written in a savepoint that is rolled
// back count as if the transaction kept them (we do not track
// subtransactions here).
//
// VACUUM: n_dead_tup = 0, n_ins_since_vacuum = 0, last_vacuum, vacuum_count.
// ANALYZE: n_mod_since_analyze = 0, last_analyze (or last_autoanalyze),
// analyze_count (autoanalyze_count); n_live_tup = the rows it counted.
//
// The counters live in memory; like PostgreSQL's, they are kept across a
// clean shutdown (written at shutdown, read back at startup:
// sql/saved_statistics.h) and start at zero after a crash. pg_stat_reset()
// clears them. Thread safety: every function may be called concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "catalog/builtin_types.h"

namespace strata::txn {
class Transaction;
}

namespace strata::sql {

using Oid = catalog::Oid;

struct TableStatCounts {
  int64_t seq_scan = 0;
  int64_t seq_tup_read = 0;
  int64_t tup_ins = 0;
  int64_t tup_upd = 0;
  int64_t tup_del = 0;
  int64_t live_tup = 0;
  int64_t dead_tup = 0;
  int64_t mod_since_analyze = 0;
  int64_t ins_since_vacuum = 0;
  int64_t blks_read = 0;  // the table tree's SSTable blocks read from files
  int64_t blks_hit = 0;   // ... found in the block cache
  int64_t last_vacuum = 0;  // PostgreSQL timestamps (microseconds); 0 = never
  int64_t last_analyze = 0;
  int64_t last_autoanalyze = 0;
  int64_t vacuum_count = 0;
  int64_t analyze_count = 0;
  int64_t autoanalyze_count = 0;
};

struct IndexStatCounts {
  int64_t idx_scan = 0;
  int64_t idx_tup_read = 0;   // index entries returned by its scans
  int64_t idx_tup_fetch = 0;  // table rows fetched through them
  int64_t blks_read = 0;
  int64_t blks_hit = 0;
};

// The row writes of one transaction, per table.
struct TxnTableCounts {
  int64_t inserted = 0;
  int64_t updated = 0;
  int64_t deleted = 0;
  bool truncated = false;
};

class TableStats {
 public:
  // Scan and block figures of a finished scan node (no-op when all zero).
  void AddTableScan(Oid table, int64_t seq_scans, int64_t seq_tup_read, int64_t blks_read,
                    int64_t blks_hit);
  void AddIndexScan(Oid index, const IndexStatCounts& delta);
  // Both of the above under one lock: an index scan's index figures and the
  // table-tree blocks it read (index 0: none).
  void AddScan(Oid table, int64_t seq_scans, int64_t seq_tup_read, int64_t blks_read,
               int64_t blks_hit, Oid index, const IndexStatCounts& index_delta);
  // One transaction's row writes, at its end (see the header comment).
  void ApplyTransaction(const std::unordered_map<Oid, TxnTableCounts>& counts, bool committed);
  void ReportVacuum(Oid table, int64_t now);
  void ReportAnalyze(Oid table, int64_t live_rows, bool autoanalyze, int64_t now);

  std::optional<TableStatCounts> Table(Oid table) const;
  std::optional<IndexStatCounts> Index(Oid index) const;

  // pg_stat_reset(): every counter. pg_stat_reset_single_table_counters:
  // one table's or one index's (by OID).
  void ResetAll();
  void ResetOne(Oid oid);

  // Every counter, for the statistics file kept across a clean shutdown
  // (sql/saved_statistics.h). Import replaces everything.
  struct Contents {
    std::unordered_map<Oid, TableStatCounts> tables;
    std::unordered_map<Oid, IndexStatCounts> indexes;
  };
  Contents Export() const;
  void Import(Contents contents);

 private:
  mutable std::mutex mu_;
  std::unordered_map<Oid, TableStatCounts> tables_;
  std::unordered_map<Oid, IndexStatCounts> indexes_;
};

TableStats& GlobalTableStats();

// Counts `table`'s row writes in `txn`'s per-transaction counts; they are
// applied to GlobalTableStats() when `txn` ends. Called once per statement
// (TableWriter's destructor), not per row.
void CountTableWrites(txn::Transaction* txn, Oid table, const TxnTableCounts& delta);

}  // namespace strata::sql
