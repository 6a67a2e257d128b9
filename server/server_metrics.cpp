// Server counters and their Prometheus rendering (see server_metrics.h).
#include "server/server_metrics.h"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "sql/backend_status.h"
#include "catalog/catalog.h"
#include "sql/database.h"
#include "sql/system_relations/synthetic_oids.h"
#include "sql/table_stats.h"
#include "storage/engine.h"

namespace strata::server {

namespace {

// Prometheus label values escape \, " and newlines.
std::string Label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Family(std::string* out, const char* name, const char* type, const char* help) {
  *out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

// Per-table series: the counters of pg_stat_user_tables and
// pg_statio_user_tables (sql/table_stats.h), labelled with the table's
// qualified name and OID. Tables that have counted nothing yet are left out.
void RenderTableMetrics(sql::Database* database, std::string* out) {
  if (database->catalog() == nullptr) return;
  const std::shared_ptr<const catalog::CatalogSnapshot> snapshot = database->catalog()->Current();
  const sql::TableStats& stats = sql::GlobalTableStats();
  struct Entry {
    std::string labels;
    sql::TableStatCounts c;
    int64_t idx_scan = 0;
  };
  std::vector<Entry> entries;
  for (const auto& [oid, t] : snapshot->tables()) {
    std::optional<sql::TableStatCounts> c = stats.Table(oid);
    if (!c.has_value()) continue;
    const catalog::NamespaceDesc* ns = snapshot->FindNamespace(t->namespace_oid);
    Entry e;
    e.labels = fmt::format("table=\"{}.{}\",relid=\"{}\"", Label(ns != nullptr ? ns->name : ""),
                           Label(t->name), oid);
    e.c = *c;
    std::vector<catalog::Oid> indexes;
    if (!t->primary_key.empty()) indexes.push_back(sql::IndexOid(oid));
    for (const catalog::IndexDesc& ix : t->indexes) indexes.push_back(ix.oid);
    for (catalog::Oid ix : indexes) {
      if (auto i = stats.Index(ix)) e.idx_scan += i->idx_scan;
    }
    entries.push_back(std::move(e));
  }
  auto family = [&](const char* name, const char* type, const char* help, auto value) {
    Family(out, name, type, help);
    for (const Entry& e : entries) *out += fmt::format("{}{{{}}} {}\n", name, e.labels, value(e));
  };
  family("strata_table_seq_scan_total", "counter", "Sequential scans per table.",
         [](const Entry& e) { return e.c.seq_scan; });
  family("strata_table_seq_tup_read_total", "counter", "Rows read by sequential scans.",
         [](const Entry& e) { return e.c.seq_tup_read; });
  family("strata_table_idx_scan_total", "counter", "Index scans of the table's indexes.",
         [](const Entry& e) { return e.idx_scan; });
  family("strata_table_rows_inserted_total", "counter", "Rows inserted (n_tup_ins).",
         [](const Entry& e) { return e.c.tup_ins; });
  family("strata_table_rows_updated_total", "counter", "Rows updated (n_tup_upd).",
         [](const Entry& e) { return e.c.tup_upd; });
  family("strata_table_rows_deleted_total", "counter", "Rows deleted (n_tup_del).",
         [](const Entry& e) { return e.c.tup_del; });
  family("strata_table_live_rows", "gauge", "Live rows (n_live_tup).",
         [](const Entry& e) { return e.c.live_tup; });
  family("strata_table_dead_rows", "gauge", "Dead row versions (n_dead_tup).",
         [](const Entry& e) { return e.c.dead_tup; });
  family("strata_table_blocks_read_total", "counter",
         "Table-tree SSTable blocks read from files (heap_blks_read).",
         [](const Entry& e) { return e.c.blks_read; });
  family("strata_table_blocks_hit_total", "counter",
         "Table-tree SSTable blocks found in the block cache (heap_blks_hit).",
         [](const Entry& e) { return e.c.blks_hit; });
}

// Per-tree work counters (storage::TreeStats), one series per tree.
void RenderTreeCounters(const storage::EngineStats& e, std::string* out) {
  auto family = [&](const char* name, const char* type, const char* help, auto value) {
    Family(out, name, type, help);
    for (const storage::TreeStats& t : e.trees)
      *out += fmt::format("{}{{tree=\"{}\"}} {}\n", name, Label(t.name), value(t));
  };
  using T = storage::TreeStats;
  family("strata_lsm_user_bytes_written_total", "counter",
         "Key and value bytes written to the tree.",
         [](const T& t) { return t.user_bytes_written; });
  family("strata_lsm_flush_bytes_written_total", "counter",
         "Bytes written by the tree's memtable flushes.",
         [](const T& t) { return t.flush_bytes_written; });
  family("strata_lsm_compaction_bytes_written_total", "counter",
         "Bytes written by the tree's compactions.",
         [](const T& t) { return t.compaction_bytes_written; });
  family("strata_lsm_compaction_bytes_read_total", "counter",
         "Bytes read by the tree's compactions.",
         [](const T& t) { return t.compaction_bytes_read; });
  family("strata_lsm_write_amplification", "gauge",
         "(Flush + compaction bytes written) / user bytes written, per tree.",
         [](const T& t) { return t.write_amplification; });
  family("strata_lsm_write_stalls_total", "counter", "Writes stopped because of the tree.",
         [](const T& t) { return t.stalls; });
  family("strata_lsm_write_stall_seconds_total", "counter",
         "Time writes were stopped because of the tree.",
         [](const T& t) { return static_cast<double>(t.stall_micros) / 1e6; });
  family("strata_lsm_block_cache_hits_total", "counter",
         "Data blocks of the tree's reads found in the block cache.",
         [](const T& t) { return t.block_cache_hits; });
  family("strata_lsm_block_cache_misses_total", "counter",
         "Data blocks of the tree's reads read from SSTable files.",
         [](const T& t) { return t.block_cache_misses; });
  family("strata_lsm_bloom_filter_checks_total", "counter",
         "Bloom filters of the tree's SSTables consulted by point reads.",
         [](const T& t) { return t.bloom_checks; });
  family("strata_lsm_bloom_filter_negatives_total", "counter",
         "Bloom filter checks that ruled the key out (an SSTable read saved).",
         [](const T& t) { return t.bloom_negatives; });
}

}  // namespace

std::string RenderPrometheusMetrics(sql::Database* database) {
  ServerMetrics& m = Metrics();
  std::string out;
  auto counter = [&](const char* name, const char* help, uint64_t v) {
    Family(&out, name, "counter", help);
    out += fmt::format("{} {}\n", name, v);
  };
  auto gauge = [&](const char* name, const char* help, double v) {
    Family(&out, name, "gauge", help);
    out += fmt::format("{} {}\n", name, v);
  };

  // Sessions by state, as pg_stat_activity shows them.
  std::map<std::string, int> states = {{"active", 0}, {"idle", 0}, {"idle in transaction", 0},
                                       {"idle in transaction (aborted)", 0}};
  for (const sql::BackendActivity& a : sql::ListBackendActivity()) {
    ++states[a.state.empty() ? "starting" : a.state];
  }
  Family(&out, "strata_connections", "gauge", "Client sessions by pg_stat_activity state.");
  for (const auto& [state, n] : states) {
    out += fmt::format("strata_connections{{state=\"{}\"}} {}\n", Label(state), n);
  }
  counter("strata_connections_total", "Client sessions started.", m.connections_total.load());
  counter("strata_xact_commit_total", "Transactions committed.", m.xact_commit.load());
  counter("strata_xact_rollback_total", "Transactions rolled back.", m.xact_rollback.load());
  counter("strata_statements_total", "Statements (simple-protocol queries) run.",
          m.statements_total.load());
  counter("strata_statement_errors_total", "Statements that ended in an error.",
          m.statement_errors_total.load());
  Family(&out, "strata_statement_duration_seconds", "histogram",
         "Statement latency, from receipt to completion.");
  uint64_t cumulative = 0;
  for (size_t i = 0; i < ServerMetrics::kLatencyBuckets.size(); ++i) {
    cumulative += m.latency_buckets[i].load();
    out += fmt::format("strata_statement_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                       ServerMetrics::kLatencyBuckets[i], cumulative);
  }
  const uint64_t count = m.statements_total.load();
  out += fmt::format("strata_statement_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", count);
  out += fmt::format("strata_statement_duration_seconds_sum {}\n",
                     static_cast<double>(m.latency_micros_sum.load()) / 1e6);
  out += fmt::format("strata_statement_duration_seconds_count {}\n", count);
  counter("strata_rows_returned_total", "Rows returned to clients.", m.rows_returned.load());
  counter("strata_rows_inserted_total", "Rows inserted (INSERT, COPY FROM).",
          m.rows_inserted.load());
  counter("strata_rows_updated_total", "Rows updated.", m.rows_updated.load());
  counter("strata_rows_deleted_total", "Rows deleted.", m.rows_deleted.load());

  if (database == nullptr || database->engine() == nullptr) return out;
  const storage::EngineStats e = database->engine()->GetStats();
  counter("strata_wal_bytes_total", "Bytes written to the write-ahead log.", e.wal_bytes_written);
  counter("strata_wal_fsyncs_total", "fdatasync calls on the write-ahead log.", e.wal_syncs);
  counter("strata_group_commit_batches_total",
          "Group-commit leader writes (one WAL write for a batch of committers).",
          e.write_groups);
  // Commits per group (one WAL write, one fdatasync when any member syncs).
  Family(&out, "strata_group_commit_batch_size", "histogram",
         "Commits (write batches) per group-commit WAL write.");
  uint64_t groups = 0;
  for (size_t i = 0; i < storage::kCommitGroupSizeBounds.size(); ++i) {
    groups += e.commit_group_sizes[i];
    out += fmt::format("strata_group_commit_batch_size_bucket{{le=\"{}\"}} {}\n",
                       storage::kCommitGroupSizeBounds[i], groups);
  }
  out += fmt::format("strata_group_commit_batch_size_bucket{{le=\"+Inf\"}} {}\n", e.write_groups);
  out += fmt::format("strata_group_commit_batch_size_sum {}\n", e.write_batches);
  out += fmt::format("strata_group_commit_batch_size_count {}\n", e.write_groups);
  counter("strata_user_bytes_written_total", "Key and value bytes handed to the engine.",
          e.user_bytes_written);
  counter("strata_flush_bytes_written_total", "Bytes written by memtable flushes.",
          e.flush_bytes_written);
  counter("strata_compaction_bytes_written_total", "Bytes written by compactions.",
          e.compaction_bytes_written);
  counter("strata_compaction_bytes_read_total", "Bytes read by compactions.",
          e.compaction_bytes_read);
  gauge("strata_write_amplification",
        "(WAL + flush + compaction bytes written) / user bytes written.", e.write_amplification);
  counter("strata_flushes_total", "Memtable flushes.", e.flushes);
  counter("strata_compactions_total", "Compactions.", e.compactions);
  auto seconds = [&](const char* name, const char* help, uint64_t micros) {
    Family(&out, name, "counter", help);
    out += fmt::format("{} {}\n", name, static_cast<double>(micros) / 1e6);
  };
  seconds("strata_write_stall_seconds_total", "Time writers were stopped (too many L0 files).",
          e.stall_micros);
  seconds("strata_write_slowdown_seconds_total", "Time writers were slowed down.",
          e.slowdown_micros);
  counter("strata_block_cache_hits_total", "Block cache hits.", e.block_cache_hits);
  counter("strata_block_cache_misses_total", "Block cache misses.", e.block_cache_misses);
  counter("strata_bloom_filter_useful_total", "SSTable reads a Bloom filter saved.",
          e.bloom_useful);
  counter("strata_bloom_filter_checks_total", "Bloom filters consulted by point reads.",
          e.bloom_checks);
  gauge("strata_last_sequence", "The engine's last sequence number.",
        static_cast<double>(e.last_sequence));

  Family(&out, "strata_lsm_level_files", "gauge", "SSTables per tree and level.");
  for (const auto& t : e.trees) {
    for (const auto& l : t.levels) {
      out += fmt::format("strata_lsm_level_files{{tree=\"{}\",level=\"{}\"}} {}\n", Label(t.name),
                         l.level, l.files);
    }
  }
  Family(&out, "strata_lsm_level_bytes", "gauge", "SSTable bytes per tree and level.");
  for (const auto& t : e.trees) {
    for (const auto& l : t.levels) {
      out += fmt::format("strata_lsm_level_bytes{{tree=\"{}\",level=\"{}\"}} {}\n", Label(t.name),
                         l.level, l.bytes);
    }
  }
  Family(&out, "strata_lsm_pending_compaction_bytes", "gauge",
         "Bytes compaction still has to rewrite, per tree.");
  for (const auto& t : e.trees) {
    out += fmt::format("strata_lsm_pending_compaction_bytes{{tree=\"{}\"}} {}\n", Label(t.name),
                       t.pending_compaction_bytes);
  }
  Family(&out, "strata_lsm_memtable_bytes", "gauge", "Memtable bytes per tree.");
  for (const auto& t : e.trees) {
    out += fmt::format("strata_lsm_memtable_bytes{{tree=\"{}\"}} {}\n", Label(t.name),
                       t.memtable_bytes);
  }
  RenderTreeCounters(e, &out);
  RenderTableMetrics(database, &out);
  return out;
}

}  // namespace strata::server
