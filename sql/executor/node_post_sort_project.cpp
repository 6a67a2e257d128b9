// PostSortProject (node_post_sort_project.h): evaluation and EXPLAIN.
#include "sql/executor/node_post_sort_project.h"

#include <algorithm>
#include <functional>
#include <memory>

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
  if (!over_project_set_) w.BeginNode("Result");
  ExplainEntry* self = w.LastNode();
  const ExplainLabels in = w.Describe(*child_);
  if (over_project_set_) self = w.LastNode();
  const size_t base = std::min(input_base_, in.size());
  const ExplainLabels carried(in.begin() + static_cast<std::ptrdiff_t>(base), in.end());
  const size_t targets = postponed_.size();
  ExplainLabels out;
  out.reserve(targets);
  for (size_t i = 0; i < targets; ++i) {
    const BoundExpr* e = postponed_[i];
    if (e != nullptr && e->kind() == BoundExprKind::kColumnRef &&
        static_cast<size_t>(static_cast<const BoundColumnRef*>(e)->slot()) < carried.size()) {
      // A set-returning call's value: the ProjectSet computes it.
      out.push_back(carried[static_cast<size_t>(static_cast<const BoundColumnRef*>(e)->slot())]);
    } else if (e != nullptr) {
      out.push_back(ExplainWriter::Computed(w.Deparse(*e, carried)));
    } else {
      out.push_back(i < in.size() ? ExplainWriter::Ref(in[i]) : "?");
    }
  }
  {
    // PostgreSQL's lists (make_sort_input_target): the Sort and the node
    // below it return the select list without the postponed columns, the
    // sort-only columns, then the columns the postponed expressions read
    // that are not among those yet; this node returns the whole select
    // list and the sort-only columns. Our rows carry the whole input row
    // instead (and placeholders), which PostgreSQL never shows.
    ExplainEntry* sort = self->children.empty() ? nullptr : self->children.back().get();
    ExplainEntry* below =
        sort == nullptr || sort->children.empty() ? nullptr : sort->children.back().get();
    const ExplainLabels* raw = below != nullptr ? w.LabelsOf(below) : nullptr;
    const ExplainLabels* sorted = sort != nullptr ? w.LabelsOf(sort) : nullptr;
    // Columns past the Sort's are the set-returning calls' values.
    const size_t sort_width = sorted != nullptr ? std::min(sorted->size(), in.size()) : in.size();
    std::vector<size_t> kept;
    for (size_t i = 0; i < base; ++i) {
      if (i >= targets || postponed_[i] == nullptr) kept.push_back(i);
    }
    std::function<void(const BoundExpr&)> add_reads = [&](const BoundExpr& e) {
      for (int slot : w.ColumnSlots(e)) {
        const size_t at = base + static_cast<size_t>(slot);
        if (at >= sort_width) {
          const size_t call = at - sort_width;
          if (call < project_set_calls_.size()) add_reads(*project_set_calls_[call]);
          continue;
        }
        const bool listed = std::any_of(kept.begin(), kept.end(),
                                        [&](size_t k) { return in[k] == in[at]; });
        if (!listed) kept.push_back(at);
      }
    };
    for (const BoundExpr* e : postponed_) {
      if (e != nullptr) add_reads(*e);
    }
    ExplainLabels sort_out, below_out;
    for (size_t k : kept) {
      sort_out.push_back(in[k]);
      below_out.push_back(raw != nullptr && k < raw->size() ? (*raw)[k] : in[k]);
    }
    if (sort != nullptr) w.SetOutput(sort, sort_out);
    if (below != nullptr && ExplainWriter::ProjectionCapable(*below)) {
      w.SetOutput(below, below_out);
    }
    if (w.options().verbose) {
      for (size_t i = targets; i < base; ++i) out.push_back(ExplainWriter::Ref(in[i]));
    }
    // Set-returning calls whose arguments read columns: PostgreSQL's
    // ProjectSet reads them from a Result over the Sort that lists them
    // first, then the columns passed through (split_pathtarget_at_srfs),
    // unless that is the Sort's list already.
    if (over_project_set_ && sort != nullptr) {
      ExplainLabels level0;
      auto add = [&level0](const std::string& label) {
        if (std::find(level0.begin(), level0.end(), label) == level0.end()) {
          level0.push_back(label);
        }
      };
      for (const BoundExpr* call : project_set_calls_) {
        for (int slot : w.ColumnSlots(*call)) {
          const size_t at = base + static_cast<size_t>(slot);
          if (at < sort_width) add(in[at]);
        }
      }
      if (!level0.empty()) {
        for (size_t i = 0; i < base; ++i) {
          const BoundExpr* e = i < targets ? postponed_[i] : nullptr;
          if (e == nullptr) {
            add(in[i]);
            continue;
          }
          for (int slot : w.ColumnSlots(*e)) {
            const size_t at = base + static_cast<size_t>(slot);
            if (at < sort_width) add(in[at]);
          }
        }
        if (level0 != sort_out) {
          auto result = std::make_unique<ExplainEntry>();
          result->name = "Result";
          ExplainEntry* r = result.get();
          result->children.push_back(std::move(self->children.back()));
          self->children.back() = std::move(result);
          w.SetOutput(r, level0);
        }
      }
    }
  }
  w.SetOutput(self, out);
  if (!over_project_set_) w.EndNode();  // (over a ProjectSet this node adds no entry)
  return out;
}

}  // namespace strata::sql
