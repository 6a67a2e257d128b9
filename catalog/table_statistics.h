// Table statistics written by ANALYZE (PostgreSQL's pg_statistic and
// pg_class.reltuples): per-column null fraction, average width, distinct
// count, most-common values with their frequencies and histogram bounds, and
// the table's estimated row count. Read by pg_stats and, later, the planner.
//
// Persistence: one record per table in the catalog's tree 0, written through
// a txn::Transaction (so ANALYZE's result commits atomically), under its own
// key prefix -- not in the table record, which DDL rewrites:
//
//   0x90 <table oid:u32 BE> -> statistics record
//
//   statistics := version:u8 reltuples:f64 sample_rows:v64 ncolumns:v32 column*
//   column     := attnum:v32 null_frac:f64 avg_width:v32 n_distinct:f64
//                 nmcv:v32 (value:lpstr freq:f64)* nhist:v32 bound:lpstr*
//                 [version 2: has_correlation:u8 (correlation:f64 if 1)]
//
// Version 1 records (written before correlation existed) still decode, with
// no correlation; new records are always version 2.
//
// f64 is the IEEE-754 bit pattern as fixed64 (little endian). Values (MCVs,
// histogram bounds) are kept in their type's text output form: the catalog
// knows no SQL types, and pg_stats shows them as text (anyarray) anyway.
// n_distinct follows pg_statistic.stadistinct: > 0 an absolute count, < 0
// minus a fraction of the row count (-1: every row distinct), 0 unknown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_objects.h"
#include "common/result.h"
#include "txn/transaction.h"

namespace strata::catalog {

// Key prefix of statistics records in tree 0 (written to disk: never renumber).
inline constexpr uint8_t kStatisticsKeyPrefix = 0x90;
inline constexpr uint8_t kStatisticsRecordVersion = 2;

struct ColumnStatistics {
  int attnum = 0;
  double null_frac = 0;
  int32_t avg_width = 0;
  double n_distinct = 0;
  std::vector<std::string> most_common_vals;  // text output form, most frequent first
  std::vector<double> most_common_freqs;      // same length as most_common_vals
  std::vector<std::string> histogram_bounds;  // ascending, text output form
  // Correlation between the rows' physical (key) order and the column's
  // value order, -1..1; none for a column with fewer than two non-NULL
  // sampled values, an unordered type, or a version 1 record.
  std::optional<double> correlation;

  friend bool operator==(const ColumnStatistics&, const ColumnStatistics&) = default;
};

struct TableStatistics {
  Oid table = 0;
  double reltuples = 0;      // estimated live rows
  uint64_t sample_rows = 0;  // rows the column statistics were computed from
  std::vector<ColumnStatistics> columns;  // in attnum order; only analyzed columns

  friend bool operator==(const TableStatistics&, const TableStatistics&) = default;
};

std::string TableStatisticsKey(Oid table);
std::string EncodeTableStatistics(const TableStatistics& stats);
// nullopt for malformed bytes or an unknown version; `table` comes from the key.
std::optional<TableStatistics> DecodeTableStatistics(Oid table, std::string_view bytes);

// `scope` is the table's database's key scope (Catalog::key_scope()).
// Writes (replaces) the table's statistics in `txn`.
void PutTableStatistics(txn::Transaction* txn, std::string_view scope,
                        const TableStatistics& stats);
// Removes them (DROP TABLE).
void DeleteTableStatistics(txn::Transaction* txn, std::string_view scope, Oid table);
// The statistics `txn` sees; nullopt if the table was never analyzed.
[[nodiscard]] Result<std::optional<TableStatistics>> ReadTableStatistics(txn::Transaction* txn,
                                                                         std::string_view scope,
                                                                         Oid table);

}  // namespace strata::catalog
