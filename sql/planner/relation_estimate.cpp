// RelationEstimate (see relation_estimate.h).
#include "sql/planner/relation_estimate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/system_relations/system_values.h"
#include "sql/table_stats.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

constexpr double kPageBytes = 8192;
constexpr double kPageHeader = 24;      // SizeOfPageHeaderData
constexpr double kLinePointer = 4;      // sizeof(ItemIdData)
constexpr double kTupleHeader = 23;     // SizeofHeapTupleHeader
constexpr double kMaxTuplesPerPage = 291;  // MaxHeapTuplesPerPage at 8 kB

double MaxAlign(double n) { return std::ceil(n / 8) * 8; }

// Bytes a heap tuple with these columns takes, line pointer included.
double HeapTupleBytes(const catalog::TableDesc& table, const std::vector<double>& widths,
                      const std::vector<double>& null_fracs) {
  bool any_null = false;
  for (double f : null_fracs) any_null = any_null || f > 0;
  const double bitmap = any_null ? std::ceil(static_cast<double>(table.columns.size()) / 8) : 0;
  double offset = 0;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].dropped) continue;
    const double width = widths[i] * (1 - null_fracs[i]);
    if (width <= 0) continue;
    const PgTypeInfo* info = FindPgType(table.columns[i].type);
    const bool varlena = info == nullptr || info->typlen < 0;
    // A short varlena (under 127 bytes) has a 1-byte header and no alignment.
    if (!(varlena && widths[i] < 127)) {
      const char typalign = sysrel::TypeAlign(table.columns[i].type);
      const double align = typalign == 'd' ? 8 : typalign == 'i' ? 4 : typalign == 's' ? 2 : 1;
      offset = std::ceil(offset / align) * align;
    }
    offset += width;
  }
  return MaxAlign(kTupleHeader + bitmap) + MaxAlign(offset) + kLinePointer;
}

}  // namespace

struct RelationEstimate::ParsedStatistics {
  std::string bytes;  // the record parsed
  catalog::TableStatistics stats;
  std::vector<std::optional<ColumnEstimate>> columns;  // by slot, parsed on first use
};

namespace {

// Per thread (a session's statements run on its thread): each table's
// statistics record as last read (null: none), with what was parsed of it.
// Reading the record is a catalog read per statement, as costly as a point
// lookup, so an entry is reused while the table's ANALYZE count
// (pg_stat_user_tables' analyze_count + autoanalyze_count, which every
// ANALYZE bumps) is unchanged, for at most kReuseFor: a rolled-back ANALYZE
// leaves the count moved but the record as it was, and estimates only steer
// plans, never results.
struct CachedStatistics {
  std::shared_ptr<RelationEstimate::ParsedStatistics> parsed;
  int64_t analyzes = 0;
  std::chrono::steady_clock::time_point read_at;
};
thread_local std::unordered_map<Oid, CachedStatistics> statistics_cache;
constexpr size_t kMaxCachedTables = 512;
constexpr auto kReuseFor = std::chrono::seconds(10);

}  // namespace

int TypeAverageWidth(Oid type, int32_t typmod) {
  const PgTypeInfo* info = FindPgType(type);
  if (info != nullptr && info->typlen > 0) return info->typlen;
  int32_t max_width = -1;
  if ((type == type_oid::kVarchar || type == type_oid::kBpchar) && typmod > 4) {
    max_width = (typmod - 4) * 4 + 4;  // UTF8: up to 4 bytes a character, + header
  }
  if (max_width > 0) {
    if (type == type_oid::kBpchar) return max_width;
    if (max_width <= 32) return max_width;
    if (max_width < 1000) return 32 + (max_width - 32) / 2;
    return 32 + (1000 - 32) / 2;
  }
  return 32;
}

