// Evaluation of the array expression nodes (see array_exprs.h).
#include "sql/expr/array_exprs.h"

#include <array>

#include "sql/types/array_value.h"
#include "sql/types/user_types.h"

namespace strata::sql {

Value BoundArrayConstructor::Evaluate(EvalContext& ctx) const {
  std::vector<Value> values;
  values.reserve(elements_.size());
  for (const BoundExprPtr& e : elements_) {
    Value v = e->Evaluate(ctx);
    if (v.is_null()) v = Value::Null(element_type_);
    values.push_back(std::move(v));
  }
  return MakeArray(type().oid, element_type_, std::move(values));
}

Value BoundSubscript::Evaluate(EvalContext& ctx) const {
  Value array = arg_->Evaluate(ctx);
  // Every subscript is evaluated (a NULL one makes the result NULL).
  std::vector<std::array<Value, 2>> bounds;
  bool any_null = false;
  for (const Index& index : indexes_) {
    std::array<Value, 2> b;
    if (index.lower) b[0] = index.lower->Evaluate(ctx);
    if (index.upper) b[1] = index.upper->Evaluate(ctx);
    any_null |= (index.lower && b[0].is_null()) || (index.upper && b[1].is_null());
    bounds.push_back(std::move(b));
  }
  if (array.is_null() || any_null) return Value::Null(type().oid);
  const ArrayValue& a = array.array_value();
  if (!is_slice_) {
    if (bounds.size() != 1 || a.elements.empty()) return Value::Null(type().oid);
    const int64_t i = bounds[0][1].int_value();
    if (i < a.lower_bound || i > a.upper_bound()) return Value::Null(type().oid);
    return a.elements[static_cast<size_t>(i - a.lower_bound)];
  }
  // A slice of a one-dimensional array (more dimensions: empty).
  if (bounds.size() != 1 || a.elements.empty()) {
    return MakeArray(type().oid, a.element_type, {});
  }
  int64_t lo = indexes_[0].lower ? bounds[0][0].int_value() : a.lower_bound;
  int64_t hi = indexes_[0].upper ? bounds[0][1].int_value() : a.upper_bound();
  if (lo < a.lower_bound) lo = a.lower_bound;
  if (hi > a.upper_bound()) hi = a.upper_bound();
  std::vector<Value> out;
  for (int64_t i = lo; i <= hi; ++i) out.push_back(a.elements[static_cast<size_t>(i - a.lower_bound)]);
  return MakeArray(type().oid, a.element_type, std::move(out));
}

Value BoundArrayAnyAll::Evaluate(EvalContext& ctx) const {
  Value left = left_->Evaluate(ctx);
  Value array = array_->Evaluate(ctx);
  if (array.is_null()) return Value::Null(type_oid::kBool);
  const ArrayValue& a = array.array_value();
  if (a.elements.empty()) return Value::Bool(!use_or_);
  if (left.is_null()) return Value::Null(type_oid::kBool);
  bool saw_null = false;
  for (const Value& element : a.elements) {
    if (element.is_null()) {
      saw_null = true;
      continue;
    }
    const std::array<Value, 2> args = {left, element};
    const Value r = op_->fn(args);
    if (r.is_null()) {
      saw_null = true;
    } else if (r.bool_value() == use_or_) {
      return Value::Bool(use_or_);
    }
  }
  if (saw_null) return Value::Null(type_oid::kBool);
  return Value::Bool(!use_or_);
}

Value BoundArrayCoerce::Evaluate(EvalContext& ctx) const {
  Value v = arg_->Evaluate(ctx);
  if (v.is_null()) return Value::Null(type().oid);
  const ArrayValue& a = v.array_value();
  std::vector<Value> out;
  out.reserve(a.elements.size());
  // Elements converted to a domain are its base type's values, checked
  // against its constraints (NULLs too: NOT NULL).
  const Oid base = BaseTypeOf(element_type_);
  const bool to_domain = base != element_type_;
  for (const Value& e : a.elements) {
    if (e.is_null()) {
      if (to_domain) CheckDomainValue(element_type_, e);
      out.push_back(Value::Null(element_type_));
      continue;
    }
    Value c = e.type() == base ? e : CastValue(e, base, element_method_);
    c = ApplyTypmod(c, element_typmod_, is_explicit_);
    if (to_domain) CheckDomainValue(element_type_, c);
    out.push_back(std::move(c));
  }
  return MakeArray(type().oid, element_type_, std::move(out), a.lower_bound);
}

}  // namespace strata::sql
