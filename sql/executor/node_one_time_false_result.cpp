// OneTimeFalseResult's EXPLAIN (node_one_time_false_result.h).
#include "sql/executor/node_one_time_false_result.h"

#include "sql/executor/explain_writer.h"

namespace strata::sql {

std::vector<std::string> OneTimeFalseResult::Describe(ExplainWriter& w) const {
  w.BeginNode("Result");
  w.Property("One-Time Filter", "false");
  w.EndNode();
  return w.FromLabels();
}

}  // namespace strata::sql
