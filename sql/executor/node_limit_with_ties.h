// LimitWithTies: OFFSET then FETCH FIRST count ROWS WITH TIES over sorted
// input (PostgreSQL's Limit node in LIMIT_OPTION_WITH_TIES mode): after the
// count-th row, rows that tie with it on the sort keys are returned too.
#pragma once

#include <string>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class LimitWithTies final : public PlanNode {
 public:
  // count < 0: no limit.
  LimitWithTies(PlanNodePtr child, int64_t offset, int64_t count, std::vector<SortKey> keys)
      : child_(std::move(child)), offset_(offset), count_(count), keys_(std::move(keys)) {}
  void Init() override {
    child_->Init();
    returned_ = 0;
    skipped_ = 0;
    done_ = false;
  }
  bool Next(Row* row) override;
  void Close() override { child_->Close(); }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  PlanNodePtr child_;
  int64_t offset_;
  int64_t count_;
  std::vector<SortKey> keys_;
  int64_t returned_ = 0;
  int64_t skipped_ = 0;
  bool done_ = false;
  std::string last_key_;  // of the count-th row
};

}  // namespace strata::sql
