// ANALYZE's statistics, after PostgreSQL's analyze.c (acquire_sample_rows,
// compute_scalar_stats, analyze_mcv_list): a reservoir sample of the
// table's rows, then per column the null fraction, average stored width,
// the distinct count (the Haas-Stokes estimator when the sample is not the
// whole table), the most common values, an equi-depth histogram of the rest
// and the correlation between physical and value order. Types without an
// ordering (json) get only null fraction and width (compute_trivial_stats).
//
// The arithmetic follows PostgreSQL's step for step (same truncations, same
// tie orders), so that a table small enough to be sampled whole gets exactly
// the statistics PostgreSQL computes: tests/integration/psql/analyze_stats.sql
// compares them. "Physical order" is our scan order, the table tree's key
// order; the sample is kept in it as PostgreSQL sorts its sample by TID.
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
#include "sql/types/numeric.h"
#include "sql/types/type_io.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

constexpr size_t kStatisticsTarget = 100;  // default_statistics_target: MCVs and buckets
// Values whose detoasted size is above this are not sorted (WIDTH_THRESHOLD):
// counted in the width and as distinct, left out of MCVs and histogram.
constexpr size_t kWidthThreshold = 1024;
constexpr size_t kVarlenaHeader = 4;  // VARHDRSZ

// The stored size of a varlena payload of `len` bytes: a 1-byte header when
// the datum fits a short varlena (VARATT_CAN_MAKE_SHORT), else 4.
size_t PackedVarlenaSize(size_t len) { return len + (len + 1 <= 127 ? 1 : kVarlenaHeader); }

// numeric's on-disk payload: a 2-byte header when it fits the short format
// (NaN and infinities always do), else 4, then 2 bytes per base-10000 digit.
size_t NumericPayloadSize(const Numeric& n) {
  if (!n.is_finite()) return 2;
  const bool can_be_short = n.dscale() <= 63 && n.weight() <= 63 && n.weight() >= -64;
  return (can_be_short ? 2 : 4) + 2 * n.digits().size();
}

// The size of the value's datum as stored in the sampled row (VARSIZE_ANY)
// and, through *raw, detoasted (toast_raw_datum_size). REQUIRES: a
// variable-width type.
size_t VarlenaWidth(Oid type, const Value& v, size_t* raw) {
  size_t payload;
  switch (type) {
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kBpchar:
    case type_oid::kBytea:
    case type_oid::kJson:
      payload = v.string_value().size();
      break;
    case type_oid::kNumeric:
      payload = NumericPayloadSize(v.numeric_value());
      break;
    default:
      payload = OutputValue(v).size();  // jsonb, arrays, ...: near enough
  }
  *raw = payload + kVarlenaHeader;
  return PackedVarlenaSize(payload);
}

// analyze_mcv_list: how many of the most common values (counts descending)
// are significantly more common than the values outside the list would be.
size_t KeptMcvCount(const std::vector<size_t>& counts, double stadistinct, double stanullfrac,
                    double samplerows, double totalrows) {
  size_t num_mcv = counts.size();
  // The whole table sampled: keep every value that repeats.
  if (samplerows == totalrows || totalrows <= 1.0) return num_mcv;
  const double ndistinct_table = stadistinct < 0 ? -stadistinct * totalrows : stadistinct;
  // Remove the least common value while it is not clearly above the
  // frequency it would have as a non-MCV value (2 standard deviations of
  // the hypergeometric sample count, plus 0.5 continuity correction).
  double sumcount = 0;
  for (size_t i = 0; i + 1 < num_mcv; ++i) sumcount += static_cast<double>(counts[i]);
  while (num_mcv > 0) {
    double selec = std::clamp(1.0 - sumcount / samplerows - stanullfrac, 0.0, 1.0);
    const double otherdistinct = ndistinct_table - static_cast<double>(num_mcv - 1);
    if (otherdistinct > 1) selec /= otherdistinct;
    const double N = totalrows;
    const double n = samplerows;
    const double K = N * static_cast<double>(counts[num_mcv - 1]) / n;
    const double variance = n * K * (N - K) * (N - n) / (N * N * (N - 1));
    const double stddev = std::sqrt(variance);
    if (static_cast<double>(counts[num_mcv - 1]) > selec * samplerows + 2 * stddev + 0.5) break;
    --num_mcv;
    if (num_mcv == 0) break;
    sumcount -= static_cast<double>(counts[num_mcv - 1]);
  }
  return num_mcv;
}

}  // namespace

