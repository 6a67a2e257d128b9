// Bound expression nodes for composite values: ROW(...) constructors and
// field selection ((x).name), as PostgreSQL's ExecEvalRow and
// ExecEvalFieldSelect. The record's field names and types are in its type's
// typmod (sql/types/record_type.h); these nodes only move values.
#pragma once

#include <vector>

#include "sql/expr/bound_expr.h"

namespace strata::sql {

// ROW(a, b): a record of the arguments' values (NULLs included), of type
// `record` or of a named composite type (ROW(...)::t, a table's whole row).
// Arguments of type unknown (untyped literals) become text values.
class BoundRowConstructor final : public BoundExpr {
 public:
  // `type` is DataType{record, typmod} registered for the fields.
  BoundRowConstructor(std::vector<BoundExprPtr> args, DataType type, int location)
      : BoundExpr(BoundExprKind::kRowConstructor, type, location), args_(std::move(args)) {}
  Value Evaluate(EvalContext& ctx) const override;
  const std::vector<BoundExprPtr>& args() const { return args_; }
  // Moves the arguments out (the node is then unusable): the binder
  // rebuilds the row for another composite type.
  std::vector<BoundExprPtr> ReleaseArgs() { return std::move(args_); }

 private:
  std::vector<BoundExprPtr> args_;
};

// (arg).field: field number `index` (0-based) of a record; NULL when the
// record is NULL.
class BoundFieldSelect final : public BoundExpr {
 public:
  BoundFieldSelect(BoundExprPtr arg, size_t index, DataType type, int location)
      : BoundExpr(BoundExprKind::kFieldSelect, type, location),
        arg_(std::move(arg)),
        index_(index) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BoundExpr& arg() const { return *arg_; }

 private:
  BoundExprPtr arg_;
  size_t index_;
};

}  // namespace strata::sql
