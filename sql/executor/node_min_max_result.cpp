// MinMaxResult (see node_min_max_result.h).
#include "sql/executor/node_min_max_result.h"

#include <algorithm>

#include "sql/executor/explain_writer.h"

namespace strata::sql {

bool MinMaxResult::Next(Row* row) {
  if (done_) return false;
  done_ = true;
  row->clear();
  row->reserve(subplans_.size());
  Row first;
  for (Subplan& s : subplans_) {
    if (s.plan == nullptr) {
      Value same = (*row)[static_cast<size_t>(s.same_as)];
      row->push_back(std::move(same));
      continue;
    }
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
    if (s.plan == nullptr) {
      out.push_back(out[static_cast<size_t>(s.same_as)]);
      continue;
    }
    const int plan_id = w.TakePlanId();
    const std::string param = "$" + std::to_string(w.TakeParamId());
    // VERBOSE: the scan's columns are qualified by its own name, and the
    // subplan returns the one column (its query's target list).
    const ExplainLabels saved_qualified = w.QualifiedFromLabels();
    const ExplainLabels saved_bare = w.BareFromLabels();
    const bool saved_qualify = w.QualifiesFromLabels();
    // (Built from the bare names: EXPLAIN describes VERBOSE plans a second
    // time over bare names for their Output lines, and PostgreSQL's plan,
    // with a relation per subplan, qualifies those too.)
    ExplainLabels qualified = saved_bare;
    for (std::string& label : qualified) label = s.relation + "." + label;
    w.SetFromLabels(qualified, saved_bare, saved_qualify);
    w.Describe(*s.plan);
    w.SetFromLabels(saved_qualified, saved_bare, saved_qualify);
    // The subplan's own entry: the last child of this Result. Its scan
    // (the Limit's input) knows the column's width.
    if (!self->children.empty()) {
      ExplainEntry* limit = self->children.back().get();
      limit->plan_label = "InitPlan " + std::to_string(plan_id) + " (returns " + param + ")";
      const size_t slot = static_cast<size_t>(s.slot);
      const ExplainLabels column = {slot < qualified.size() ? qualified[slot] : "?"};
      w.SetOutput(limit, column);
      if (!limit->children.empty()) {
        self->width += limit->children[0]->width;
        w.SetOutput(limit->children[0].get(), column);
      }
    }
    // Printed like an aggregate's result: parenthesized as a whole
    // expression above this node ("Sort Key: ($0)").
    out.push_back(ExplainWriter::Computed(param));
  }
  // VERBOSE: each parameter once.
  ExplainLabels output;
  for (const std::string& label : out) {
    if (std::find(output.begin(), output.end(), label) == output.end()) output.push_back(label);
  }
  w.SetOutput(self, output);
  w.EndNode();
  return out;
}

}  // namespace strata::sql
