// Path costs: PostgreSQL 15's cost model (costsize.c, btcostestimate) for
// the scans StrataDB can run -- sequential, index, bitmap heap -- and the
// Sort and Limit above them, in PostgreSQL's units and with its planner
// settings (seq_page_cost, random_page_cost, cpu_*_cost,
// effective_cache_size, work_mem, enable_*). Using PostgreSQL's model, not
// one of LSM reads, is deliberate: plans, their costs and row estimates
// are what a PostgreSQL user sees, and StrataDB's real costs order the
// same way (a full read is cheapest per row, an index probe costs a random
// read of the table tree, a bitmap scan reads the table in key order).
#pragma once

#include <cstdint>

#include "sql/planner/relation_estimate.h"

namespace strata::sql {

struct CostParams {
  double seq_page_cost = 1.0;
  double random_page_cost = 4.0;
  double cpu_tuple_cost = 0.01;
  double cpu_index_tuple_cost = 0.005;
  double cpu_operator_cost = 0.0025;
  double effective_cache_pages = 524288;  // effective_cache_size, in 8 kB pages
  double work_mem_bytes = 4.0 * 1024 * 1024;
  bool enable_seqscan = true;
  bool enable_indexscan = true;
  bool enable_bitmapscan = true;
  bool enable_indexonlyscan = true;
  bool enable_sort = true;
  bool enable_hashjoin = true;
  bool enable_nestloop = true;
  bool enable_mergejoin = true;
  bool enable_material = true;
  // The session's settings (defaults outside a session).
  static CostParams Current();
};

// PostgreSQL's disable_cost: added to a path whose enable_* is off.
inline constexpr double kDisableCost = 1.0e10;

struct PathCost {
  double startup = 0;
  double total = 0;
  double rows = 0;
  // The cost of fetching a fraction of the rows (PostgreSQL's fractional
  // comparison under a LIMIT).
  double AtFraction(double fraction) const { return startup + fraction * (total - startup); }
};

// A btree's size as PostgreSQL would build it (100% of the table's rows,
// leaves filled to 90%, duplicate keys in posting lists).
struct IndexGeometry {
  double tuples = 0;
  double pages = 1;
  int height = 0;
};
// `key_width`: the key columns' average width; `distinct_keys`: distinct
// key values (0 unknown: no deduplication assumed); `unique`: no duplicates.
IndexGeometry EstimateIndexGeometry(double tuples, double key_width, double distinct_keys,
                                    bool unique);

// What an index scan is asked to do.
struct IndexScanInput {
  IndexGeometry index;
  double index_selectivity = 1;  // of all the index quals
  // Index tuples read: the selectivity of the quals that bound the scan
  // (leading columns up to the first inequality) times the table's rows;
  // 1 for a unique index with every column fixed by equality.
  double index_tuples = 0;
  double sa_scans = 1;            // IN lists: one descent per value
  double index_qual_ops = 0;      // operators in the index quals
  double index_qual_arg_cost = 0;
  double correlation = 0;         // of the first index column with the table's order
  double qpqual_cost = 0;         // per row: quals the index does not check
  double rows = 0;                // rows the scan returns (all quals)
  bool index_only = false;
  double all_visible_fraction = 0;
  // The scan runs once per outer row of a nested loop (PostgreSQL's
  // loop_count): pages the loops share are charged once over all of them.
  double loop_count = 1;
};

double SeqScanCost(const CostParams& p, const RelationEstimate& rel, double qual_cost_per_tuple);
// Index Scan (cost_index); also the bitmap index scan's own cost (.index_total).
struct IndexScanCosts {
  double index_startup = 0;
  double index_total = 0;
  PathCost scan;
};
IndexScanCosts IndexScanCost(const CostParams& p, const RelationEstimate& rel,
                             const IndexScanInput& in);
// Bitmap Heap Scan over one Bitmap Index Scan (cost_bitmap_heap_scan);
// `all_qual_cost`: per row, every restriction (the heap rechecks them).
PathCost BitmapHeapScanCost(const CostParams& p, const RelationEstimate& rel,
                            const IndexScanInput& in, double all_qual_cost);
// Sort of `input` (cost_sort); `limit_tuples` < 0: unbounded.
PathCost SortCost(const CostParams& p, const PathCost& input, int width, double limit_tuples);
// Limit over `input` (adjust_limit_rows_costs); `count` < 0: no count.
PathCost LimitCost(const PathCost& input, double offset, double count);

}  // namespace strata::sql
