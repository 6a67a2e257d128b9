// OneTimeFalseResult: PostgreSQL's "Result / One-Time Filter: false", the
// plan of a FROM clause whose WHERE folded to constant FALSE or NULL at plan
// time (plan_time_folding.h): it returns no rows and reads nothing.
#pragma once

#include "sql/executor/plan_node.h"

namespace strata::sql {

class OneTimeFalseResult final : public PlanNode {
 public:
  void Init() override {}
  bool Next(Row*) override { return false; }
  // Prints "Result" with "One-Time Filter: false"; its columns are the FROM
  // row's (the parents' expressions name them).
  std::vector<std::string> Describe(ExplainWriter& w) const override;
};

}  // namespace strata::sql
