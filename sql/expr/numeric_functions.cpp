// numeric operator functions: thin wrappers over Numeric, which implements
// PostgreSQL's arithmetic and result-scale rules.
#include <span>

#include "sql/expr/builtin_function.h"

namespace strata::sql {

namespace {

Value Add(std::span<const Value> a) {
  return Value::FromNumeric(a[0].numeric_value().Add(a[1].numeric_value()));
}
Value Sub(std::span<const Value> a) {
  return Value::FromNumeric(a[0].numeric_value().Sub(a[1].numeric_value()));
}
Value Mul(std::span<const Value> a) {
  return Value::FromNumeric(a[0].numeric_value().Mul(a[1].numeric_value()));
}
Value Div(std::span<const Value> a) {
  return Value::FromNumeric(a[0].numeric_value().Div(a[1].numeric_value()));
}
Value Mod(std::span<const Value> a) {
  return Value::FromNumeric(a[0].numeric_value().Mod(a[1].numeric_value()));
}
Value Negate(std::span<const Value> a) { return Value::FromNumeric(a[0].numeric_value().Negate()); }
Value Identity(std::span<const Value> a) { return a[0]; }

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp kCmp>
Value Compare(std::span<const Value> a) {
  const int c = a[0].numeric_value().Compare(a[1].numeric_value());
  switch (kCmp) {
    case Cmp::kEq:
      return Value::Bool(c == 0);
    case Cmp::kNe:
      return Value::Bool(c != 0);
    case Cmp::kLt:
      return Value::Bool(c < 0);
    case Cmp::kLe:
      return Value::Bool(c <= 0);
    case Cmp::kGt:
      return Value::Bool(c > 0);
    case Cmp::kGe:
      return Value::Bool(c >= 0);
  }
  return Value::Null(type_oid::kBool);
}

constexpr BuiltinFunction kFunctions[] = {
    {"numeric_add", Add},
    {"numeric_sub", Sub},
    {"numeric_mul", Mul},
    {"numeric_div", Div},
    {"numeric_mod", Mod},
    {"numeric_uminus", Negate},
    {"numeric_uplus", Identity},
    {"numeric_eq", Compare<Cmp::kEq>},
    {"numeric_ne", Compare<Cmp::kNe>},
    {"numeric_lt", Compare<Cmp::kLt>},
    {"numeric_le", Compare<Cmp::kLe>},
    {"numeric_gt", Compare<Cmp::kGt>},
    {"numeric_ge", Compare<Cmp::kGe>},
};

}  // namespace

std::span<const BuiltinFunction> NumericFunctions() { return kFunctions; }

}  // namespace strata::sql
