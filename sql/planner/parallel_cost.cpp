// Parallel query's cost model (see parallel_cost.h).
#include "sql/planner/parallel_cost.h"

#include <algorithm>
#include <string>

#include "sql/settings/session_settings.h"

namespace strata::sql {

ParallelParams ParallelParams::Current() {
  ParallelParams p;
  const SessionSettings* s = CurrentSessionSettingsOrNull();
  if (s == nullptr) return p;
  p.max_workers_per_gather = static_cast<int>(s->IntValue("max_parallel_workers_per_gather"));
  // IntValue reads memory settings in kB; the rule counts 8 kB pages.
  p.min_table_scan_pages =
      static_cast<double>(s->IntValue("min_parallel_table_scan_size")) / 8.0;
  p.setup_cost = std::stod(s->Show("parallel_setup_cost"));
  p.tuple_cost = std::stod(s->Show("parallel_tuple_cost"));
  p.leader_participation = s->Show("parallel_leader_participation") != "off";
  return p;
}

int ParallelWorkersForTable(const ParallelParams& p, double pages, int rel_workers) {
  int workers = 0;
  if (rel_workers >= 0) {
    workers = rel_workers;
  } else {
    if (pages < p.min_table_scan_pages) return 0;
    // One worker from the threshold on, another at each tripling.
    double threshold = std::max(p.min_table_scan_pages, 1.0);
    workers = 1;
    while (pages >= threshold * 3) {
      ++workers;
      threshold *= 3;
      if (threshold > 1e300) break;
    }
  }
  return std::min(workers, p.max_workers_per_gather);
}

double ParallelDivisor(const ParallelParams& p, int workers) {
  double divisor = workers;
  if (p.leader_participation) {
    const double leader = 1.0 - 0.3 * workers;
    if (leader > 0) divisor += leader;
  }
  return divisor;
}

GatherCosts GatherCost(const ParallelParams& p, double sub_startup, double sub_total, double rows) {
  GatherCosts c;
  c.startup = sub_startup + p.setup_cost;
  c.total = sub_total + p.setup_cost + p.tuple_cost * rows;
  return c;
}

}  // namespace strata::sql
