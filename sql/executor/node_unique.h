// Unique: PostgreSQL's Unique node over sorted input, as SELECT DISTINCT ON
// uses it: the first row of each run of rows equal in the key columns
// (equal memcomparable encodings, so NULLs are equal). The input must be
// sorted with the key columns first, so equal keys are adjacent.
#pragma once

#include <string>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class Unique final : public PlanNode {
 public:
  Unique(PlanNodePtr child, std::vector<SortKey> keys)
      : child_(std::move(child)), keys_(std::move(keys)) {}
  void Init() override {
    have_last_ = false;
    child_->Init();
  }
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  std::vector<SortKey> keys_;
  std::string last_key_;
  bool have_last_ = false;
};

// The memcomparable encoding of `keys` in `row` (the ordering and equality
// Sort, Unique and LimitWithTies share).
std::string EncodeSortKey(const std::vector<SortKey>& keys, const Row& row);

}  // namespace strata::sql
