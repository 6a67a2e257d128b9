// TableStats (see table_stats.h): the registry and the per-transaction
// counts hooked to the transaction's end.
#include "sql/table_stats.h"

#include <algorithm>

#include "txn/transaction.h"

namespace strata::sql {

namespace {

bool IsZero(const IndexStatCounts& d) {
  return d.idx_scan == 0 && d.idx_tup_read == 0 && d.idx_tup_fetch == 0 && d.blks_read == 0 &&
         d.blks_hit == 0;
}

}  // namespace

void TableStats::AddTableScan(Oid table, int64_t seq_scans, int64_t seq_tup_read,
                              int64_t blks_read, int64_t blks_hit) {
  AddScan(table, seq_scans, seq_tup_read, blks_read, blks_hit, 0, IndexStatCounts{});
}

void TableStats::AddIndexScan(Oid index, const IndexStatCounts& d) {
  AddScan(0, 0, 0, 0, 0, index, d);
}

void TableStats::AddScan(Oid table, int64_t seq_scans, int64_t seq_tup_read, int64_t blks_read,
                         int64_t blks_hit, Oid index, const IndexStatCounts& d) {
  const bool table_part =
      table != 0 && (seq_scans != 0 || seq_tup_read != 0 || blks_read != 0 || blks_hit != 0);
  const bool index_part = index != 0 && !IsZero(d);
  if (!table_part && !index_part) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (table_part) {
    TableStatCounts& t = tables_[table];
    t.seq_scan += seq_scans;
    t.seq_tup_read += seq_tup_read;
    t.blks_read += blks_read;
    t.blks_hit += blks_hit;
  }
  if (index_part) {
    IndexStatCounts& i = indexes_[index];
    i.idx_scan += d.idx_scan;
    i.idx_tup_read += d.idx_tup_read;
    i.idx_tup_fetch += d.idx_tup_fetch;
    i.blks_read += d.blks_read;
    i.blks_hit += d.blks_hit;
  }
}

void TableStats::ApplyTransaction(const std::unordered_map<Oid, TxnTableCounts>& counts,
                                  bool committed) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [oid, c] : counts) {
    TableStatCounts& t = tables_[oid];
    if (committed && c.truncated) {
      t.live_tup = 0;
      t.dead_tup = 0;
      t.ins_since_vacuum = 0;
    }
    t.tup_ins += c.inserted;
    t.tup_upd += c.updated;
    t.tup_del += c.deleted;
    t.ins_since_vacuum += c.inserted;
    if (committed) {
      t.live_tup = std::max<int64_t>(0, t.live_tup + c.inserted - c.deleted);
      t.dead_tup += c.updated + c.deleted;
      t.mod_since_analyze += c.inserted + c.updated + c.deleted;
    } else {
      t.dead_tup += c.inserted + c.updated;
    }
  }
}

void TableStats::ReportVacuum(Oid table, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  TableStatCounts& t = tables_[table];
  t.dead_tup = 0;
  t.ins_since_vacuum = 0;
  t.last_vacuum = now;
  ++t.vacuum_count;
}

void TableStats::ReportAnalyze(Oid table, int64_t live_rows, bool autoanalyze, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  TableStatCounts& t = tables_[table];
  t.live_tup = live_rows;
  t.mod_since_analyze = 0;
  if (autoanalyze) {
    t.last_autoanalyze = now;
    ++t.autoanalyze_count;
  } else {
    t.last_analyze = now;
    ++t.analyze_count;
  }
}

std::optional<TableStatCounts> TableStats::Table(Oid table) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = tables_.find(table);
  if (it == tables_.end()) return std::nullopt;
  return it->second;
}

std::optional<IndexStatCounts> TableStats::Index(Oid index) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = indexes_.find(index);
  if (it == indexes_.end()) return std::nullopt;
  return it->second;
}

void TableStats::ResetAll() {
  std::lock_guard<std::mutex> lock(mu_);
  tables_.clear();
  indexes_.clear();
}

void TableStats::ResetOne(Oid oid) {
  std::lock_guard<std::mutex> lock(mu_);
  tables_.erase(oid);
  indexes_.erase(oid);
}

TableStats::Contents TableStats::Export() const {
  std::lock_guard<std::mutex> lock(mu_);
  return Contents{tables_, indexes_};
}

void TableStats::Import(Contents contents) {
  std::lock_guard<std::mutex> lock(mu_);
  tables_ = std::move(contents.tables);
  indexes_ = std::move(contents.indexes);
}

TableStats& GlobalTableStats() {
  static TableStats* stats = new TableStats();  // never destroyed: used at exit
  return *stats;
}

namespace {

// The row writes of transactions still running, by transaction id. Entries
// are made by a transaction's first counted statement and removed by its
// on_finish hook.
struct PendingWrites {
  std::mutex mu;
  std::unordered_map<uint64_t, std::unordered_map<Oid, TxnTableCounts>> by_txn;
};

PendingWrites& Pending() {
  static PendingWrites* pending = new PendingWrites();
  return *pending;
}

}  // namespace

void CountTableWrites(txn::Transaction* txn, Oid table, const TxnTableCounts& delta) {
  if (txn == nullptr) return;
  if (delta.inserted == 0 && delta.updated == 0 && delta.deleted == 0 && !delta.truncated) return;
  PendingWrites& p = Pending();
  const uint64_t id = txn->id();
  bool hook = false;
  {
    std::lock_guard<std::mutex> lock(p.mu);
    auto [it, inserted] = p.by_txn.try_emplace(id);
    hook = inserted;
    TxnTableCounts& c = it->second[table];
    c.inserted += delta.inserted;
    c.updated += delta.updated;
    c.deleted += delta.deleted;
    c.truncated = c.truncated || delta.truncated;
  }
  if (hook) {
    txn->set_on_finish([id](bool committed) {
      std::unordered_map<Oid, TxnTableCounts> counts;
      {
        PendingWrites& pw = Pending();
        std::lock_guard<std::mutex> lock(pw.mu);
        auto it = pw.by_txn.find(id);
        if (it == pw.by_txn.end()) return;
        counts = std::move(it->second);
        pw.by_txn.erase(it);
      }
      GlobalTableStats().ApplyTransaction(counts, committed);
    });
  }
}

}  // namespace strata::sql
