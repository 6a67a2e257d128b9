// Join costs and sizes (see join_cost.h).
#include "sql/planner/join_cost.h"

#include <algorithm>
#include <cmath>

#include "sql/planner/selectivity.h"

namespace strata::sql {

namespace {

double Clamp01(double s) { return std::clamp(s, 0.0, 1.0); }

// Bytes a hash table or batch file holds per row (PostgreSQL's
// relation_byte_size: the tuple plus its minimal header, max-aligned).
double RowBytes(int width) {
  return std::ceil(width / 8.0) * 8 + 24 + 16;
}

// A join path's figures; disable_cost on top when its enable_* is off.
PathCost JoinPath(double startup, double run, double rows, bool enabled) {
  PathCost out;
  out.startup = startup + (enabled ? 0 : kDisableCost);
  out.total = startup + run + (enabled ? 0 : kDisableCost);
  out.rows = rows;
  return out;
}

}  // namespace

double EqJoinSelectivity(const JoinColumn& a, const JoinColumn& b) {
  const double nf1 = a.stats != nullptr ? a.stats->null_frac : 0;
  const double nf2 = b.stats != nullptr ? b.stats->null_frac : 0;
  const bool mcvs1 = a.stats != nullptr && !a.stats->most_common_vals.empty();
  const bool mcvs2 = b.stats != nullptr && !b.stats->most_common_vals.empty();
  const double nd1 = std::max(a.n_distinct, 1.0), nd2 = std::max(b.n_distinct, 1.0);
  if (mcvs1 && mcvs2) {
    const ColumnEstimate& s1 = *a.stats;
    const ColumnEstimate& s2 = *b.stats;
    std::vector<bool> matched2(s2.most_common_vals.size(), false);
    double match_prod = 0, match1 = 0, match2 = 0, sum1 = 0, sum2 = 0;
    double nmatches = 0;
    for (size_t i = 0; i < s1.most_common_vals.size(); ++i) {
      for (size_t j = 0; j < s2.most_common_vals.size(); ++j) {
        if (matched2[j]) continue;
        if (CompareIfComparable(s1.most_common_vals[i], s2.most_common_vals[j]) != 0) continue;
        matched2[j] = true;
        match_prod += s1.most_common_freqs[i] * s2.most_common_freqs[j];
        match1 += s1.most_common_freqs[i];
        match2 += s2.most_common_freqs[j];
        nmatches += 1;
        break;
      }
    }
    for (double f : s1.most_common_freqs) sum1 += f;
    for (double f : s2.most_common_freqs) sum2 += f;
    match_prod = Clamp01(match_prod);
    const double unmatch1 = Clamp01(sum1 - match1), unmatch2 = Clamp01(sum2 - match2);
    const double other1 = Clamp01(1.0 - nf1 - sum1), other2 = Clamp01(1.0 - nf2 - sum2);
    const double n1 = static_cast<double>(s1.most_common_vals.size());
    const double n2 = static_cast<double>(s2.most_common_vals.size());
    double total1 = match_prod, total2 = match_prod;
    if (nd2 > n2) total1 += unmatch1 * other2 / (nd2 - n2);
    if (nd2 > nmatches) total1 += other1 * (other2 + unmatch2) / (nd2 - nmatches);
    if (nd1 > n1) total2 += unmatch2 * other1 / (nd1 - n1);
    if (nd1 > nmatches) total2 += other2 * (other1 + unmatch1) / (nd1 - nmatches);
    return Clamp01(std::min(total1, total2));
  }
  return Clamp01((1.0 - nf1) * (1.0 - nf2) / std::max(nd1, nd2));
}

PathCost HashJoinCost(const CostParams& p, const JoinInputs& in) {
  const double outer_rows = std::max(in.outer.rows, 1.0);
  const double inner_rows = std::max(in.inner.rows, 1.0);
  const double clause_cost = p.cpu_operator_cost * in.num_clauses;
  double startup = in.outer.startup + in.inner.total + (clause_cost + p.cpu_tuple_cost) * inner_rows;
  double run = (in.outer.total - in.outer.startup) + clause_cost * outer_rows;
  // The hash table's buckets: a power of two at least the inner rows.
  double buckets = 1024;
  while (buckets < inner_rows && buckets < (1 << 30)) buckets *= 2;
  const double inner_bytes = inner_rows * RowBytes(in.inner_width);
  if (inner_bytes > p.work_mem_bytes) {
    // Batches: both sides are written out and read back once.
    const double inner_pages = std::ceil(inner_bytes / 8192);
    const double outer_pages = std::ceil(outer_rows * RowBytes(in.outer_width) / 8192);
    startup += p.seq_page_cost * inner_pages;
    run += p.seq_page_cost * (inner_pages + 2 * outer_pages);
  }
  // The share of the inner rows in one bucket: one distinct value's (of
  // those the inner side keeps), or the most common value's if larger.
  double bucket_fraction = std::max(0.1, 1.0 / buckets);
  if (in.inner_distinct > 0) {
    double distinct = in.inner_distinct;
    if (in.inner_table_rows > 0) {
      distinct = ClampRowEstimate(distinct * std::min(1.0, inner_rows / in.inner_table_rows));
    }
    bucket_fraction = distinct > buckets ? 1.0 / buckets : 1.0 / distinct;
    const double average = (1.0 - in.inner_null_frac) / in.inner_distinct;
    if (in.inner_top_frequency > average && average > 0) {
      bucket_fraction *= in.inner_top_frequency / average;
    }
    bucket_fraction = std::clamp(bucket_fraction, 1.0e-6, 1.0);
  }
  double tuples;
  if (in.inner_unique) {
    // PostgreSQL's semi-join factors for an inner-unique join: the matched
    // share of outer rows is the join's selectivity, each probe stops at
    // its match.
    const double selectivity = in.rows / (outer_rows * inner_rows);
    const double matched = std::rint(outer_rows * selectivity);
    const double match_count = inner_rows;
    const double scan_frac = 2.0 / (match_count + 1.0);
    run += clause_cost * matched *
           ClampRowEstimate(inner_rows * bucket_fraction * scan_frac) * 0.5;
    run += clause_cost * (outer_rows - matched) * ClampRowEstimate(inner_rows / buckets) * 0.05;
    tuples = matched;
  } else {
    run += clause_cost * outer_rows * ClampRowEstimate(inner_rows * bucket_fraction) * 0.5;
    tuples = in.rows;
  }
  run += (p.cpu_tuple_cost + in.other_qual_ops * p.cpu_operator_cost) * tuples;
  return JoinPath(startup, run, in.rows, p.enable_hashjoin);
}

PathCost MaterializedNestLoopCost(const CostParams& p, const JoinInputs& in) {
  const double outer_rows = std::max(in.outer.rows, 1.0);
  const double inner_rows = std::max(in.inner.rows, 1.0);
  // Material: its rows stored once, then read back per rescan -- or,
  // when that is dearer (one outer row), the inner side run again.
  const double material_run =
      (in.inner.total - in.inner.startup) + 2 * p.cpu_operator_cost * inner_rows +
      (outer_rows - 1) * p.cpu_operator_cost * inner_rows;
  const double plain_run =
      (in.inner.total - in.inner.startup) + (outer_rows - 1) * in.inner.total;
  const double startup = in.outer.startup + in.inner.startup;
  double run = (in.outer.total - in.outer.startup) + std::min(material_run, plain_run);
  run += (p.cpu_tuple_cost + in.other_qual_ops * p.cpu_operator_cost) * outer_rows * inner_rows;
  return JoinPath(startup, run, in.rows, p.enable_nestloop);
}

PathCost ParameterizedNestLoopCost(const CostParams& p, const JoinInputs& in) {
  const double outer_rows = std::max(in.outer.rows, 1.0);
  const double inner_rows = std::max(in.inner.rows, 1.0);
  const double inner_run = in.inner.total - in.inner.startup;
  const double startup = in.outer.startup + in.inner.startup;
  double run = (in.outer.total - in.outer.startup) + (outer_rows - 1) * in.inner.startup +
               outer_rows * inner_run;
  run += (p.cpu_tuple_cost + in.other_qual_ops * p.cpu_operator_cost) * outer_rows * inner_rows;
  return JoinPath(startup, run, in.rows, p.enable_nestloop);
}

PathCost MergeJoinCost(const CostParams& p, const JoinInputs& in, const MergeInputs& m,
                       bool* materialize_inner) {
  const double outer_path_rows = std::max(in.outer.rows, 1.0);
  const double inner_path_rows = std::max(in.inner.rows, 1.0);
  // The rows each side reads before the first pair and up to the last.
  const double outer_skip = std::rint(outer_path_rows * m.outer_start);
  const double inner_skip = std::rint(inner_path_rows * m.inner_start);
  const double outer_rows = ClampRowEstimate(outer_path_rows * m.outer_end);
  const double inner_rows = ClampRowEstimate(inner_path_rows * m.inner_end);
  const double outer_start = outer_skip / outer_path_rows;
  const double inner_start = inner_skip / inner_path_rows;
  const double outer_end = outer_rows / outer_path_rows;
  const double inner_end = inner_rows / inner_path_rows;
  const double outer_run_all = in.outer.total - in.outer.startup;
  const double inner_run_all = in.inner.total - in.inner.startup;
  double startup = in.outer.startup + outer_run_all * outer_start + in.inner.startup +
                   inner_run_all * inner_start;
  double run = outer_run_all * (outer_end - outer_start);
  const double inner_run = inner_run_all * (inner_end - inner_start);
  // Outer rows with equal keys read the inner rows of that key again
  // (join size minus inner size); none when the inner side is unique and
  // the merge clauses are all the join's conditions (PostgreSQL's
  // skip_mark_restore). The ratio is over the inner rows read.
  const bool skip_mark_restore = in.inner_unique && in.other_qual_ops == 0;
  const double rescanned =
      skip_mark_restore ? 0 : std::max(0.0, m.merge_rows - inner_path_rows);
  const double rescan_ratio = 1.0 + rescanned / inner_rows;
  const double bare_inner = inner_run * rescan_ratio;
  const double mat_inner = inner_run + p.cpu_operator_cost * inner_rows * rescan_ratio;
  // relation_byte_size: MAXALIGN'd width plus a heap tuple header each.
  const double inner_bytes =
      inner_path_rows * (std::ceil(in.inner_width / 8.0) * 8 + 24);
  bool materialize = false;
  if (skip_mark_restore) {
    materialize = false;
  } else if (p.enable_material && mat_inner < bare_inner) {
    materialize = true;
  } else if (p.enable_material && m.inner_sorted && inner_bytes > p.work_mem_bytes) {
    materialize = true;
  }
  run += materialize ? mat_inner : bare_inner;
  const double merge_qual = p.cpu_operator_cost * in.num_clauses;
  startup += merge_qual * (outer_skip + inner_skip * rescan_ratio);
  run += merge_qual * ((outer_rows - outer_skip) + (inner_rows - inner_skip) * rescan_ratio);
  run += (p.cpu_tuple_cost + in.other_qual_ops * p.cpu_operator_cost) * m.merge_rows;
  if (materialize_inner != nullptr) *materialize_inner = materialize;
  return JoinPath(startup, run, in.rows, p.enable_mergejoin);
}

}  // namespace strata::sql
