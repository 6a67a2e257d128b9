// MinMaxResult (see node_min_max_result.h).
#include "sql/executor/node_min_max_result.h"

#include "sql/executor/explain_writer.h"

namespace strata::sql {

bool MinMaxResult::Next(Row* row) {
  if (done_) return false;
  done_ = true;
  row->clear();
  row->reserve(subplans_.size());
  Row first;
  for (Subplan& s : subplans_) {
    s.plan->Init();
    const bool found = s.plan->Next(&first);
    s.plan->Close();
    const size_t slot = static_cast<size_t>(s.slot);
    if (found && slot < first.size()) {
      row->push_back(std::move(first[slot]));
    } else {
      row->push_back(Value::Null(s.type.oid));
    }
  }
  return true;
}

std::vector<std::string> MinMaxResult::Describe(ExplainWriter& w) const {
  w.BeginNode("Result");
  ExplainEntry* self = w.LastNode();
  // One row, computed from the InitPlans' parameters (whose cost EXPLAIN
  // adds to the node they end up on).
  self->costed = true;
  self->startup_cost = 0;
  self->total_cost = 0.01;
  self->rows = 1;
  ExplainLabels out;
  for (const Subplan& s : subplans_) {
    const int plan_id = w.TakePlanId();
    const std::string param = "$" + std::to_string(w.TakeParamId());
    w.Describe(*s.plan);
    // The subplan's own entry: the last child of this Result. Its scan
    // (the Limit's input) knows the column's width.
    if (!self->children.empty()) {
      ExplainEntry* limit = self->children.back().get();
      limit->plan_label = "InitPlan " + std::to_string(plan_id) + " (returns " + param + ")";
      if (!limit->children.empty()) self->width += limit->children[0]->width;
    }
    // Printed like an aggregate's result: parenthesized as a whole
    // expression above this node ("Sort Key: ($0)").
    out.push_back(ExplainWriter::Computed(param));
  }
  w.SetOutput(self, out);
  w.EndNode();
  return out;
}

}  // namespace strata::sql
