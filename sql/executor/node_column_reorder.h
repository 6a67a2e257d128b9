// ColumnReorder: the child's rows with their columns permuted. A join
// planned with its FROM items' sides swapped (the second item outside, as a
// cost-based order puts it) returns [second, first] columns; this puts them
// back in FROM order, which is how everything above addresses them.
//
// EXPLAIN shows only the child (PostgreSQL's join node emits FROM-order
// targets itself).
#pragma once

#include <utility>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class ColumnReorder final : public PlanNode {
 public:
  // Output column i is the child's column `sources[i]`.
  ColumnReorder(PlanNodePtr child, std::vector<size_t> sources)
      : child_(std::move(child)), sources_(std::move(sources)) {}
  void Init() override { child_->Init(); }
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }
  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  std::vector<size_t> sources_;
  Row in_;
};

}  // namespace strata::sql
