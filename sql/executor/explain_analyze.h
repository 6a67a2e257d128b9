// EXPLAIN ANALYZE instrumentation (PostgreSQL's Instrumentation): every node
// of a plan is wrapped in an InstrumentedNode that counts the rows it
// returns, its Init() calls (loops) and the time to its first row and in
// total; its Describe() describes the wrapped node and stamps those figures
// on the entry it made ("(actual time=a..b rows=n loops=n)"). A Filter that
// decorated the entry below it turns the figures into "Rows Removed by
// Filter: n". With BUFFERS it also sums the calling thread's storage
// counters (storage/sstable/thread_block_counters.h) across each call:
// two thread-local reads per call, no atomics.
#pragma once

#include <chrono>

#include "storage/sstable/thread_block_counters.h"

#include "sql/executor/plan_node.h"

namespace strata::sql {

// Wraps every node of the tree rooted at *root (children first).
void InstrumentPlan(PlanNodePtr* root);

class InstrumentedNode final : public PlanNode {
 public:
  explicit InstrumentedNode(PlanNodePtr inner) : inner_(std::move(inner)) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;
  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(inner_); }

 private:
  using Clock = std::chrono::steady_clock;
  void Add(Clock::time_point start);

  // Adds the thread's counters since `before` to blocks_.
  void AddBlocks(const storage::ThreadBlockCounters& before);

  PlanNodePtr inner_;
  storage::ThreadBlockCounters blocks_;  // summed over this node's calls
  uint64_t rows_ = 0;
  uint64_t loops_ = 0;
  bool first_seen_ = false;  // this loop returned a row already
  double first_ms_ = 0;      // summed over loops
  double total_ms_ = 0;
  double loop_ms_ = 0;       // this loop so far
};

}  // namespace strata::sql
