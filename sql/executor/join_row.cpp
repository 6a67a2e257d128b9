// EmitJoinRow (see join_row.h).
#include "sql/executor/join_row.h"

#include <utility>

namespace strata::sql {

void EmitJoinRow(const Row* outer, size_t outer_width, const Row* inner, size_t inner_width,
                 size_t slot_base, const std::vector<const BoundExpr*>& extra, EvalContext& ctx,
                 Row* row) {
  row->clear();
  row->reserve(outer_width + inner_width + extra.size());
  if (outer != nullptr) {
    row->insert(row->end(), outer->begin(), outer->begin() + static_cast<std::ptrdiff_t>(outer_width));
  } else {
    row->resize(outer_width);
  }
  if (inner != nullptr) {
    row->insert(row->end(), inner->begin(), inner->end());
  } else {
    row->resize(outer_width + inner_width);
  }
  if (extra.empty()) return;
  Row padded;
  if (slot_base > 0) {
    padded.resize(slot_base);
    padded.insert(padded.end(), row->begin(), row->end());
  }
  ctx.SetRow(slot_base > 0 ? &padded : row);
  std::vector<Value> values;
  values.reserve(extra.size());
  for (const BoundExpr* e : extra) values.push_back(e->Evaluate(ctx));
  for (Value& v : values) row->push_back(std::move(v));
}

}  // namespace strata::sql
