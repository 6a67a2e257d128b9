// Parallel aggregation: PostgreSQL's Finalize Aggregate -> Gather -> Partial
// Aggregate (or the HashAggregate forms with GROUP BY), run as one node.
//
// Each process -- up to `workers` StatementWorker threads and, with
// parallel_leader_participation, the leader -- runs its own copy of the
// partial input (a Parallel Seq Scan share, node_gather.h) and aggregates
// it into its own hash table of transition states. When all are done the
// leader combines the tables (agg_combine.h) and finishes each group; the
// rows are [group keys..., aggregate results...] as HashAgg's.
//
// Sorted form (`sorted`: PostgreSQL's Finalize GroupAggregate -> Gather
// Merge -> Sort -> Partial HashAggregate): each process sorts its groups
// by key and the leader merges the sorted shares, combining equal keys, so
// the rows come out in key order (ascending, NULLs last: the keys'
// memcomparable encodings).
//
// The partial tables stay in memory (no work_mem spilling: a worker's
// table holds at most the groups of its share). Errors and interrupts as
// for Gather (node_gather.h): a worker's error comes back with the context
// line "parallel worker"; a cancel stops the workers first.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/executor/node_gather.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

class ParallelAgg final : public PlanNode {
 public:
  // LIFETIME: `keys`, `aggs` and `params` outlive the node. The keys, the
  // aggregates' arguments and FILTERs must be safe to evaluate on a worker
  // thread (commands/parallel_safety.h). REQUIRES: every aggregate is
  // IsCombinableAggregate.
  ParallelAgg(int workers_planned, std::shared_ptr<ParallelScanShared> shared,
              PlanNodePtr leader_input, PartialPlanFactory factory,
              const std::vector<BoundExprPtr>* keys, const std::vector<AggregateCall>* aggs,
              const std::vector<Value>* params, bool sorted = false, bool descending = false);
  ~ParallelAgg() override;
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;

  // The planner's estimates for EXPLAIN's three entries.
  struct Costs {
    PlanNode::Estimate partial, gather, finalize;
  };
  void set_costs(const Costs& c) {
    costs_ = c;
    has_costs_ = true;
  }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  // The leader's input (EXPLAIN ANALYZE instruments it).
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override;

  struct Groups;  // one process's partial aggregation

 private:
  void StopWorkers() noexcept;
  PlanNode* LeaderInput();
  // The sorted form's Gather Merge and Finalize GroupAggregate.
  void MergeSorted(std::vector<Groups>* shares);

  int workers_planned_;
  std::shared_ptr<ParallelScanShared> shared_;
  PartialPlanFactory factory_;
  const std::vector<BoundExprPtr>* keys_;
  const std::vector<AggregateCall>* aggs_;
  const std::vector<Value>* params_;
  bool sorted_;
  bool descending_;  // the sorted form: largest key first (one key)
  Costs costs_;
  bool has_costs_ = false;
  // A HashAgg over the leader's input: EXPLAIN describes it (then splits
  // its entry into the Finalize / Gather / Partial entries); its child is
  // the leader's copy of the partial input.
  PlanNodePtr describe_;
  int launched_ = 0;
  int last_launched_ = 0;
  // What the last Init did, for EXPLAIN ANALYZE: the partial groups the
  // processes passed up, and how many processes aggregated.
  uint64_t gathered_ = 0;
  uint64_t processes_ = 0;
  std::vector<std::unique_ptr<StatementWorker>> workers_;
  std::vector<Row> output_;
  size_t next_ = 0;
};

}  // namespace strata::sql
