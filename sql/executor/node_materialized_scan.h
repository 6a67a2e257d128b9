// MaterializedScan: rows computed beforehand (a subquery in FROM, a view),
// handed out in order; Init() restarts, so a NestLoop can rescan it.
#pragma once

#include <memory>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class MaterializedScan final : public PlanNode {
 public:
  explicit MaterializedScan(std::shared_ptr<const std::vector<Row>> rows) : rows_(std::move(rows)) {}
  void Init() override { next_ = 0; }
  bool Next(Row* row) override {
    if (next_ >= rows_->size()) return false;
    *row = (*rows_)[next_++];
    return true;
  }

 private:
  std::shared_ptr<const std::vector<Row>> rows_;
  size_t next_ = 0;
};

}  // namespace strata::sql
