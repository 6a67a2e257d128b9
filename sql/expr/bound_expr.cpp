// Evaluation of bound expression nodes (see bound_expr.h for the rules).
#include "sql/expr/bound_expr.h"

#include <array>
#include <span>
#include <string>

#include "common/sql_error.h"
#include "sql/types/bit_string.h"
#include "sql/types/record_value.h"

namespace strata::sql {

namespace {

// Applies a strict two-argument function; NULL if either input is NULL.
Value CallStrict2(const BuiltinFunction* fn, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value::Null(type_oid::kBool);
  const std::array<Value, 2> args = {a, b};
  return fn->fn(args);
}

bool IsTrue(const Value& v) { return !v.is_null() && v.bool_value(); }

}  // namespace

const Value& EvalContext::Param(int number) const {
  if (params_ == nullptr || number < 1 || static_cast<size_t>(number) > params_->size()) {
    throw SqlError(SqlState::kInternalError, "no value found for parameter " +
                                                 std::to_string(number));
  }
  return (*params_)[number - 1];
}

Value BoundFunctionCall::Evaluate(EvalContext& ctx) const {
  // Evaluate every argument first (errors in any argument win over NULL).
  std::vector<Value> values;
  values.reserve(args_.size());
  bool any_null = false;
  for (const BoundExprPtr& arg : args_) {
    values.push_back(arg->Evaluate(ctx));
    any_null |= values.back().is_null();
  }
  if (any_null && fn_->strict) return Value::Null(type().oid);
  return fn_->fn(values);
}

Value BoundCast::Evaluate(EvalContext& ctx) const {
  Value v = arg_->Evaluate(ctx);
  if (v.is_null()) return Value::Null(type().oid);
  if (type().oid == bits::kBit && (v.type() == type_oid::kInt4 || v.type() == type_oid::kInt8)) {
    return CastIntegerToBit(v, type().typmod);  // int -> bit(n) keeps the rightmost n bits
  }
  return CastValue(v, type().oid, method_);
}

Value BoundTypmodCoercion::Evaluate(EvalContext& ctx) const {
  return ApplyTypmod(arg_->Evaluate(ctx), type().typmod, is_explicit_);
}

Value BoundBoolOp::Evaluate(EvalContext& ctx) const {
  if (op_ == Op::kNot) {
    Value v = args_[0]->Evaluate(ctx);
    if (v.is_null()) return v;
    return Value::Bool(!v.bool_value());
  }
  // AND: FALSE wins, then NULL, then TRUE. OR: TRUE wins, then NULL, FALSE.
  const bool deciding = op_ == Op::kOr;
  bool saw_null = false;
  for (const BoundExprPtr& arg : args_) {
    Value v = arg->Evaluate(ctx);
    if (v.is_null()) {
      saw_null = true;
    } else if (v.bool_value() == deciding) {
      return Value::Bool(deciding);
    }
  }
  if (saw_null) return Value::Null(type_oid::kBool);
  return Value::Bool(!deciding);
}

Value BoundNullTest::Evaluate(EvalContext& ctx) const {
  const Value v = arg_->Evaluate(ctx);
  if (v.is_record()) {
    // A composite IS NULL when every field is NULL and IS NOT NULL when none
    // is (ExecEvalRowNullInt), so ROW(NULL, 1) is neither.
    bool all_null = true;
    bool none_null = true;
    for (const Value& field : v.record_value().fields) {
      (field.is_null() ? none_null : all_null) = false;
    }
    return Value::Bool(is_not_null_ ? none_null : all_null);
  }
  const bool is_null = v.is_null();
  return Value::Bool(is_not_null_ ? !is_null : is_null);
}

Value BoundBooleanTest::Evaluate(EvalContext& ctx) const {
  Value v = arg_->Evaluate(ctx);
  const bool is_null = v.is_null();
  const bool is_true = !is_null && v.bool_value();
  const bool is_false = !is_null && !v.bool_value();
  switch (test_) {
    case Test::kIsTrue:
      return Value::Bool(is_true);
    case Test::kIsNotTrue:
      return Value::Bool(!is_true);
    case Test::kIsFalse:
      return Value::Bool(is_false);
    case Test::kIsNotFalse:
      return Value::Bool(!is_false);
    case Test::kIsUnknown:
      return Value::Bool(is_null);
    case Test::kIsNotUnknown:
      return Value::Bool(!is_null);
  }
  return Value::Null(type_oid::kBool);
}

// Pops the CASE test value pushed for a simple CASE, also on exceptions.
class CaseValueScope {
 public:
  CaseValueScope(EvalContext& ctx, const BoundExprPtr& arg) : ctx_(ctx), active_(arg != nullptr) {
    if (active_) ctx_.PushCaseValue(arg->Evaluate(ctx_));
  }
  ~CaseValueScope() {
    if (active_) ctx_.PopCaseValue();
  }
  CaseValueScope(const CaseValueScope&) = delete;
  CaseValueScope& operator=(const CaseValueScope&) = delete;

