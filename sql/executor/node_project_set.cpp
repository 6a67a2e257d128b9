// ProjectSet (see node_project_set.h).
#include "sql/executor/node_project_set.h"

#include <algorithm>

#include "common/interrupts.h"
#include "sql/executor/explain_writer.h"

namespace strata::sql {

void FinishSetReturningSlots(SetReturningState& state, int base) {
  for (size_t j = 0; j < state.calls.size(); ++j) {
    state.calls[j].result->set_slot(base + static_cast<int>(j));
  }
}

ProjectSet::ProjectSet(PlanNodePtr child, const std::vector<SetReturningTarget>* calls,
                       const std::vector<Value>* params)
    : child_(std::move(child)), calls_(calls), ctx_(params) {}

void ProjectSet::Init() {
  child_->Init();
  have_input_ = false;
  generators_.clear();
}

void ProjectSet::Close() {
  generators_.clear();
  child_->Close();
}

bool ProjectSet::StartInputRow() {
  if (!child_->Next(&input_)) return false;
  if (input_base_ > 0) {
    view_.assign(input_.begin() + static_cast<std::ptrdiff_t>(std::min(input_base_, input_.size())),
                 input_.end());
    ctx_.SetRow(&view_);
  } else {
    ctx_.SetRow(&input_);
  }
  generators_.clear();
  for (const SetReturningTarget& target : *calls_) {
    const auto& call = static_cast<const BoundFunctionCall&>(*target.call);
    std::vector<Value> values;
    values.reserve(call.args().size());
    bool any_null = false;
    for (const BoundExprPtr& arg : call.args()) {
      values.push_back(arg->Evaluate(ctx_));
      any_null |= values.back().is_null();
    }
    // The set-returning functions are strict: a NULL argument, no rows.
    generators_.push_back(any_null ? nullptr : target.function->set_generator(values));
  }
  have_input_ = true;
  return true;
}

bool ProjectSet::Next(Row* row) {
  while (true) {
    CheckForInterrupts();  // generate_series can be endless
    if (!have_input_ && !StartInputRow()) return false;
    std::vector<Value> values(calls_->size());
    bool any = false;
    for (size_t j = 0; j < generators_.size(); ++j) {
      if (generators_[j] != nullptr && generators_[j]->Next(&values[j])) {
        any = true;
      } else {
        generators_[j].reset();
        values[j] = Value::Null((*calls_)[j].call->type().oid);
      }
    }
    if (!any) {
      have_input_ = false;
      continue;
    }
    *row = input_;
    for (Value& v : values) row->push_back(std::move(v));
    return true;
  }
}

std::vector<std::string> ProjectSet::Describe(ExplainWriter& w) const {
  w.BeginNode("ProjectSet");
  ExplainEntry* self = w.LastNode();
  ExplainLabels labels = w.Describe(*child_);
  const ExplainLabels in = labels;
  const ExplainLabels args(in.begin() + static_cast<std::ptrdiff_t>(std::min(input_base_, in.size())),
                           in.end());
  for (const SetReturningTarget& target : *calls_) {
    labels.push_back(ExplainWriter::Computed(w.Deparse(*target.call, args)));
  }
  // The input's columns pass through as references, then the calls (until
  // a projection above replaces the Output with its own list).
  ExplainLabels output = ExplainWriter::Refs(in);
  for (size_t i = in.size(); i < labels.size(); ++i) output.push_back(labels[i]);
  w.SetOutput(self, output);
  w.EndNode();
  return labels;
}

}  // namespace strata::sql
