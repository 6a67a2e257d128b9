// EmitJoinRow (see join_row.h).
#include "sql/executor/join_row.h"

#include <utility>

namespace strata::sql {

namespace {

// dst = src, skipping the copy when both are NULLs of one type (see
// AssignJoinSide).
inline void Assign(Value& dst, const Value& src) {
  if (src.is_null() && dst.is_null() && dst.type() == src.type()) return;
  dst = src;
}

}  // namespace

void AssignJoinSide(const Row* side, size_t width, size_t at, Row* row) {
  static const Value kNull;
  for (size_t i = 0; i < width; ++i) {
    Assign((*row)[at + i], side != nullptr && i < side->size() ? (*side)[i] : kNull);
  }
}

void EmitJoinRow(const Row* outer, size_t outer_width, const Row* inner, size_t inner_width,
                 size_t slot_base, const std::vector<const BoundExpr*>& extra, EvalContext& ctx,
                 Row* row) {
  // An inner row carries its own width (it may hold more than inner_width).
  const size_t inner_count = inner != nullptr ? inner->size() : inner_width;
  row->resize(outer_width + inner_count);
  AssignJoinSide(outer, outer_width, 0, row);
  AssignJoinSide(inner, inner_count, outer_width, row);
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
