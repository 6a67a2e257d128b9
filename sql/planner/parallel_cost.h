// Parallel query's cost model: PostgreSQL 15's compute_parallel_worker
// (allpaths.c), the parallel divisor of cost_seqscan and cost_gather
// (costsize.c), with its settings (max_parallel_workers_per_gather,
// min_parallel_table_scan_size, parallel_setup_cost, parallel_tuple_cost,
// parallel_leader_participation). Pure functions over numbers.
#pragma once

namespace strata::sql {

struct ParallelParams {
  int max_workers_per_gather = 2;
  double min_table_scan_pages = 1024;  // min_parallel_table_scan_size, in 8 kB pages
  double setup_cost = 1000;
  double tuple_cost = 0.1;
  bool leader_participation = true;
  // The session's settings (defaults outside a session).
  static ParallelParams Current();
};

// Workers for a parallel scan of a table of `pages` (estimated heap pages):
// the table's parallel_workers reloption when set (`rel_workers` >= 0),
// else none below min_parallel_table_scan_size and one more each time the
// table is three times bigger; at most max_parallel_workers_per_gather.
int ParallelWorkersForTable(const ParallelParams& p, double pages, int rel_workers);

// How many processes' worth of rows each one handles: the workers plus what
// the leader contributes (1 - 0.3 per worker, none from four workers on).
double ParallelDivisor(const ParallelParams& p, int workers);

// Gather over a partial path: its startup and total cost given the partial
// path's, and `rows` gathered.
struct GatherCosts {
  double startup = 0, total = 0;
};
GatherCosts GatherCost(const ParallelParams& p, double sub_startup, double sub_total, double rows);

}  // namespace strata::sql