RelationEstimate::RelationEstimate(txn::Transaction* txn, std::string_view scope,
                                   const catalog::TableDesc& table)
    : table_(&table), txn_(txn) {
  const std::optional<TableStatCounts> counts = GlobalTableStats().Table(table.oid);
  if (txn != nullptr) {
    const int64_t analyzes = counts ? counts->analyze_count + counts->autoanalyze_count : -1;
    const auto now = std::chrono::steady_clock::now();
    auto it = statistics_cache.find(table.oid);
    if (it != statistics_cache.end() && it->second.analyzes == analyzes &&
        now - it->second.read_at < kReuseFor &&
        (it->second.parsed == nullptr || it->second.parsed->columns.size() == table.columns.size())) {
      parsed_ = it->second.parsed;
    } else {
      auto bytes = txn->Get(storage::kDefaultTree,
                            std::string(scope) + catalog::TableStatisticsKey(table.oid));
      std::shared_ptr<ParsedStatistics> parsed;
      if (bytes.ok() && bytes.value().has_value()) {
        if (it != statistics_cache.end() && it->second.parsed != nullptr &&
            it->second.parsed->bytes == *bytes.value() &&
            it->second.parsed->columns.size() == table.columns.size()) {
          parsed = it->second.parsed;  // the same record: keep what was parsed
        } else if (auto stats = catalog::DecodeTableStatistics(table.oid, *bytes.value())) {
          parsed = std::make_shared<ParsedStatistics>();
          parsed->bytes = std::move(*bytes.value());
          parsed->stats = std::move(*stats);
          parsed->columns.resize(table.columns.size());
        }
      }
      if (bytes.ok()) {
        if (statistics_cache.size() >= kMaxCachedTables) statistics_cache.clear();
        statistics_cache[table.oid] = CachedStatistics{parsed, analyzes, now};
      }
      parsed_ = std::move(parsed);
    }
  }
  const catalog::TableStatistics* stats = parsed_ != nullptr ? &parsed_->stats : nullptr;
  std::vector<double> widths(table.columns.size(), 0), null_fracs(table.columns.size(), 0);
  double data_width = 0;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].dropped) continue;
    widths[i] = ColumnWidth(static_cast<int>(i));
    data_width += widths[i];
    if (stats) {
      for (const catalog::ColumnStatistics& c : stats->columns) {
        if (c.attnum == table.columns[i].attnum) null_fracs[i] = c.null_frac;
      }
    }
  }
  width_ = static_cast<int>(data_width);
  if (stats) {
    // An analyzed table: its row count, and the pages a heap of them fills.
    tuples_ = stats->reltuples;
    const double per_page =
        std::min(kMaxTuplesPerPage,
                 std::floor((kPageBytes - kPageHeader) / HeapTupleBytes(table, widths, null_fracs)));
    pages_ = tuples_ > 0 ? std::ceil(tuples_ / std::max(1.0, per_page)) : 0;
    // PostgreSQL's visibility map is set by VACUUM: all of the table after
    // one, less the rows changed since (our index entries never need the
    // table to be known visible, but the plans follow PostgreSQL's).
    if (counts && counts->last_vacuum != 0 && tuples_ > 0) {
      const double changed = static_cast<double>(counts->ins_since_vacuum + counts->dead_tup);
      all_visible_ = std::clamp(1.0 - changed / tuples_, 0.0, 1.0);
    }
    return;
  }
  // Never analyzed (estimate_rel_size): the pages the table holds -- at
  // least ten, so a new table is not taken for empty -- at the density its
  // column types suggest.
  const double tuple_width = data_width + MaxAlign(kTupleHeader) + kLinePointer;
  const double density = std::floor((kPageBytes - kPageHeader) / tuple_width);
  double pages = 10;
  if (counts) {
    const double live = static_cast<double>(std::max<int64_t>(0, counts->live_tup));
    pages = std::max(pages, std::ceil(live / std::max(1.0, density)));
  }
  pages_ = pages;
  tuples_ = std::rint(density * pages);
}

int RelationEstimate::ColumnWidth(int slot) const {
  const catalog::ColumnDesc& column = table_->columns[static_cast<size_t>(slot)];
  if (parsed_ != nullptr) {
    for (const catalog::ColumnStatistics& c : parsed_->stats.columns) {
      if (c.attnum == column.attnum && c.avg_width > 0) return c.avg_width;
    }
  }
  return TypeAverageWidth(column.type, column.typmod);
}

const ColumnEstimate& RelationEstimate::Column(int slot) const {
  static const ColumnEstimate kNone;
  if (parsed_ == nullptr) return kNone;
  std::optional<ColumnEstimate>& cached = parsed_->columns[static_cast<size_t>(slot)];
  if (cached) return *cached;
  cached.emplace();
  const catalog::ColumnDesc& column = table_->columns[static_cast<size_t>(slot)];
  for (const catalog::ColumnStatistics& c : parsed_->stats.columns) {
    if (c.attnum != column.attnum) continue;
    ColumnEstimate& e = *cached;
    e.analyzed = true;
    e.null_frac = c.null_frac;
    e.n_distinct = c.n_distinct >= 0 ? c.n_distinct : -c.n_distinct * tuples_;
    e.correlation = c.correlation;
    // Values in their text form: parsed as the column's type (a value that
    // no longer parses -- the type changed since -- drops the lists).
    try {
      for (const std::string& v : c.most_common_vals) {
        e.most_common_vals.push_back(InputValue(column.type, v));
      }
      e.most_common_freqs = c.most_common_freqs;
      for (const std::string& v : c.histogram_bounds) {
        e.histogram_bounds.push_back(InputValue(column.type, v));
      }
    } catch (const SqlError&) {
      e.most_common_vals.clear();
      e.most_common_freqs.clear();
      e.histogram_bounds.clear();
    }
    break;
  }
  return *cached;
}

}  // namespace strata::sql
