// Parallel plans for a one-table SELECT (see plan_parallel.h).
#include "sql/commands/plan_parallel.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "sql/commands/command_context.h"
#include "sql/commands/parallel_safety.h"
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
  const RelationEstimate rel(in.ctx->txn, in.ctx->db->catalog()->key_scope(), codec->table());
  s.workers = ParallelWorkersForTable(s.pp, rel.pages(), /*rel_workers=*/-1);
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
  const bool partial_distinct =
      in.distinct && std::all_of(in.project.begin(), in.project.end(),
                                 [](const BoundExpr* e) { return WorkerEvaluable(*e); });
  double serial = in.scan_cost.total;
  double parallel = 0;
  double gathered = s.rows;
  if (partial_distinct) {
    const double ncols = static_cast<double>(in.project.size());
    const double groups = std::min(s.rows, kDefaultDistinct);
    const double partial_groups = std::min(s.partial_rows, groups);
    gathered = std::max(1.0, partial_groups * s.divisor);
    serial += s.cp.cpu_operator_cost * ncols * s.rows + s.cp.cpu_tuple_cost * groups;
    parallel = s.pscan_total + s.cp.cpu_operator_cost * ncols * s.partial_rows +
               s.cp.cpu_tuple_cost * partial_groups;
    parallel = GatherCost(s.pp, parallel, parallel, gathered).total;
    // Sorting the gathered groups for the final Unique.
    parallel += 2.0 * s.cp.cpu_operator_cost * gathered * std::log2(std::max(gathered, 2.0));
  } else {
    parallel = GatherCost(s.pp, 0, s.pscan_total, s.rows).total;
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
  gather->set_estimate({s.pp.setup_cost, parallel, gathered, in.scan_width});
  out.plan = std::move(gather);
  out.projected = partial_distinct;
  return out;
}

PlanNodePtr PlanParallelAggregate(const ParallelSelectInput& in,
                                  const std::vector<BoundExprPtr>* keys,
                                  const std::vector<AggregateCall>* aggs) {
  for (const AggregateCall& a : *aggs) {
    if (!IsCombinableAggregate(a)) return nullptr;
    if (a.arg != nullptr && !WorkerEvaluable(*a.arg)) return nullptr;
    if (a.filter != nullptr && !WorkerEvaluable(*a.filter)) return nullptr;
  }
  for (const BoundExprPtr& k : *keys) {
    if (!WorkerEvaluable(*k)) return nullptr;
  }
  std::optional<ScanSetup> setup = PrepareScan(in);
  if (!setup) return nullptr;
  const ScanSetup& s = *setup;
  // cost_agg: each input row costs cpu_operator_cost per key and per
  // aggregate; each group cpu_tuple_cost. Gathered: each process's groups.
  const double per_row =
      s.cp.cpu_operator_cost * static_cast<double>(keys->size() + aggs->size());
  const double groups = keys->empty() ? 1 : std::min(s.rows, kDefaultDistinct);
  const double partial_groups = keys->empty() ? 1 : std::min(s.partial_rows, groups);
  const double gathered = std::max(1.0, std::rint(partial_groups * s.divisor));
  const double serial = in.scan_cost.total + per_row * s.rows + s.cp.cpu_tuple_cost * groups;
  const double partial = s.pscan_total + per_row * s.partial_rows +
                         s.cp.cpu_tuple_cost * partial_groups;
  const double parallel = GatherCost(s.pp, partial, partial, gathered).total +
                          per_row * gathered + s.cp.cpu_tuple_cost * groups;
  if (!(parallel < serial)) return nullptr;
  PlanNodePtr leader = s.scan_factory(s.shared);
  auto agg = std::make_unique<ParallelAgg>(s.workers, s.shared, std::move(leader), s.scan_factory,
                                           keys, aggs, in.ctx->param_values);
  return agg;
}

}  // namespace strata::sql
