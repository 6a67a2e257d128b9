// ColumnReorder (see node_column_reorder.h).
#include "sql/executor/node_column_reorder.h"

#include "sql/executor/explain_writer.h"

namespace strata::sql {

bool ColumnReorder::Next(Row* row) {
  if (!child_->Next(&in_)) return false;
  row->resize(sources_.size());
  for (size_t i = 0; i < sources_.size(); ++i) (*row)[i] = std::move(in_[sources_[i]]);
  return true;
}

std::vector<std::string> ColumnReorder::Describe(ExplainWriter& w) const {
  w.Describe(*child_);
  return w.FromLabels();
}

}  // namespace strata::sql
