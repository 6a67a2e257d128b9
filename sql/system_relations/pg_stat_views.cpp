// Statistics views over the server's counters (sql/stat_counters.h) and the
// storage engine's figures:
//   pg_stat_database  PostgreSQL 15's columns, one row (our one database);
//                     what we do not count is 0 / NULL as on a fresh
//                     PostgreSQL (blks_read = block-cache misses, blks_hit =
//                     hits, tup_returned = rows returned to clients)
//   pg_stat_lsm       ours: one row per tree and level of the LSM engine
//                     (files, bytes), with the tree's memtable and pending
//                     compaction bytes and, repeated on each of its rows,
//                     the tree's work since the engine opened: bytes written
//                     by users / flushes / compactions, write amplification,
//                     stalls (stall_time in ms), block-cache misses/hits of
//                     its reads and Bloom filter checks/negatives, with the
//                     hit ratios (NULL before any); relid is the table's OID
//                     for table trees ("rel_<oid>_<n>"), NULL for the
//                     catalog tree.
//   pg_stat_statements per normalised query (sql/stat_statements.h): the
//                     extension's most-read columns; the view is always there
//                     (no CREATE EXTENSION), in pg_catalog.
#include <algorithm>
#include <cmath>
#include <string>

#include "sql/backend_status.h"
#include "sql/database.h"
#include "sql/stat_counters.h"
#include "sql/stat_statements.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/system_values.h"
#include "storage/engine.h"