catalog::ColumnStatistics ComputeColumnStatistics(int attnum, Oid type,
                                                  const std::vector<Value>& sample,
                                                  double total_rows) {
  catalog::ColumnStatistics stats;
  stats.attnum = attnum;
  const PgTypeInfo* info = FindPgType(type);
  const bool fixed_width = info != nullptr && info->typlen > 0;
  const int32_t typlen = fixed_width ? info->typlen : 0;

  // values[i] in sample order: i is the value's "tuple number" (its rank in
  // physical order among the sorted values), which correlation needs.
  std::vector<const Value*> values;
  size_t null_cnt = 0, nonnull_cnt = 0, toowide_cnt = 0;
  double total_width = 0;
  for (const Value& v : sample) {
    if (v.is_null()) {
      ++null_cnt;
      continue;
    }
    ++nonnull_cnt;
    if (!fixed_width) {
      size_t raw;
      total_width += static_cast<double>(VarlenaWidth(type, v, &raw));
      if (raw > kWidthThreshold) {
        ++toowide_cnt;
        continue;
      }
    }
    values.push_back(&v);
  }
  const size_t samplerows = sample.size();
  if (samplerows == 0) return stats;
  // stawidth is an int: PostgreSQL truncates the average.
  const auto width = [&]() -> int32_t {
    if (fixed_width) return typlen;
    return nonnull_cnt == 0 ? 0 : static_cast<int32_t>(total_width / nonnull_cnt);
  };
  stats.null_frac = static_cast<double>(null_cnt) / static_cast<double>(samplerows);
  stats.avg_width = width();
  if (values.empty()) {
    // Only NULLs (distinct count unknown), or only too-wide values (assumed
    // unique).
    stats.n_distinct = nonnull_cnt > 0 ? -1.0 * (1.0 - stats.null_frac) : 0.0;
    return stats;
  }

  // Sort by value, ties by tuple number; a type without an ordering keeps
  // only the above, with an unknown distinct count.
  std::vector<size_t> order(values.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  try {
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return CompareValues(*values[a], *values[b]) < 0;
    });
  } catch (const SqlError&) {
    stats.n_distinct = 0;
    return stats;
  }
  const size_t values_cnt = values.size();

  // Runs of equal values in sorted order; the correlation's sum of x*y.
  struct Group {
    size_t first;  // position in sorted order
    size_t count;
  };
  std::vector<Group> groups;
  double corr_xysum = 0;
  for (size_t i = 0; i < values_cnt; ++i) {
    corr_xysum += static_cast<double>(i) * static_cast<double>(order[i]);
    if (!groups.empty() &&
        CompareValues(*values[order[groups.back().first]], *values[order[i]]) == 0) {
      ++groups.back().count;
    } else {
      groups.push_back({i, 1});
    }
  }
  const size_t ndistinct = groups.size();
  // The tracked MCV candidates: repeated values by count descending, ties
  // in value order (PostgreSQL's insertion into its track[] array), at most
  // the statistics target.
  std::vector<const Group*> track;
  size_t nmultiple = 0;
  for (const Group& g : groups) {
    if (g.count > 1) {
      ++nmultiple;
      track.push_back(&g);
    }
  }
  std::stable_sort(track.begin(), track.end(),
                   [](const Group* a, const Group* b) { return a->count > b->count; });
  if (track.size() > kStatisticsTarget) track.resize(kStatisticsTarget);

  // stadistinct.
  if (nmultiple == 0) {
    stats.n_distinct = -1.0 * (1.0 - stats.null_frac);  // no repeats: assume unique
  } else if (toowide_cnt == 0 && nmultiple == ndistinct) {
    stats.n_distinct = static_cast<double>(ndistinct);  // every value repeats: these are all
  } else {
    // Haas and Stokes' Duj1 estimator.
    const double f1 = static_cast<double>(ndistinct - nmultiple + toowide_cnt);
    const double d = f1 + static_cast<double>(nmultiple);
    const double n = static_cast<double>(samplerows - null_cnt);
    const double N = total_rows * (1.0 - stats.null_frac);
    double stadistinct = N > 0 ? (n * d) / ((n - f1) + f1 * n / N) : 0;
    if (stadistinct < d) stadistinct = d;
    if (stadistinct > N) stadistinct = N;
    stats.n_distinct = std::floor(stadistinct + 0.5);
  }
  // More than 10% of the rows distinct: the count scales with the table.
  if (stats.n_distinct > 0.1 * total_rows) stats.n_distinct = -(stats.n_distinct / total_rows);

  // The most common values: the whole list when it holds every value seen
  // and fits; else those analyze_mcv_list keeps.
  size_t num_mcv = track.size();
  if (!(track.size() == ndistinct && toowide_cnt == 0 && stats.n_distinct > 0)) {
    std::vector<size_t> counts;
    for (const Group* g : track) counts.push_back(g->count);
    num_mcv = KeptMcvCount(counts, stats.n_distinct, stats.null_frac,
                           static_cast<double>(samplerows), total_rows);
  }
  track.resize(num_mcv);
  for (const Group* g : track) {
    stats.most_common_vals.push_back(OutputValue(*values[order[g->first]]));
    stats.most_common_freqs.push_back(static_cast<double>(g->count) /
                                      static_cast<double>(samplerows));
  }

  // Histogram over the values not in the MCV list, when at least two
  // distinct ones remain: first, last and evenly spaced ones between.
  size_t num_hist = ndistinct - num_mcv;
  if (num_hist > kStatisticsTarget) num_hist = kStatisticsTarget + 1;
  if (num_hist >= 2) {
    std::vector<size_t> rest;  // positions in sorted order
    for (const Group& g : groups) {
      if (std::find(track.begin(), track.end(), &g) != track.end()) continue;
      for (size_t i = 0; i < g.count; ++i) rest.push_back(g.first + i);
    }
    const size_t nvals = rest.size();
    for (size_t i = 0; i < num_hist; ++i) {
      const size_t pos = i * (nvals - 1) / (num_hist - 1);
      stats.histogram_bounds.push_back(OutputValue(*values[order[rest[pos]]]));
    }
  }

  // Correlation of sorted position with tuple number; both run over
  // 0..values_cnt-1, so the sums of x, y, x^2 and y^2 are closed forms.
  if (values_cnt > 1) {
    const double n = static_cast<double>(values_cnt);
    const double corr_xsum = (n - 1) * n / 2.0;
    const double corr_x2sum = (n - 1) * n * (2 * n - 1) / 6.0;
    stats.correlation =
        (n * corr_xysum - corr_xsum * corr_xsum) / (n * corr_x2sum - corr_xsum * corr_xsum);
  }
  return stats;
}

