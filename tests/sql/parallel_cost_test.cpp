// Parallel query's cost model (planner/parallel_cost.h): the worker count
// of compute_parallel_worker and the leader's share in the divisor, checked
// against the values PostgreSQL 15 computes.
#include <catch2/catch.hpp>

#include "sql/planner/parallel_cost.h"

namespace strata::sql {
namespace {

TEST_CASE("workers grow with the log3 of the table size", "[parallel]") {
  ParallelParams p;
  p.max_workers_per_gather = 8;
  p.min_table_scan_pages = 1024;  // 8MB
  CHECK(ParallelWorkersForTable(p, 1023, -1) == 0);
  CHECK(ParallelWorkersForTable(p, 1024, -1) == 1);
  CHECK(ParallelWorkersForTable(p, 3071, -1) == 1);
  CHECK(ParallelWorkersForTable(p, 3072, -1) == 2);
  CHECK(ParallelWorkersForTable(p, 9216, -1) == 3);
  // min_parallel_table_scan_size = 0: the threshold starts at one page
  // (tenk1's 345 pages get 6 workers before the cap).
  p.min_table_scan_pages = 0;
  CHECK(ParallelWorkersForTable(p, 345, -1) == 6);
  p.max_workers_per_gather = 2;
  CHECK(ParallelWorkersForTable(p, 345, -1) == 2);
}

TEST_CASE("the parallel_workers reloption overrides the size rule", "[parallel]") {
  ParallelParams p;
  p.max_workers_per_gather = 4;
  CHECK(ParallelWorkersForTable(p, 10, 3) == 3);
  CHECK(ParallelWorkersForTable(p, 1e6, 0) == 0);
  CHECK(ParallelWorkersForTable(p, 10, 9) == 4);  // still capped per Gather
}

TEST_CASE("the leader contributes less as workers are added", "[parallel]") {
  ParallelParams p;
  CHECK(ParallelDivisor(p, 1) == Approx(1.7));
  CHECK(ParallelDivisor(p, 2) == Approx(2.4));
  CHECK(ParallelDivisor(p, 3) == Approx(3.1));
  CHECK(ParallelDivisor(p, 4) == Approx(4.0));
  CHECK(ParallelDivisor(p, 5) == Approx(5.0));
  p.leader_participation = false;
  CHECK(ParallelDivisor(p, 2) == Approx(2.0));
}

TEST_CASE("Gather adds the setup cost and a cost per row", "[parallel]") {
  ParallelParams p;
  const GatherCosts c = GatherCost(p, 1, 100, 50);
  CHECK(c.startup == Approx(1001));
  CHECK(c.total == Approx(100 + 1000 + 0.1 * 50));
}

}  // namespace
}  // namespace strata::sql
