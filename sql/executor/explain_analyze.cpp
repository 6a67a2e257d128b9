// InstrumentedNode and InstrumentPlan (see explain_analyze.h).
#include "sql/executor/explain_analyze.h"

#include <string>

#include "sql/executor/explain_writer.h"

namespace strata::sql {

void InstrumentPlan(PlanNodePtr* root) {
  (*root)->ForEachChild([](PlanNodePtr& child) { InstrumentPlan(&child); });
  *root = std::make_unique<InstrumentedNode>(std::move(*root));
}

void InstrumentedNode::Add(Clock::time_point start) {
  const double ms =
      std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  loop_ms_ += ms;
  total_ms_ += ms;
}

void InstrumentedNode::AddBlocks(const storage::ThreadBlockCounters& before) {
  const storage::ThreadBlockCounters& now = storage::CurrentThreadBlockCounters();
  blocks_.hits += now.hits - before.hits;
  blocks_.reads += now.reads - before.reads;
  blocks_.tables += now.tables - before.tables;
  blocks_.bloom_skips += now.bloom_skips - before.bloom_skips;
}

void InstrumentedNode::Init() {
  const Clock::time_point start = Clock::now();
  const storage::ThreadBlockCounters before = storage::CurrentThreadBlockCounters();
  ++loops_;
  first_seen_ = false;
  loop_ms_ = 0;
  inner_->Init();
  AddBlocks(before);
  Add(start);
}

void InstrumentedNode::Close() {
  const storage::ThreadBlockCounters before = storage::CurrentThreadBlockCounters();
  inner_->Close();
  AddBlocks(before);
}

bool InstrumentedNode::Next(Row* row) {
  const Clock::time_point start = Clock::now();
  const storage::ThreadBlockCounters before = storage::CurrentThreadBlockCounters();
  const bool got = inner_->Next(row);
  AddBlocks(before);
  Add(start);
  if (!first_seen_) {
    // PostgreSQL's startup time: until the first row (or the end).
    first_ms_ += loop_ms_;
    first_seen_ = true;
  }
  if (got) ++rows_;
  return got;
}

std::vector<std::string> InstrumentedNode::Describe(ExplainWriter& w) const {
  // The entry the wrapped node decorates (a Filter's) already has figures:
  // the difference is what the filter removed.
  std::vector<std::string> labels = w.Describe(*inner_);
  ExplainEntry* e = w.LastNode();
  if (e == nullptr) return labels;
  const bool decorates = e->has_actual;
  if (decorates && !e->properties.empty() && e->properties.back().first == "Filter" &&
      e->actual_rows > rows_) {
    e->properties.emplace_back("Rows Removed by Filter",
                               std::to_string((e->actual_rows - rows_) /
                                              (loops_ == 0 ? 1 : loops_)));
  }
  e->has_actual = true;
  e->actual_rows = rows_;
  e->loops = loops_;
  e->actual_first_ms = first_ms_;
  e->actual_total_ms = total_ms_;
  e->has_buffers = true;
  e->blocks_hit = blocks_.hits;
  e->blocks_read = blocks_.reads;
  e->sstables = blocks_.tables;
  e->bloom_skips = blocks_.bloom_skips;
  return labels;
}

}  // namespace strata::sql
