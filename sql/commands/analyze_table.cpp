// ANALYZE's statistics, after PostgreSQL's analyze.c (acquire_sample_rows,
// compute_scalar_stats, compute_distinct_stats): a reservoir sample of the
// table's rows, then per column the null fraction, average stored width,
// the distinct count (the Haas-Stokes estimator when the sample is not the
// whole table), the most common values and an equi-depth histogram of the
// rest. Types without an ordering (json) get only null fraction and width.
//
// The sample uses a fixed seed, so ANALYZE of the same rows gives the same
// statistics (PostgreSQL's regression outputs that show estimates rely on
// stable ones too).
#include <algorithm>
#include <cmath>
#include <random>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/maintenance_commands.h"
#include "sql/types/type_io.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

constexpr size_t kStatisticsTarget = 100;  // default_statistics_target: MCVs and buckets

// The width the value takes stored: typlen for fixed-width types, else the
// data plus a varlena header (1 byte when short, as PostgreSQL packs it).
int32_t StoredWidth(Oid type, const Value& v) {
  const PgTypeInfo* info = FindPgType(type);
  if (info != nullptr && info->typlen > 0) return info->typlen;
  size_t len;
  switch (type) {
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kBpchar:
    case type_oid::kBytea:
    case type_oid::kJson:
    case type_oid::kJsonb:
      len = v.string_value().size();
      break;
    default:
      len = OutputValue(v).size();  // numeric, arrays: near enough
  }
  return static_cast<int32_t>(len + (len < 127 ? 1 : 4));
}

}  // namespace

catalog::ColumnStatistics ComputeColumnStatistics(int attnum, Oid type,
                                                  const std::vector<Value>& sample,
                                                  double total_rows) {
  catalog::ColumnStatistics stats;
  stats.attnum = attnum;
  std::vector<const Value*> values;
  double width_sum = 0;
  for (const Value& v : sample) {
    if (v.is_null()) continue;
    values.push_back(&v);
    width_sum += StoredWidth(type, v);
  }
  const size_t samplerows = sample.size();
  const size_t nonnull = values.size();
  if (samplerows == 0) return stats;
  stats.null_frac = static_cast<double>(samplerows - nonnull) / samplerows;
  if (nonnull == 0) return stats;  // all NULL: stadistinct 0, as PostgreSQL
  stats.avg_width = static_cast<int32_t>(std::lround(width_sum / nonnull));

  // Sort to find duplicates; a type without an ordering keeps only the above.
  try {
    std::stable_sort(values.begin(), values.end(),
                     [](const Value* a, const Value* b) { return CompareValues(*a, *b) < 0; });
  } catch (const SqlError&) {
    return stats;
  }
  struct Group {
    const Value* value;
    size_t count;
    size_t first;  // index into `values`
  };
  std::vector<Group> groups;
  for (size_t i = 0; i < nonnull; ++i) {
    if (!groups.empty() && CompareValues(*groups.back().value, *values[i]) == 0) {
      ++groups.back().count;
    } else {
      groups.push_back({values[i], 1, i});
    }
  }
  const double d = static_cast<double>(groups.size());
  size_t f1 = 0;  // values seen exactly once
  for (const Group& g : groups) f1 += g.count == 1;

  // stadistinct.
  const double nonnull_total = total_rows * (1.0 - stats.null_frac);
  double n_distinct;
  if (f1 == groups.size()) {
    n_distinct = -1.0 * (1.0 - stats.null_frac);  // no repeats: assume unique
  } else if (f1 == 0 || samplerows >= total_rows) {
    n_distinct = d;  // every value repeated, or the sample is the whole table
  } else {
    const double n = static_cast<double>(nonnull);
    const double denom = (n - f1) + f1 * n / std::max(nonnull_total, n);
    n_distinct = std::floor(std::clamp(n * d / denom, d, std::max(nonnull_total, d)) + 0.5);
  }
  if (n_distinct > 0 && n_distinct > 0.1 * total_rows) n_distinct = -(n_distinct / total_rows);
  stats.n_distinct = n_distinct;

  // Most common values: all of them when every distinct value fits and the
  // column is not unique; else those clearly above the average frequency.
  std::vector<const Group*> by_count;
  for (const Group& g : groups) {
    if (g.count > 1) by_count.push_back(&g);
  }
  std::stable_sort(by_count.begin(), by_count.end(),
                   [](const Group* a, const Group* b) { return a->count > b->count; });
  std::vector<const Group*> mcv;
  if (by_count.size() == groups.size() && groups.size() <= kStatisticsTarget) {
    mcv = by_count;
  } else {
    const double min_count = std::max(2.0, 1.25 * static_cast<double>(nonnull) / d);
    for (const Group* g : by_count) {
      if (mcv.size() == kStatisticsTarget || static_cast<double>(g->count) < min_count) break;
      mcv.push_back(g);
    }
  }
  for (const Group* g : mcv) {
    stats.most_common_vals.push_back(OutputValue(*g->value));
    stats.most_common_freqs.push_back(static_cast<double>(g->count) / samplerows);
  }

  // Histogram over the values not in the MCV list.
  std::vector<const Value*> rest;
  for (const Group& g : groups) {
    if (std::find(mcv.begin(), mcv.end(), &g) != mcv.end()) continue;
    for (size_t i = 0; i < g.count; ++i) rest.push_back(values[g.first + i]);
  }
  const size_t rest_distinct = groups.size() - mcv.size();
  if (rest_distinct >= 2) {
    const size_t nbounds = std::min(rest_distinct, kStatisticsTarget + 1);
    const size_t nvals = rest.size();
    for (size_t i = 0; i < nbounds; ++i) {
      const size_t pos = i * (nvals - 1) / (nbounds - 1);
      stats.histogram_bounds.push_back(OutputValue(*rest[pos]));
    }
  }
  return stats;
}

catalog::TableStatistics AnalyzeTable(txn::Transaction* txn, const catalog::TableDesc& table,
                                      const std::vector<int>& attnums) {
  TableCodec codec(table);
  std::vector<Row> sample;
  std::mt19937_64 rng(table.oid);
  uint64_t seen = 0;
  auto it = txn->NewIterator(table.tree);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++seen;
    // Algorithm R: the first k rows, then row `seen` replaces a random slot
    // with probability k / seen.
    if (sample.size() < kAnalyzeSampleRows) {
      sample.push_back(codec.DecodeValue(it->value()));
    } else {
      const uint64_t slot = std::uniform_int_distribution<uint64_t>(0, seen - 1)(rng);
      if (slot < kAnalyzeSampleRows) sample[slot] = codec.DecodeValue(it->value());
    }
  }
  if (Status s = it->status(); !s.ok()) ThrowStatus(s);

  catalog::TableStatistics stats;
  stats.table = table.oid;
  stats.reltuples = static_cast<double>(seen);
  stats.sample_rows = sample.size();
  for (int attnum : attnums) {
    const catalog::ColumnDesc& column = table.columns[attnum - 1];
    std::vector<Value> values;
    values.reserve(sample.size());
    for (const Row& row : sample) values.push_back(row[attnum - 1]);
    stats.columns.push_back(
        ComputeColumnStatistics(attnum, column.type, values, static_cast<double>(seen)));
  }
  std::sort(stats.columns.begin(), stats.columns.end(),
            [](const auto& a, const auto& b) { return a.attnum < b.attnum; });
  return stats;
}

}  // namespace strata::sql