catalog::TableStatistics AnalyzeTable(txn::Transaction* txn, const catalog::TableDesc& table,
                                      const std::vector<int>& attnums) {
  TableCodec codec(table);
  // Sampled rows with their position in scan order.
  std::vector<std::pair<uint64_t, Row>> sample;
  std::mt19937_64 rng(table.oid);
  uint64_t seen = 0;
  auto it = txn->NewIterator(table.tree);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++seen;
    // Algorithm R: the first k rows, then row `seen` replaces a random slot
    // with probability k / seen.
    if (sample.size() < kAnalyzeSampleRows) {
      sample.emplace_back(seen, codec.DecodeValue(it->value()));
    } else {
      const uint64_t slot = std::uniform_int_distribution<uint64_t>(0, seen - 1)(rng);
      if (slot < kAnalyzeSampleRows) sample[slot] = {seen, codec.DecodeValue(it->value())};
    }
  }
  if (Status s = it->status(); !s.ok()) ThrowStatus(s);
  // Back into physical order, which correlation is measured against (as
  // PostgreSQL sorts its sample by TID).
  std::sort(sample.begin(), sample.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });

  catalog::TableStatistics stats;
  stats.table = table.oid;
  stats.reltuples = static_cast<double>(seen);
  stats.sample_rows = sample.size();
  // An empty table has no column statistics (PostgreSQL computes none
  // without sampled rows).
  if (sample.empty()) return stats;
  for (int attnum : attnums) {
    const catalog::ColumnDesc& column = table.columns[attnum - 1];
    std::vector<Value> values;
    values.reserve(sample.size());
    for (const auto& [pos, row] : sample) values.push_back(row[attnum - 1]);
    stats.columns.push_back(
        ComputeColumnStatistics(attnum, column.type, values, static_cast<double>(seen)));
  }
  std::sort(stats.columns.begin(), stats.columns.end(),
            [](const auto& a, const auto& b) { return a.attnum < b.attnum; });
  return stats;
}

}  // namespace strata::sql
