// Evaluation of a bound constant SELECT / VALUES.
#include "sql/executor/execute_select.h"

namespace strata::sql {

SelectResult ExecuteSelect(const BoundSelect& select, const std::vector<Value>* params) {
  EvalContext ctx(params);
  SelectResult result;
  result.rows.reserve(select.rows.size());
  for (const auto& exprs : select.rows) {
    Row row;
    row.reserve(exprs.size());
    for (const BoundExprPtr& e : exprs) row.push_back(e->Evaluate(ctx));
    result.rows.push_back(std::move(row));
  }
  for (const OutputColumn& column : select.columns) {
    result.column_types.push_back(column.type);
  }
  // A single row is folded into the plan's target list (PostgreSQL pulls a
  // one-row VALUES up too); several VALUES rows keep the common typmod.
  if (select.rows.size() == 1) {
    for (size_t c = 0; c < select.rows[0].size(); ++c) {
      result.column_types[c].typmod = select.rows[0][c]->FoldedTypmod(ctx);
    }
  }
  if (select.where != nullptr) {
    const Value keep = select.where->Evaluate(ctx);
    if (keep.is_null() || !keep.bool_value()) result.rows.clear();
  }
  return result;
}

}  // namespace strata::sql