namespace strata::sql {

namespace {

using namespace sysrel;  // NOLINT: the column-type and value helpers

constexpr Oid kFloat8 = type_oid::kFloat8;

std::vector<Row> PgStatDatabaseRows(const CommandContext& ctx) {
  const StatCounters& c = GlobalStatCounters();
  storage::EngineStats e;
  if (ctx.db != nullptr && ctx.db->engine() != nullptr) e = ctx.db->engine()->GetStats();
  const auto n = [](uint64_t v) { return Int8V(static_cast<int64_t>(v)); };
  // One row, the session's database: the counters are the server's.
  Row r = {OidV(CurrentDatabaseOid()),
           NameV(CurrentDatabaseName()),
           Int4V(static_cast<int64_t>(ListBackendActivity().size())),
           n(c.xact_commit.load()),
           n(c.xact_rollback.load()),
           n(e.block_cache_misses),
           n(e.block_cache_hits),
           n(c.rows_returned.load()),
           n(c.rows_returned.load()),  // tup_fetched
           n(c.rows_inserted.load()),
           n(c.rows_updated.load()),
           n(c.rows_deleted.load()),
           Int8V(0),  // conflicts
           Int8V(0),  // temp_files
           Int8V(0),  // temp_bytes
           Int8V(0),  // deadlocks
           NullV(kInt8),  // checksum_failures: NULL while data checksums are off
           NullV(kTimestampTz),
           Value::Float8(0),  // blk_read_time
           Value::Float8(0),  // blk_write_time
           Value::Float8(0),  // session_time
           Value::Float8(0),  // active_time
           Value::Float8(0),  // idle_in_transaction_time
           n(c.connections_total.load()),
           Int8V(0),  // sessions_abandoned
           Int8V(0),  // sessions_fatal
           Int8V(0),  // sessions_killed
           NullV(kTimestampTz)};
  return {std::move(r)};
}

std::vector<Row> PgStatLsmRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  if (ctx.db == nullptr || ctx.db->engine() == nullptr) return rows;
  for (const storage::TreeStats& t : ctx.db->engine()->GetStats().trees) {
    Value relid = NullV(kOid);
    if (t.name.rfind("rel_", 0) == 0) {
      const size_t end = t.name.find('_', 4);
      try {
        relid = OidV(static_cast<Oid>(std::stoul(t.name.substr(4, end - 4))));
      } catch (const std::exception&) {
      }
    }
    const auto n = [](uint64_t v) { return Int8V(static_cast<int64_t>(v)); };
    const auto ratio = [](uint64_t part, uint64_t whole) {
      return whole == 0 ? NullV(kFloat8)
                        : Value::Float8(static_cast<double>(part) / static_cast<double>(whole));
    };
    for (const storage::LevelStats& l : t.levels) {
      rows.push_back({Int8V(t.id), TextV(t.name), relid, Int4V(l.level), Int8V(l.files),
                      n(l.bytes), n(t.memtable_bytes), n(t.pending_compaction_bytes),
                      n(t.user_bytes_written), n(t.flush_bytes_written),
                      n(t.compaction_bytes_written), n(t.compaction_bytes_read),
                      Value::Float8(t.write_amplification), n(t.stalls),
                      Value::Float8(static_cast<double>(t.stall_micros) / 1000.0),
                      n(t.block_cache_misses), n(t.block_cache_hits),
                      ratio(t.block_cache_hits, t.block_cache_hits + t.block_cache_misses),
                      n(t.bloom_checks), n(t.bloom_negatives),
                      ratio(t.bloom_negatives, t.bloom_checks)});
    }
  }
  return rows;
}

std::vector<Row> PgStatStatementsRows(const CommandContext&) {
  std::vector<Row> rows;
  for (const StatStatementsEntry& e : StatStatementsSnapshot()) {
    const double mean = e.calls == 0 ? 0 : e.total_ms / static_cast<double>(e.calls);
    const double var = e.calls == 0 ? 0
                                    : std::max(0.0, e.sum_sq_ms / static_cast<double>(e.calls) -
                                                        mean * mean);
    rows.push_back({OidV(10), OidV(CurrentDatabaseOid()), BoolV(true),
                    Int8V(static_cast<int64_t>(e.queryid)), TextV(e.query),
                    Int8V(static_cast<int64_t>(e.calls)), Value::Float8(e.total_ms),
                    Value::Float8(e.min_ms), Value::Float8(e.max_ms), Value::Float8(mean),
                    Value::Float8(std::sqrt(var)), Int8V(static_cast<int64_t>(e.rows))});
  }
  return rows;
}

const SystemRelation kStatRelations[] = {
    {12266, "pg_catalog", "pg_stat_database", 'v',
     {{"datid", kOid}, {"datname", kName}, {"numbackends", kInt4}, {"xact_commit", kInt8},
      {"xact_rollback", kInt8}, {"blks_read", kInt8}, {"blks_hit", kInt8},
      {"tup_returned", kInt8}, {"tup_fetched", kInt8}, {"tup_inserted", kInt8},
      {"tup_updated", kInt8}, {"tup_deleted", kInt8}, {"conflicts", kInt8},
      {"temp_files", kInt8}, {"temp_bytes", kInt8}, {"deadlocks", kInt8},
      {"checksum_failures", kInt8}, {"checksum_last_failure", kTimestampTz},
      {"blk_read_time", kFloat8}, {"blk_write_time", kFloat8}, {"session_time", kFloat8},
      {"active_time", kFloat8}, {"idle_in_transaction_time", kFloat8}, {"sessions", kInt8},
      {"sessions_abandoned", kInt8}, {"sessions_fatal", kInt8}, {"sessions_killed", kInt8},
      {"stats_reset", kTimestampTz}},
     PgStatDatabaseRows},
    // Ours; an OID below FirstNormalObjectId (16384) that PostgreSQL 15 does not use.
    {12999, "pg_catalog", "pg_stat_lsm", 'v',
     {{"tree_id", kInt8}, {"tree_name", kText}, {"relid", kOid}, {"level", kInt4},
      {"files", kInt8}, {"bytes", kInt8}, {"memtable_bytes", kInt8},
      {"pending_compaction_bytes", kInt8}, {"user_bytes_written", kInt8},
      {"flush_bytes_written", kInt8}, {"compaction_bytes_written", kInt8},
      {"compaction_bytes_read", kInt8}, {"write_amplification", kFloat8}, {"stalls", kInt8},
      {"stall_time", kFloat8}, {"blks_read", kInt8}, {"blks_hit", kInt8},
      {"blks_hit_ratio", kFloat8}, {"bloom_checks", kInt8}, {"bloom_negatives", kInt8},
      {"bloom_negative_ratio", kFloat8}},
     PgStatLsmRows},
    {12998, "pg_catalog", "pg_stat_statements", 'v',
     {{"userid", kOid}, {"dbid", kOid}, {"toplevel", kBool}, {"queryid", kInt8},
      {"query", kText}, {"calls", kInt8}, {"total_exec_time", kFloat8},
      {"min_exec_time", kFloat8}, {"max_exec_time", kFloat8}, {"mean_exec_time", kFloat8},
      {"stddev_exec_time", kFloat8}, {"rows", kInt8}},
     PgStatStatementsRows},
};

}  // namespace

std::span<const SystemRelation> PgStatRelations() { return kStatRelations; }

}  // namespace strata::sql
