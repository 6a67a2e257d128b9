// LateralLoop: a join whose inner side depends on the outer row (a LATERAL
// subquery in FROM). For each outer row the inner rows are produced again,
// with that row pushed on the outer-row stack (expr/subquery_exprs.h) so the
// inner query's references to earlier FROM items read it; then the rows are
// joined as NestLoop joins them, for INNER and LEFT joins (the only ones a
// LATERAL reference allows).
//
// REQUIRES: the outer row's slots start at 0 in the query's row layout (the
// inner query's references were bound to those slots).
#pragma once

#include <functional>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

class LateralLoop final : public PlanNode {
 public:
  using InnerRows = std::function<std::vector<Row>()>;
  LateralLoop(PlanNodePtr outer, InnerRows inner, bool left_join,
              std::vector<const BoundExpr*> quals, size_t outer_width, size_t inner_width,
              const std::vector<Value>* params)
      : outer_(std::move(outer)),
        inner_(std::move(inner)),
        left_join_(left_join),
        quals_(std::move(quals)),
        outer_width_(outer_width),
        inner_width_(inner_width),
        ctx_(params) {}
  void Init() override;
  bool Next(Row* row) override;
  void Close() override;

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(outer_); }

 private:
  PlanNodePtr outer_;
  InnerRows inner_;
  bool left_join_;
  std::vector<const BoundExpr*> quals_;
  size_t outer_width_;
  size_t inner_width_;
  EvalContext ctx_;
  Row outer_row_;
  std::vector<Row> inner_rows_;
  size_t inner_pos_ = 0;
  bool have_outer_ = false;
  bool outer_matched_ = false;
};

}  // namespace strata::sql
