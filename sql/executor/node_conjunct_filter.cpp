// ConjunctFilter (see node_conjunct_filter.h).
#include "sql/executor/node_conjunct_filter.h"

#include "sql/executor/explain_writer.h"

namespace strata::sql {

bool ConjunctFilter::Next(Row* row) {
  while (child_->Next(row)) {
    const Row* eval = row;
    if (offset_ > 0) {
      padded_.assign(offset_, Value());
      padded_.insert(padded_.end(), row->begin(), row->end());
      eval = &padded_;
    }
    bool pass = true;
    for (const BoundExpr* p : predicates_) {
      if (!EvaluatePredicate(*p, *eval, ctx_)) {
        pass = false;
        break;
      }
    }
    if (pass) return true;
  }
  return false;
}

std::vector<std::string> ConjunctFilter::Describe(ExplainWriter& w) const {
  std::vector<std::string> labels = w.Describe(*child_);
  ExplainEntry* below = w.LastNode();
  if (below == nullptr || predicates_.size() <= silent_) return labels;
  // Scan quals print unqualified (PostgreSQL's show_scan_qual).
  const bool scan = below->name.find(" Scan") != std::string::npos &&
                    below->name.rfind("Subquery Scan", 0) != 0;
  const ExplainLabels names = scan ? w.ScanLabels() : ExplainWriter::Bares(w.FromLabels());
  const std::vector<const BoundExpr*> conjuncts(
      predicates_.begin() + static_cast<std::ptrdiff_t>(silent_), predicates_.end());
  std::string text;
  if (scan) {
    text = w.DeparseScanQual(conjuncts, names);
  } else if (conjuncts.size() == 1) {
    text = w.Deparse(*conjuncts[0], names);
  } else {
    text = "(";
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      if (i > 0) text += " AND ";
      text += w.Deparse(*conjuncts[i], names);
    }
    text += ")";
  }
  below->properties.emplace_back("Filter", text);
  return labels;
}

}  // namespace strata::sql
