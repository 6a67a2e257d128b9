// Bound expression nodes for arrays: ARRAY[...] constructors, subscripts and
// slices, `x op ANY/ALL (array)` and element-wise array casts.
// Semantics follow PostgreSQL's ExecEvalArrayExpr, array_get_element /
// array_get_slice, ExecEvalScalarArrayOp and ExecEvalArrayCoerce.
#pragma once

#include <vector>

#include "sql/expr/bound_expr.h"

namespace strata::sql {

class BoundArrayConstructor final : public BoundExpr {
 public:
  // `elements` already have the element type; `type` is the array type.
  BoundArrayConstructor(std::vector<BoundExprPtr> elements, Oid element_type, DataType type,
                        int location)
      : BoundExpr(BoundExprKind::kArrayConstructor, type, location),
        elements_(std::move(elements)),
        element_type_(element_type) {}
  Value Evaluate(EvalContext& ctx) const override;
  const std::vector<BoundExprPtr>& elements() const { return elements_; }

 private:
  std::vector<BoundExprPtr> elements_;
  Oid element_type_;
};

// arg[i] (one subscript: the element, NULL when out of range or NULL index;
// more subscripts than the array has dimensions also give NULL) or
// arg[lower:upper] (either bound may be omitted; the result has lower
// bound 1 and is empty when nothing is in range).
class BoundSubscript final : public BoundExpr {
 public:
  struct Index {
    BoundExprPtr lower;  // int4 or null
    BoundExprPtr upper;  // int4 or null
  };
  BoundSubscript(BoundExprPtr arg, std::vector<Index> indexes, bool is_slice, DataType type,
                 int location)
      : BoundExpr(BoundExprKind::kSubscript, type, location),
        arg_(std::move(arg)),
        indexes_(std::move(indexes)),
        is_slice_(is_slice) {}
  Value Evaluate(EvalContext& ctx) const override;

 private:
  BoundExprPtr arg_;
  std::vector<Index> indexes_;
  bool is_slice_;
};

// left op ANY (array) / left op ALL (array) with PostgreSQL's NULL rules: a
// NULL array gives NULL; an empty array gives false (ANY) or true (ALL); a
// NULL left operand gives NULL; otherwise NULL comparisons make the result
// NULL unless a decisive TRUE (ANY) or FALSE (ALL) is found.
class BoundArrayAnyAll final : public BoundExpr {
 public:
  BoundArrayAnyAll(const BuiltinFunction* op, bool use_or, BoundExprPtr left, BoundExprPtr array,
                   int location)
      : BoundExpr(BoundExprKind::kArrayAnyAll, DataType{type_oid::kBool}, location),
        op_(op),
        use_or_(use_or),
        left_(std::move(left)),
        array_(std::move(array)) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BuiltinFunction* op() const { return op_; }
  bool use_or() const { return use_or_; }
  const BoundExpr& left() const { return *left_; }
  const BoundExpr& array() const { return *array_; }

 private:
  const BuiltinFunction* op_;
  bool use_or_;
  BoundExprPtr left_;
  BoundExprPtr array_;
};

// An array cast applied to each non-NULL element (element cast method and
// typmod), e.g. '{abc}'::char(2)[] or int4[] -> text[].
class BoundArrayCoerce final : public BoundExpr {
 public:
  BoundArrayCoerce(BoundExprPtr arg, CastMethod element_method, Oid element_type,
                   int32_t element_typmod, bool is_explicit, DataType type, int location)
      : BoundExpr(BoundExprKind::kArrayCoerce, type, location),
        arg_(std::move(arg)),
        element_method_(element_method),
        element_type_(element_type),
        element_typmod_(element_typmod),
        is_explicit_(is_explicit) {}
  Value Evaluate(EvalContext& ctx) const override;
  const BoundExpr& arg() const { return *arg_; }

 private:
  BoundExprPtr arg_;
  CastMethod element_method_;
  Oid element_type_;
  int32_t element_typmod_;
  bool is_explicit_;
};

}  // namespace strata::sql
