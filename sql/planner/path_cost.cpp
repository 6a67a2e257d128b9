// Path costs (see path_cost.h). Formulas follow PostgreSQL 15's costsize.c
// and nbtree's btcostestimate; comments name the function each mirrors.
#include "sql/planner/path_cost.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sql/settings/session_settings.h"

namespace strata::sql {

namespace {

constexpr double kBlockSize = 8192;
constexpr double kPageCpuMultiplier = 50;  // DEFAULT_PAGE_CPU_MULTIPLIER

double MaxAlign(double n) { return std::ceil(n / 8) * 8; }

// index_pages_fetched (Mackert-Lohman), for a cache larger than the data.
double PagesFetched(const CostParams& p, double tuples_fetched, double pages, double index_pages) {
  const double t = std::max(pages, 1.0);
  const double total = std::max(pages + index_pages, 1.0);
  const double b = std::max(1.0, std::ceil(p.effective_cache_pages * t / total));
  double fetched;
  if (t <= b) {
    fetched = 2.0 * t * tuples_fetched / (2.0 * t + tuples_fetched);
    fetched = fetched >= t ? t : std::ceil(fetched);
  } else {
    const double lim = 2.0 * t * b / (2.0 * t - b);
    if (tuples_fetched <= lim) {
      fetched = 2.0 * t * tuples_fetched / (2.0 * t + tuples_fetched);
    } else {
      fetched = b + (tuples_fetched - lim) * (t - b) / t;
    }
    fetched = std::ceil(fetched);
  }
  return fetched;
}

double RealSetting(const SessionSettings& s, std::string_view name, double fallback) {
  try {
    return std::stod(s.Show(name));
  } catch (...) {
    return fallback;
  }
}

}  // namespace

CostParams CostParams::Current() {
  CostParams p;
  const SessionSettings* s = CurrentSessionSettingsOrNull();
  if (s == nullptr) return p;
  // Parsed once per state of the settings (every statement plans with
  // them): the generation changes with any SET, RESET or reload.
  thread_local uint64_t cached_generation = 0;
  thread_local CostParams cached;
  if (cached_generation != 0 && cached_generation == s->generation()) return cached;
  p.seq_page_cost = RealSetting(*s, "seq_page_cost", p.seq_page_cost);
  p.random_page_cost = RealSetting(*s, "random_page_cost", p.random_page_cost);
  p.cpu_tuple_cost = RealSetting(*s, "cpu_tuple_cost", p.cpu_tuple_cost);
  p.cpu_index_tuple_cost = RealSetting(*s, "cpu_index_tuple_cost", p.cpu_index_tuple_cost);
  p.cpu_operator_cost = RealSetting(*s, "cpu_operator_cost", p.cpu_operator_cost);
  p.effective_cache_pages = static_cast<double>(s->IntValue("effective_cache_size"));
  p.work_mem_bytes = static_cast<double>(s->IntValue("work_mem")) * 1024;
  p.enable_seqscan = s->Show("enable_seqscan") != "off";
  p.enable_indexscan = s->Show("enable_indexscan") != "off";
  p.enable_bitmapscan = s->Show("enable_bitmapscan") != "off";
  p.enable_indexonlyscan = s->Show("enable_indexonlyscan") != "off";
  p.enable_sort = s->Show("enable_sort") != "off";
  p.enable_hashjoin = s->Show("enable_hashjoin") != "off";
  p.enable_nestloop = s->Show("enable_nestloop") != "off";
  p.enable_mergejoin = s->Show("enable_mergejoin") != "off";
  p.enable_material = s->Show("enable_material") != "off";
  cached = p;
  cached_generation = s->generation();
  return p;
}

IndexGeometry EstimateIndexGeometry(double tuples, double key_width, double distinct_keys,
                                    bool unique) {
  IndexGeometry g;
  g.tuples = std::max(tuples, 0.0);
  // A leaf tuple: 8-byte header + key, aligned, + line pointer. Duplicates
  // of a key share one tuple with a 6-byte heap pointer each (nbtree
  // deduplication).
  const double leaf_space = (kBlockSize - 24 - 16) * 0.90;
  double bytes_per_row = MaxAlign(8 + key_width) + 4;
  if (!unique && distinct_keys > 0 && tuples / distinct_keys >= 2) {
    const double dups = tuples / distinct_keys;
    bytes_per_row = (MaxAlign(MaxAlign(8 + key_width) + 6 * dups) + 4) / dups;
  }
  const double leaves = std::max(1.0, std::ceil(g.tuples * bytes_per_row / leaf_space));
  // Internal pages: one pivot tuple per child.
  const double fanout = std::floor((kBlockSize - 24 - 16) / (MaxAlign(8 + key_width) + 4));
  double level = leaves, internal = 0;
  while (level > 1) {
    level = std::ceil(level / fanout);
    internal += level;
    ++g.height;
  }
  g.pages = 1 + leaves + internal;  // + the metapage
  return g;
}

double SeqScanCost(const CostParams& p, const RelationEstimate& rel, double qual_cost_per_tuple) {
  double cost = p.seq_page_cost * rel.pages() +
                (p.cpu_tuple_cost + qual_cost_per_tuple) * rel.tuples();
  if (!p.enable_seqscan) cost += kDisableCost;
  return cost;
}

IndexScanCosts IndexScanCost(const CostParams& p, const RelationEstimate& rel,
                             const IndexScanInput& in) {
  IndexScanCosts out;
  const IndexGeometry& ix = in.index;
  // genericcostestimate
  double index_tuples = std::clamp(in.index_tuples, 1.0, std::max(ix.tuples, 1.0));
  index_tuples = std::max(1.0, std::rint(index_tuples / in.sa_scans));
  const double index_pages =
      ix.pages > 1 ? std::ceil(index_tuples * ix.pages / std::max(ix.tuples, 1.0)) : 1.0;
  double index_total;
  const double loops = std::max(1.0, in.loop_count);
  if (in.sa_scans * loops > 1) {
    index_total = PagesFetched(p, index_pages * in.sa_scans * loops, ix.pages, ix.pages) *
                  p.random_page_cost / loops;
  } else {
    index_total = index_pages * p.random_page_cost;
  }
  const double qual_op_cost = p.cpu_operator_cost * in.index_qual_ops;
  double index_startup = in.index_qual_arg_cost;
  index_total += in.index_qual_arg_cost;
  index_total += index_tuples * in.sa_scans * (p.cpu_index_tuple_cost + qual_op_cost);
  // btcostestimate: the descent, comparisons and pages, once per scan.
  if (ix.tuples > 1) {
    const double descent = std::ceil(std::log(ix.tuples) / std::log(2.0)) * p.cpu_operator_cost;
    index_startup += descent;
    index_total += in.sa_scans * descent;
  }
  const double page_descent = (ix.height + 1) * kPageCpuMultiplier * p.cpu_operator_cost;
  index_startup += page_descent;
  index_total += in.sa_scans * page_descent;
  out.index_startup = index_startup;
  out.index_total = index_total;

  // cost_index: the heap side.
  const double tuples_fetched = std::max(1.0, std::rint(in.index_selectivity * rel.tuples()));
  double max_io = 0, min_io = 0;
  if (loops > 1) {
    // Repeated scans: the pages all loops fetch, charged per loop.
    double pages_fetched = PagesFetched(p, tuples_fetched * loops, rel.pages(), ix.pages);
    if (in.index_only) pages_fetched = std::ceil(pages_fetched * (1.0 - in.all_visible_fraction));
    max_io = pages_fetched * p.random_page_cost / loops;
    pages_fetched = std::ceil(in.index_selectivity * rel.pages());
    pages_fetched = PagesFetched(p, pages_fetched * loops, rel.pages(), ix.pages);
    if (in.index_only) pages_fetched = std::ceil(pages_fetched * (1.0 - in.all_visible_fraction));
    min_io = pages_fetched * p.random_page_cost / loops;
  } else {
    double pages_fetched = PagesFetched(p, tuples_fetched, rel.pages(), ix.pages);
    if (in.index_only) pages_fetched = std::ceil(pages_fetched * (1.0 - in.all_visible_fraction));
    max_io = pages_fetched * p.random_page_cost;
    pages_fetched = std::ceil(in.index_selectivity * rel.pages());
    if (in.index_only) pages_fetched = std::ceil(pages_fetched * (1.0 - in.all_visible_fraction));
    min_io = pages_fetched > 0 ? p.random_page_cost + (pages_fetched - 1) * p.seq_page_cost : 0;
  }
  const double csquared = in.correlation * in.correlation;
  double run = (index_total - index_startup) + max_io + csquared * (min_io - max_io);
  run += (p.cpu_tuple_cost + in.qpqual_cost) * tuples_fetched;
  out.scan.startup = index_startup;
  out.scan.total = index_startup + run;
  if (!p.enable_indexscan) {
    out.scan.startup += kDisableCost;
    out.scan.total += kDisableCost;
  }
  out.scan.rows = in.rows;
  return out;
}

PathCost BitmapHeapScanCost(const CostParams& p, const RelationEstimate& rel,
                            const IndexScanInput& in, double all_qual_cost) {
  IndexScanInput plain = in;
  const IndexScanCosts index = IndexScanCost(p, rel, plain);
  // cost_bitmap_tree_node: the index scan plus bitmap upkeep per row.
  const double index_cost = index.index_total + 0.1 * p.cpu_operator_cost * in.rows;
  PathCost out;
  out.startup = index_cost;
  const double t = std::max(rel.pages(), 1.0);
  const double tuples_fetched = std::max(1.0, std::rint(in.index_selectivity * rel.tuples()));
  double pages_fetched;
  if (in.loop_count > 1) {
    // compute_bitmap_pages: the loops' pages shared out over them.
    pages_fetched =
        PagesFetched(p, tuples_fetched * in.loop_count, rel.pages(), in.index.pages) /
        in.loop_count;
  } else {
    pages_fetched = 2.0 * t * tuples_fetched / (2.0 * t + tuples_fetched);
  }
  pages_fetched = pages_fetched >= t ? t : std::ceil(pages_fetched);
  const double cost_per_page =
      pages_fetched >= 2.0
          ? p.random_page_cost - (p.random_page_cost - p.seq_page_cost) * std::sqrt(pages_fetched / t)
          : p.random_page_cost;
  out.total = out.startup + pages_fetched * cost_per_page +
              (p.cpu_tuple_cost + all_qual_cost) * tuples_fetched;
  if (!p.enable_bitmapscan) {
    out.startup += kDisableCost;
    out.total += kDisableCost;
  }
  out.rows = in.rows;
  return out;
}

PathCost SortCost(const CostParams& p, const PathCost& input, int width, double limit_tuples) {
  const double tuples = std::max(input.rows, 2.0);
  const double comparison = 2.0 * p.cpu_operator_cost;
  const double tuple_bytes = MaxAlign(width) + MaxAlign(23);
  const double input_bytes = tuples * tuple_bytes;
  const bool bounded = limit_tuples > 0 && limit_tuples < tuples;
  const double output_bytes = bounded ? limit_tuples * tuple_bytes : input_bytes;
  double startup;
  if (output_bytes > p.work_mem_bytes) {
    // External merge: comparisons plus writing and reading the runs.
    const double npages = std::ceil(input_bytes / kBlockSize);
    const double nruns = input_bytes / p.work_mem_bytes;
    const double merge_order = std::max(6.0, std::floor(p.work_mem_bytes / (kBlockSize * 3 + 1024)));
    const double log_runs = nruns > merge_order ? std::ceil(std::log(nruns) / std::log(merge_order)) : 1.0;
    startup = comparison * tuples * std::log2(tuples) +
              2.0 * npages * log_runs * (p.seq_page_cost * 0.75 + p.random_page_cost * 0.25);
  } else if (bounded && (tuples > 2 * limit_tuples || input_bytes > p.work_mem_bytes)) {
    startup = comparison * tuples * std::log2(2.0 * limit_tuples);  // top-N heap
  } else {
    startup = comparison * tuples * std::log2(tuples);
  }
  PathCost out;
  out.startup = input.total + startup;
  out.total = out.startup + p.cpu_operator_cost * tuples;
  if (!p.enable_sort) {
    out.startup += kDisableCost;
    out.total += kDisableCost;
  }
  out.rows = input.rows;
  return out;
}

PathCost LimitCost(const PathCost& input, double offset, double count) {
  PathCost out = input;
  if (input.rows <= 0) return out;
  if (offset > 0) {
    const double skipped = std::min(offset, input.rows);
    out.startup += (input.total - input.startup) * skipped / input.rows;
    out.rows = std::max(1.0, input.rows - skipped);
  }
  if (count >= 0) {
    const double wanted = std::min(count + std::max(offset, 0.0), input.rows);
    out.total = input.startup + (input.total - input.startup) * wanted / input.rows;
    out.rows = std::max(1.0, std::min(count, out.rows));
  }
  return out;
}

}  // namespace strata::sql