 private:
  EvalContext& ctx_;
  bool active_;
};

Value BoundCase::Evaluate(EvalContext& ctx) const {
  CaseValueScope scope(ctx, arg_);
  for (const BoundCaseWhen& when : whens_) {
    if (IsTrue(when.condition->Evaluate(ctx))) return when.result->Evaluate(ctx);
  }
  return default_result_->Evaluate(ctx);
}

int32_t BoundCase::FoldedTypmod(EvalContext& ctx) const {
  CaseValueScope scope(ctx, arg_);
  for (const BoundCaseWhen& when : whens_) {
    if (IsTrue(when.condition->Evaluate(ctx))) return when.result->FoldedTypmod(ctx);
  }
  return default_result_->FoldedTypmod(ctx);
}

Value BoundCoalesce::Evaluate(EvalContext& ctx) const {
  for (const BoundExprPtr& arg : args_) {
    Value v = arg->Evaluate(ctx);
    if (!v.is_null()) return v;
  }
  return Value::Null(type().oid);
}

int32_t BoundCoalesce::FoldedTypmod(EvalContext& ctx) const {
  for (const BoundExprPtr& arg : args_) {
    if (!arg->Evaluate(ctx).is_null()) return arg->FoldedTypmod(ctx);
  }
  return -1;  // folds to a NULL constant without typmod
}

Value BoundMinMax::Evaluate(EvalContext& ctx) const {
  Value best = Value::Null(type().oid);
  for (const BoundExprPtr& arg : args_) {
    Value v = arg->Evaluate(ctx);
    if (v.is_null()) continue;
    if (best.is_null()) {
      best = std::move(v);
      continue;
    }
    // GREATEST replaces when best < v; LEAST when v < best.
    const bool replace =
        is_greatest_ ? IsTrue(CallStrict2(less_, best, v)) : IsTrue(CallStrict2(less_, v, best));
    if (replace) best = std::move(v);
  }
  return best;
}

Value BoundNullIf::Evaluate(EvalContext& ctx) const {
  Value left = left_->Evaluate(ctx);
  Value right = right_->Evaluate(ctx);
  if (IsTrue(CallStrict2(equal_, left, right))) return Value::Null(type().oid);
  return left;
}

Value BoundDistinct::Evaluate(EvalContext& ctx) const {
  Value left = left_->Evaluate(ctx);
  Value right = right_->Evaluate(ctx);
  bool distinct;
  if (left.is_null() || right.is_null()) {
    distinct = left.is_null() != right.is_null();
  } else {
    distinct = !IsTrue(CallStrict2(equal_, left, right));
  }
  return Value::Bool(is_not_distinct_ ? !distinct : distinct);
}

Value BoundScalarArrayOp::Evaluate(EvalContext& ctx) const {
  Value left = left_->Evaluate(ctx);
  std::vector<Value> elements;
  elements.reserve(elements_.size());
  for (const BoundExprPtr& e : elements_) elements.push_back(e->Evaluate(ctx));
  if (elements.empty()) return Value::Bool(!use_or_);
  if (left.is_null()) return Value::Null(type_oid::kBool);
  bool saw_null = false;
  for (const Value& element : elements) {
    Value r = CallStrict2(op_, left, element);
    if (r.is_null()) {
      saw_null = true;
    } else if (r.bool_value() == use_or_) {
      return Value::Bool(use_or_);
    }
  }
  if (saw_null) return Value::Null(type_oid::kBool);
  return Value::Bool(!use_or_);
}

}  // namespace strata::sql
