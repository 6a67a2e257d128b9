// Parallel plans for a one-table SELECT (see plan_parallel.h).
#include "sql/commands/plan_parallel.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "sql/commands/command_context.h"
#include "sql/commands/parallel_safety.h"
#include "sql/commands/table_options.h"
#include "sql/executor/agg_combine.h"
#include "sql/executor/node_gather.h"
#include "sql/executor/node_parallel_agg.h"
#include "sql/expr/text_quote.h"
#include "sql/planner/parallel_cost.h"
#include "sql/planner/relation_estimate.h"

namespace strata::sql {

namespace {

thread_local const ast::SelectStatement* t_parallel_statement = nullptr;

// PostgreSQL's default for the distinct values of an expression it has no
// statistics for.
constexpr double kDefaultDistinct = 200;

// Groups of `exprs` over `rows` rows (estimate_num_groups, simplified): a
// column's distinct values from ANALYZE (plus one for NULL), the default
// for anything else, multiplied and capped at the rows.
double EstimateGroups(const RelationEstimate& rel, const std::vector<const BoundExpr*>& exprs,
                      double rows) {
  double groups = 1;
  for (const BoundExpr* e : exprs) {
    double d = kDefaultDistinct;
    if (e->kind() == BoundExprKind::kColumnRef) {
      const ColumnEstimate& c = rel.Column(static_cast<const BoundColumnRef&>(*e).slot());
      if (c.analyzed && c.n_distinct > 0) d = c.n_distinct + (c.null_frac > 0 ? 1 : 0);
    } else if (e->kind() == BoundExprKind::kConstant) {
      d = 1;
    }
    groups *= d;
  }
  return std::max(1.0, std::min(groups, rows));
}

// PostgreSQL keeps a new path only when it is cheaper by more than 1%
// (add_path's STD_FUZZ_FACTOR).
constexpr double kFuzz = 1.01;

}  // namespace

ParallelQueryScope::ParallelQueryScope(const ast::SelectStatement* stmt)
    : previous_(t_parallel_statement) {
  t_parallel_statement = stmt;
}

ParallelQueryScope::~ParallelQueryScope() { t_parallel_statement = previous_; }

bool ParallelQueryScope::Allows(const ast::SelectStatement* stmt) {
  return stmt != nullptr && stmt == t_parallel_statement;
}

namespace {

// What every parallel plan over one table's scan shares: the workers, the
// Parallel Seq Scan's cost, and a factory for the scan [-> Filter] copies.
struct ScanSetup {
  int workers = 0;
  double divisor = 1;
  double rows = 0;          // rows the whole scan returns (after WHERE)
  double partial_rows = 0;  // per process
  double pscan_total = 0;
  ParallelParams pp;
  CostParams cp;
  std::shared_ptr<RelationEstimate> rel;
  std::shared_ptr<ParallelScanShared> shared;
  PartialPlanFactory scan_factory;
};

// Nothing PARALLEL UNSAFE anywhere, WHERE runnable on a worker, a table big
// enough for workers: the setup; else nullopt.
std::optional<ScanSetup> PrepareScan(const ParallelSelectInput& in) {
  if (in.ctx == nullptr || in.ctx->txn == nullptr || in.scan == nullptr ||
      !in.scan->reads_whole_table()) {
    return std::nullopt;
  }
  ScanSetup s;
  s.pp = ParallelParams::Current();
  if (s.pp.max_workers_per_gather <= 0) return std::nullopt;
  for (const BoundExpr* e : in.project) {
    if (ParallelHazard(*e) == 'u') return std::nullopt;
  }
  for (const BoundExpr* e : in.other) {
    if (e != nullptr && ParallelHazard(*e) == 'u') return std::nullopt;
  }
  if (in.where != nullptr && !WorkerEvaluable(*in.where)) return std::nullopt;

  // Workers and costs (compute_parallel_worker, cost_seqscan).
  const TableCodec* codec = in.scan->codec();
  s.rel = std::make_shared<RelationEstimate>(in.ctx->txn, in.ctx->db->catalog()->key_scope(),
                                             codec->table());
  const RelationEstimate& rel = *s.rel;
  // ALTER TABLE ... SET (parallel_workers = n) overrides the size rule.
  s.workers = ParallelWorkersForTable(
      s.pp, rel.pages(), TableIntOption(codec->table().options, "parallel_workers").value_or(-1));
  if (s.workers <= 0) return std::nullopt;
  s.divisor = ParallelDivisor(s.pp, s.workers);
  s.cp = CostParams::Current();
  const double disk = s.cp.seq_page_cost * rel.pages();
  double cpu = in.scan_cost.total - disk;
  double disabled = 0;
  if (!s.cp.enable_seqscan) {
    disabled = kDisableCost;
    cpu -= kDisableCost;
  }
  s.rows = in.scan_cost.rows;
  s.partial_rows = std::max(1.0, std::rint(s.rows / s.divisor));
  s.pscan_total = disabled + disk + std::max(cpu, 0.0) / s.divisor;

  std::string name = in.scan->explain_name();
  if (name.empty()) name = "Seq Scan on " + QuoteIdentText(codec->table().name);
  name = "Parallel " + name;
  ScanPlanInfo info;
  info.costed = true;
  info.total_cost = s.pscan_total;
  info.rows = s.partial_rows;
  info.width = in.scan_width;
  const std::shared_ptr<const std::vector<bool>> read = in.scan->columns_read();
  const BoundExpr* where = in.where;
  const std::vector<Value>* params = in.ctx->param_values;
  s.scan_factory = [=](std::shared_ptr<ParallelScanShared> shared) -> PlanNodePtr {
    auto scan = std::make_unique<ParallelSeqScan>(std::move(shared), read);
    scan->set_explain_name(name);
    scan->set_plan_info(info);
    PlanNodePtr p = std::move(scan);
    if (where != nullptr) p = std::make_unique<Filter>(std::move(p), where, params);
    return p;
  };
  s.shared = std::make_shared<ParallelScanShared>(in.ctx->txn, codec);
  return s;
}

}  // namespace

ParallelSelectPlan PlanParallelSelect(const ParallelSelectInput& in) {
  ParallelSelectPlan out;
  std::optional<ScanSetup> setup = PrepareScan(in);
  if (!setup) return out;
  const ScanSetup& s = *setup;
  const PathCost serial_scan = in.serial_scan_cost.value_or(in.scan_cost);
  const bool project_in_workers =
      std::all_of(in.project.begin(), in.project.end(),
                  [](const BoundExpr* e) { return WorkerEvaluable(*e); });
  // The projection: over every row serially, over each process's share
  // below the Gather when it is parallel safe, as PostgreSQL plans it
  // (ours evaluates what a worker thread cannot, such as user functions,
  // above the Gather: the same values, the plan costed as PostgreSQL's).
  const bool project_parallel_safe =
      std::all_of(in.project.begin(), in.project.end(),
                  [](const BoundExpr* e) { return ParallelHazard(*e) == 's'; });
  const double serial_project = in.project_cost * s.rows;
  const double worker_project = in.project_cost * (project_parallel_safe ? s.partial_rows : s.rows);
  double serial = serial_scan.total + serial_project;
  double gather_total = GatherCost(s.pp, 0, s.pscan_total + worker_project, s.rows).total;
  double parallel = gather_total;  // with what follows the Gather
  double gathered = s.rows;
  bool partial_distinct = false;
  if (in.distinct) {
    // Serially hashed; in parallel either hashed in each process first
    // (when the columns can run there), then the gathered groups sorted
    // for the final Unique, or gathered whole and sorted.
    const double ncols = static_cast<double>(in.project.size());
    const double groups = EstimateGroups(*s.rel, in.project, s.rows);
    const auto sort_cost = [&](double rows) {
      return 2.0 * s.cp.cpu_operator_cost * rows * std::log2(std::max(rows, 2.0));
    };
    serial += s.cp.cpu_operator_cost * ncols * s.rows +
              (in.serial_unique ? 0 : s.cp.cpu_tuple_cost * groups);
    parallel += sort_cost(s.rows);
    if (project_in_workers) {
      const double partial_groups = std::min(s.partial_rows, groups);
      const double partial_gathered = std::max(1.0, partial_groups * s.divisor);
      double partial = s.pscan_total + worker_project +
                       s.cp.cpu_operator_cost * ncols * s.partial_rows +
                       s.cp.cpu_tuple_cost * partial_groups;
      const double partial_gather = GatherCost(s.pp, partial, partial, partial_gathered).total;
      if (partial_gather + sort_cost(partial_gathered) < parallel) {
        gather_total = partial_gather;
        parallel = partial_gather + sort_cost(partial_gathered);
        gathered = partial_gathered;
        partial_distinct = true;
      }
    }
  } else if (in.limit_rows >= 0 && s.rows > 0) {
    // Both start returning rows at once (the Gather after its setup).
    const double fraction = std::min(1.0, in.limit_rows / s.rows);
    serial = serial_scan.AtFraction(fraction) + fraction * serial_project;
    parallel = s.pp.setup_cost + fraction * (parallel - s.pp.setup_cost);
    gather_total = parallel;
  }
  if (!(parallel < serial)) return out;

  PartialPlanFactory factory = s.scan_factory;
  if (partial_distinct) {
    std::vector<const BoundExpr*> project = in.project;
    std::vector<KeyColumn> columns;
    for (const BoundExpr* e : project) columns.emplace_back(e->type().oid);
    const std::vector<Value>* params = in.ctx->param_values;
    PartialPlanFactory scan = s.scan_factory;
    factory = [=](std::shared_ptr<ParallelScanShared> shared) -> PlanNodePtr {
      PlanNodePtr p = std::make_unique<Project>(scan(std::move(shared)), project, params);
      return std::make_unique<HashDistinct>(std::move(p), columns);
    };
  }
  PlanNodePtr leader = factory(s.shared);
  auto gather = std::make_unique<Gather>(s.workers, s.shared, std::move(leader), factory);
  gather->set_estimate({s.pp.setup_cost, gather_total, gathered, in.scan_width});
  out.plan = std::move(gather);
  out.projected = partial_distinct;
  return out;
}

ParallelAggPlan PlanParallelAggregate(const ParallelSelectInput& in,
                                      const std::vector<BoundExprPtr>* keys,
                                      const std::vector<AggregateCall>* aggs,
                                      bool sorted_by_keys) {
  ParallelAggPlan out;
  std::optional<ScanSetup> setup = PrepareScan(in);
  if (!setup) return out;
  const ScanSetup& s = *setup;
  // In the workers too: the keys, arguments and FILTERs.
  bool partial_ok = true;
  for (const AggregateCall& a : *aggs) {
    partial_ok = partial_ok && IsCombinableAggregate(a) &&
                 (a.arg == nullptr || WorkerEvaluable(*a.arg)) &&
                 (a.filter == nullptr || WorkerEvaluable(*a.filter));
  }
  for (const BoundExprPtr& k : *keys) partial_ok = partial_ok && WorkerEvaluable(*k);
  // PARALLEL UNSAFE calls in aggregate arguments rule out any parallel plan.
  for (const AggregateCall& a : *aggs) {
    if ((a.arg != nullptr && ParallelHazard(*a.arg) == 'u') ||
        (a.arg2 != nullptr && ParallelHazard(*a.arg2) == 'u') ||
        (a.filter != nullptr && ParallelHazard(*a.filter) == 'u')) {
      return out;
    }
  }
  for (const BoundExprPtr& k : *keys) {
    if (ParallelHazard(*k) == 'u') return out;
  }

  // cost_agg: each input row costs cpu_operator_cost per key and per
  // aggregate, each output group cpu_tuple_cost.
  const double nkeys = static_cast<double>(keys->size());
  const double naggs = static_cast<double>(aggs->size());
  std::vector<const BoundExpr*> key_exprs;
  for (const BoundExprPtr& k : *keys) key_exprs.push_back(k.get());
  const double groups = keys->empty() ? 1 : EstimateGroups(*s.rel, key_exprs, s.rows);
  auto agg_cost = [&](double input_total, double rows, double out_groups) {
    return input_total + s.cp.cpu_operator_cost * (nkeys + naggs) * rows +
           s.cp.cpu_tuple_cost * out_groups;
  };
  const double serial = agg_cost(in.serial_scan_cost.value_or(in.scan_cost).total, s.rows, groups);
  const double over_gather =
      agg_cost(GatherCost(s.pp, 0, s.pscan_total, s.rows).total, s.rows, groups);
  double partial_total = kDisableCost * 2;
  const double partial_groups = keys->empty() ? 1 : std::min(s.partial_rows, groups);
  const double gathered = std::max(1.0, std::rint(partial_groups * s.workers));
  const double partial = agg_cost(s.pscan_total, s.partial_rows, partial_groups);
  const GatherCosts gather_costs = GatherCost(s.pp, partial, partial, gathered);
  if (partial_ok) partial_total = agg_cost(gather_costs.total, gathered, groups);
  if (!(std::min(over_gather, partial_total) < serial)) return out;
  if (!(partial_total * kFuzz < over_gather)) {
    PlanNodePtr leader = s.scan_factory(s.shared);
    auto gather = std::make_unique<Gather>(s.workers, s.shared, std::move(leader), s.scan_factory);
    gather->set_estimate({s.pp.setup_cost, GatherCost(s.pp, 0, s.pscan_total, s.rows).total,
                          s.rows, in.scan_width});
    out.plan = std::move(gather);
    out.gather_only = true;
    return out;
  }
  PlanNodePtr leader = s.scan_factory(s.shared);
  // Gather Merge of sorted partial groups when there are few of them (a
  // stand-in for PostgreSQL's comparison of that path with a final Sort
  // over Finalize HashAggregate, which few groups decide for the former).
  constexpr double kFewGroups = 20;
  const bool sorted = sorted_by_keys && !keys->empty() && groups <= kFewGroups;
  auto agg = std::make_unique<ParallelAgg>(s.workers, s.shared, std::move(leader), s.scan_factory,
                                           keys, aggs, in.ctx->param_values, sorted,
                                           in.keys_descending);
  const int width = 8 * static_cast<int>(keys->size() + aggs->size());
  ParallelAgg::Costs costs;
  costs.partial = {partial - s.cp.cpu_tuple_cost * partial_groups, partial, partial_groups, width};
  costs.gather = {gather_costs.startup, gather_costs.total, gathered, width};
  costs.finalize = {partial_total - s.cp.cpu_tuple_cost * groups, partial_total, groups, width};
  agg->set_costs(costs);
  out.plan = std::move(agg);
  out.sorted = sorted;
  return out;
}

}  // namespace strata::sql
