// PostSortProject (node_post_sort_project.h): evaluation and EXPLAIN.
#include "sql/executor/node_post_sort_project.h"

#include "sql/executor/explain_writer.h"

namespace strata::sql {

bool PostSortProject::Next(Row* row) {
  if (!child_->Next(&sorted_)) return false;
  input_.assign(sorted_.begin() + static_cast<std::ptrdiff_t>(input_base_), sorted_.end());
  ctx_.SetRow(&input_);
  row->clear();
  row->reserve(postponed_.size());
  for (size_t i = 0; i < postponed_.size(); ++i) {
    row->push_back(postponed_[i] != nullptr ? postponed_[i]->Evaluate(ctx_)
                                            : std::move(sorted_[i]));
  }
  return true;
}

std::vector<std::string> PostSortProject::Describe(ExplainWriter& w) const {
  w.BeginNode("Result");
  ExplainEntry* self = w.LastNode();
  ExplainLabels in = w.Describe(*child_);
  ExplainLabels carried;
  if (input_base_ < in.size()) {
    carried.assign(in.begin() + static_cast<std::ptrdiff_t>(input_base_), in.end());
  }
  ExplainLabels out;
  out.reserve(postponed_.size());
  for (size_t i = 0; i < postponed_.size(); ++i) {
    if (postponed_[i] != nullptr) {
      out.push_back(ExplainWriter::Computed(w.Deparse(*postponed_[i], carried)));
    } else {
      out.push_back(i < in.size() ? ExplainWriter::Ref(in[i]) : "?");
    }
  }
  w.SetOutput(self, out);
  w.EndNode();
  return out;
}

}  // namespace strata::sql
