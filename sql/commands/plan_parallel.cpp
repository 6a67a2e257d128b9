// Parallel plans for a one-table SELECT (see plan_parallel.h).
#include "sql/commands/plan_parallel.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "sql/commands/command_context.h"
#include "sql/commands/parallel_safety.h"
#include "sql/executor/node_gather.h"
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

ParallelSelectPlan PlanParallelSelect(const ParallelSelectInput& in) {
  ParallelSelectPlan out;
  if (in.ctx == nullptr || in.ctx->txn == nullptr || in.scan == nullptr ||
      !in.scan->reads_whole_table()) {
    return out;
  }
  const ParallelParams pp = ParallelParams::Current();
  if (pp.max_workers_per_gather <= 0) return out;

  // Safety: nothing PARALLEL UNSAFE anywhere; WHERE runs in the workers.
  char hazard = 's';
  auto note = [&hazard](const BoundExpr* e) {
    if (e == nullptr) return;
    const char h = ParallelHazard(*e);
    if (h == 'u' || (h == 'r' && hazard == 's')) hazard = h;
  };
  for (const BoundExpr* e : in.project) note(e);
  for (const BoundExpr* e : in.other) note(e);
  note(in.where);
  if (hazard == 'u') return out;
  if (in.where != nullptr && !WorkerEvaluable(*in.where)) return out;
  const bool partial_distinct =
      in.distinct && std::all_of(in.project.begin(), in.project.end(),
                                 [](const BoundExpr* e) { return WorkerEvaluable(*e); });

  // Workers and costs (compute_parallel_worker, cost_seqscan, cost_gather).
  const TableCodec* codec = in.scan->codec();
  const RelationEstimate rel(in.ctx->txn, in.ctx->db->catalog()->key_scope(), codec->table());
  const int workers = ParallelWorkersForTable(pp, rel.pages(), /*rel_workers=*/-1);
  if (workers <= 0) return out;
  const double divisor = ParallelDivisor(pp, workers);
  const CostParams cp = CostParams::Current();
  const double disk = cp.seq_page_cost * rel.pages();
  double cpu = in.scan_cost.total - disk;
  double disabled = 0;
  if (!cp.enable_seqscan) {
    disabled = kDisableCost;
    cpu -= kDisableCost;
  }
  const double rows = in.scan_cost.rows;
  const double partial_rows = std::max(1.0, std::rint(rows / divisor));
  const double pscan_total = disabled + disk + std::max(cpu, 0.0) / divisor;
  double serial = in.scan_cost.total;
  double parallel = 0;
  double gathered = rows;
  if (partial_distinct) {
    const double ncols = static_cast<double>(in.project.size());
    const double groups = std::min(rows, kDefaultDistinct);
    const double partial_groups = std::min(partial_rows, groups);
    gathered = std::max(1.0, partial_groups * divisor);
    serial += cp.cpu_operator_cost * ncols * rows + cp.cpu_tuple_cost * groups;
    parallel = pscan_total + cp.cpu_operator_cost * ncols * partial_rows +
               cp.cpu_tuple_cost * partial_groups;
    parallel = GatherCost(pp, parallel, parallel, gathered).total;
    // Sorting the gathered groups for the final Unique.
    parallel += 2.0 * cp.cpu_operator_cost * gathered * std::log2(std::max(gathered, 2.0));
  } else {
    parallel = GatherCost(pp, 0, pscan_total, rows).total;
  }
  if (!(parallel < serial)) return out;

  // The partial plan, one copy per process.
  std::string name = in.scan->explain_name();
  if (name.empty()) name = "Seq Scan on " + QuoteIdentText(codec->table().name);
  name = "Parallel " + name;
  ScanPlanInfo info;
  info.costed = true;
  info.total_cost = pscan_total;
  info.rows = partial_rows;
  info.width = in.scan_width;
  const std::shared_ptr<const std::vector<bool>> read = in.scan->columns_read();
  const BoundExpr* where = in.where;
  const std::vector<Value>* params = in.ctx->param_values;
  std::vector<const BoundExpr*> project;
  std::vector<KeyColumn> columns;
  if (partial_distinct) {
    project = in.project;
    for (const BoundExpr* e : project) columns.emplace_back(e->type().oid);
  }
  PartialPlanFactory factory = [=](std::shared_ptr<ParallelScanShared> shared) -> PlanNodePtr {
    auto scan = std::make_unique<ParallelSeqScan>(std::move(shared), read);
    scan->set_explain_name(name);
    scan->set_plan_info(info);
    PlanNodePtr p = std::move(scan);
    if (where != nullptr) p = std::make_unique<Filter>(std::move(p), where, params);
    if (partial_distinct) {
      p = std::make_unique<Project>(std::move(p), project, params);
      p = std::make_unique<HashDistinct>(std::move(p), columns);
    }
    return p;
  };
  auto shared = std::make_shared<ParallelScanShared>(in.ctx->txn, codec);
  PlanNodePtr leader = factory(shared);
  auto gather = std::make_unique<Gather>(workers, shared, std::move(leader), factory);
  gather->set_estimate({pp.setup_cost, parallel, gathered, in.scan_width});
  out.plan = std::move(gather);
  out.projected = partial_distinct;
  return out;
}

}  // namespace strata::sql
