// InheritanceAppend: see node_append.h.
#include "sql/executor/node_append.h"

#include "sql/executor/explain_writer.h"
#include "sql/expr/text_quote.h"

namespace strata::sql {

void InheritanceAppend::Init() {
  current_ = 0;
  if (!members_.empty()) members_[0].scan->Init();
}

void InheritanceAppend::KeepMembers(const std::function<bool(Oid)>& keep) {
  std::vector<Member> kept;
  for (Member& m : members_) {
    if (keep(m.table_oid)) kept.push_back(std::move(m));
  }
  members_ = std::move(kept);
}

bool InheritanceAppend::Next(Row* row) {
  while (current_ < members_.size()) {
    Member& m = members_[current_];
    if (m.scan->Next(&member_row_)) {
      row->clear();
      row->reserve(m.slots.size() + 1);
      for (size_t i = 0; i < m.slots.size(); ++i) {
        const int slot = m.slots[i];
        row->push_back(slot >= 0 ? std::move(member_row_[static_cast<size_t>(slot)])
                                 : Value::Null(null_types_[i]));
      }
      row->push_back(Value::Integer(type_oid::kOid, m.table_oid));
      if (filter_ != nullptr) {
        EvalContext eval(params_);
        if (!EvaluatePredicate(*filter_, *row, eval)) continue;
      }
      return true;
    }
    m.scan->Close();
    if (++current_ < members_.size()) members_[current_].scan->Init();
  }
  return false;
}

void InheritanceAppend::Close() {
  if (current_ < members_.size()) members_[current_].scan->Close();
}

std::vector<std::string> InheritanceAppend::Describe(ExplainWriter& w) const {
  if (w.options().verbose) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "EXPLAIN VERBOSE of inheritance trees is not supported yet");
  }
  // Each member's scan, named by the parent's alias numbered in order --
  // or, when one member is left, the scan alone under the alias itself.
  auto describe = [&](const Member& m, const std::string& alias) {
    m.scan->set_explain_name("Seq Scan on " + QuoteIdentText(m.table_name) + " " +
                             QuoteIdentText(alias));
    w.Describe(*m.scan);
    if (filter_ != nullptr) {
      w.LastNode()->properties.emplace_back("Filter",
                                            w.DeparseScanQual(*filter_, w.ScanLabels()));
    }
  };
  if (members_.size() == 1) {
    describe(members_[0], alias_);
    return w.FromLabels();
  }
  w.BeginNode("Append");
  for (size_t i = 0; i < members_.size(); ++i) {
    describe(members_[i], alias_ + "_" + std::to_string(i + 1));
  }
  w.EndNode();
  return w.FromLabels();
}

}  // namespace strata::sql
