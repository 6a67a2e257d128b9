// Parallel plans for a one-table SELECT: whether PostgreSQL 15 would run
// the scan (and a partial DISTINCT) in parallel workers, and the
// Gather -> [HashAggregate ->] Parallel Seq Scan plan when it would
// (executor/node_gather.h runs it).
//
// Where: only for the statement a ParallelQueryScope names -- a top-level
// SELECT or EXPLAIN of one -- never for subqueries, cursors, or statements
// that write or lock rows (PostgreSQL's standard_planner sets
// CURSOR_OPT_PARALLEL_OK for those alone).
// What: a whole-table sequential scan with an optional WHERE and select
// list; with SELECT DISTINCT the distinct columns are deduplicated in the
// workers too (the caller sorts and uniques the gathered rows).
// When: the table is big enough (compute_parallel_worker), nothing in the
// statement is PARALLEL UNSAFE (commands/parallel_safety.h), and the cost
// model (planner/parallel_cost.h) finds the parallel plan cheaper.
#pragma once

#include <optional>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/executor/plan_node.h"
#include "sql/planner/path_cost.h"

namespace strata::sql {

struct CommandContext;

// Marks `stmt` as the statement that may get a parallel plan on this
// thread while the scope lives (scopes nest; the innermost counts).
class ParallelQueryScope {
 public:
  explicit ParallelQueryScope(const ast::SelectStatement* stmt);
  ~ParallelQueryScope();
  ParallelQueryScope(const ParallelQueryScope&) = delete;
  ParallelQueryScope& operator=(const ParallelQueryScope&) = delete;
  static bool Allows(const ast::SelectStatement* stmt);

 private:
  const ast::SelectStatement* previous_;
};

struct ParallelSelectInput {
  const CommandContext* ctx = nullptr;
  // The serial plan's scan of the whole table, its cost and row width.
  const SeqScan* scan = nullptr;
  PathCost scan_cost;
  int scan_width = 0;
  const BoundExpr* where = nullptr;  // may be null
  // The select list (and ORDER BY's extra columns), over the scanned row.
  std::vector<const BoundExpr*> project;
  // Other expressions of the statement (HAVING, ...): only checked for
  // PARALLEL UNSAFE calls.
  std::vector<const BoundExpr*> other;
  // SELECT DISTINCT over every column of `project`.
  bool distinct = false;
  // LIMIT (OFFSET + count) of a plain SELECT, < 0 for none: the plans are
  // compared at the fraction of their rows it fetches (a Gather's setup
  // is paid even when a serial scan would stop after a few rows).
  double limit_rows = -1;
  // PlanParallelAggregate's sorted form: ORDER BY is the one key DESC.
  bool keys_descending = false;
  // The serial plan's scan when it is not `scan` but a cheaper read of the
  // whole table through a smaller index (an index-only scan, which has no
  // parallel form here); unset: `scan_cost`.
  std::optional<PathCost> serial_scan_cost;
  // That scan returns rows in the DISTINCT columns' order: the serial plan
  // drops repeats with a Unique instead of hashing.
  bool serial_unique = false;
  // Evaluating `project` once (expr_eval_cost.h): paid per row, in the
  // workers when every column can run there.
  double project_cost = 0;
};

struct ParallelSelectPlan {
  PlanNodePtr plan;  // null: keep the serial plan
  // The plan's rows are already `project`'s (and distinct within each
  // process's share): the caller adds no Project.
  bool projected = false;
};

ParallelSelectPlan PlanParallelSelect(const ParallelSelectInput& in);

// GROUP BY / aggregates over the same kind of scan, the cheapest of
// PostgreSQL's three shapes: the serial plan (null plan), Aggregate over a
// Gather of the scan (`gather_only`: the caller aggregates the gathered
// rows), or Finalize Aggregate -> Gather -> Partial Aggregate
// (executor/node_parallel_agg.h) when every aggregate can be combined and
// the keys and arguments can run on a worker. With `sorted_by_keys`
// (ORDER BY is the GROUP BY keys) the partial form is Finalize
// GroupAggregate -> Gather Merge -> Sort -> Partial HashAggregate, whose
// rows come out in key order. `in.project` and `in.other` are checked
// for PARALLEL UNSAFE calls only; `in.distinct` is ignored.
struct ParallelAggPlan {
  PlanNodePtr plan;
  bool gather_only = false;
  bool sorted = false;  // rows in key order (the sorted_by_keys form)
};
ParallelAggPlan PlanParallelAggregate(const ParallelSelectInput& in,
                                      const std::vector<BoundExprPtr>* keys,
                                      const std::vector<AggregateCall>* aggs,
                                      bool sorted_by_keys);

}  // namespace strata::sql
