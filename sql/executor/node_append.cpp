// InheritanceAppend: see node_append.h.
#include "sql/executor/node_append.h"

#include "sql/executor/explain_writer.h"

namespace strata::sql {

void InheritanceAppend::Init() {
  current_ = 0;
  if (!members_.empty()) members_[0].scan->Init();
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
  w.BeginNode("Append");
  for (const Member& m : members_) w.Describe(*m.scan);
  w.EndNode();
  return w.FromLabels();
}

}  // namespace strata::sql
