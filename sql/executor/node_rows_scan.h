// RowsScan: rows a callback computes anew at every Init() (a user-defined
// function in FROM runs its body then), handed out in order; a NestLoop's
// rescan calls it again.
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class RowsScan final : public PlanNode {
 public:
  using Produce = std::function<std::vector<Row>()>;
  explicit RowsScan(Produce produce) : produce_(std::move(produce)) {}
  void Init() override {
    rows_ = produce_();
    next_ = 0;
  }
  bool Next(Row* row) override {
    if (next_ >= rows_.size()) return false;
    *row = std::move(rows_[next_++]);
    return true;
  }
  void Close() override { rows_.clear(); }

 private:
  Produce produce_;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

}  // namespace strata::sql
