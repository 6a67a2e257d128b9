// numeric operator and math functions: thin wrappers over Numeric and
// numeric_math.h, which implement PostgreSQL's arithmetic and result-scale
// rules, plus the scale inspection functions (scale, min_scale, trim_scale),
// div, gcd, lcm and width_bucket.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"
#include "sql/types/numeric_math.h"
#include "sql/types/numeric_var.h"

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
Value Power(std::span<const Value> a) {
  return Value::FromNumeric(NumericPower(a[0].numeric_value(), a[1].numeric_value()));
}
Value Sqrt(std::span<const Value> a) { return Value::FromNumeric(NumericSqrt(a[0].numeric_value())); }
Value Exp(std::span<const Value> a) { return Value::FromNumeric(NumericExp(a[0].numeric_value())); }
Value Ln(std::span<const Value> a) { return Value::FromNumeric(NumericLn(a[0].numeric_value())); }
// log(b, x); log(x) is math_sql_functions.cpp's.
Value Log(std::span<const Value> a) {
  return Value::FromNumeric(NumericLog(a[0].numeric_value(), a[1].numeric_value()));
}

// numeric_div_trunc: the quotient truncated toward zero, scale 0.
Value DivTrunc(std::span<const Value> a) {
  const Numeric& x = a[0].numeric_value();
  const Numeric& y = a[1].numeric_value();
  if (!x.is_finite() || !y.is_finite()) {
    if (x.is_nan() || y.is_nan()) return Value::FromNumeric(Numeric::NaN());
    if (x.is_infinite()) {
      if (y.is_infinite()) return Value::FromNumeric(Numeric::NaN());  // Inf / Inf
      if (y.Sign() == 0) throw SqlError(SqlState::kDivisionByZero, "division by zero");
      return Value::FromNumeric(Numeric::Infinity((x.Sign() < 0) != (y.Sign() < 0)));
    }
    return Value::FromNumeric(Numeric());  // finite / Inf
  }
  if (y.is_zero()) throw SqlError(SqlState::kDivisionByZero, "division by zero");
  return Value::FromNumeric(
      Div(NumericVar::FromNumeric(x), NumericVar::FromNumeric(y), 0).ToNumeric(0));
}

// gcd_var(): Euclid's algorithm on the absolute values; the result's scale
// is the larger input scale.
Numeric Gcd(const Numeric& x, const Numeric& y) {
  Numeric a = x.Sign() < 0 ? x.Negate() : x;
  Numeric b = y.Sign() < 0 ? y.Negate() : y;
  while (!b.is_zero()) {
    Numeric r = a.Mod(b);
    a = b;
    b = r;
  }
  const NumericVar v = NumericVar::FromNumeric(a);
  return v.ToNumeric(std::max(x.dscale(), y.dscale()));
}
Value GcdFn(std::span<const Value> a) {
  const Numeric& x = a[0].numeric_value();
  const Numeric& y = a[1].numeric_value();
  if (!x.is_finite() || !y.is_finite()) return Value::FromNumeric(Numeric::NaN());
  return Value::FromNumeric(Gcd(x, y));
}
// lcm(x, y) = |x / gcd(x, y) * y|, zero if either is.
Value LcmFn(std::span<const Value> a) {
  const Numeric& x = a[0].numeric_value();
  const Numeric& y = a[1].numeric_value();
  if (!x.is_finite() || !y.is_finite()) return Value::FromNumeric(Numeric::NaN());
  const int dscale = std::max(x.dscale(), y.dscale());
  if (x.is_zero() || y.is_zero()) return Value::FromNumeric(NumericVar().ToNumeric(dscale));
  NumericVar q = Div(NumericVar::FromNumeric(x), NumericVar::FromNumeric(Gcd(x, y)), 0);
  NumericVar r = ::strata::sql::Mul(q, NumericVar::FromNumeric(y));
  r.negative = false;
  return Value::FromNumeric(r.ToNumeric(dscale));
}

// get_min_scale(): the fewest decimals that show the value exactly.
int MinScale(const Numeric& n) {
  const auto digits = n.digits();
  if (digits.empty()) return 0;
  int min_scale = (static_cast<int>(digits.size()) - 1 - n.weight()) * Numeric::kDecDigits;
  if (min_scale <= 0) return 0;
  for (int last = digits.back(); last % 10 == 0; last /= 10) --min_scale;
  return min_scale;
}
Value Scale(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return Value::Null(type_oid::kInt4);
  return Value::Int4(n.dscale());
}
Value MinScaleFn(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return Value::Null(type_oid::kInt4);
  return Value::Int4(MinScale(n));
}
Value TrimScale(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return a[0];
  return Value::FromNumeric(Numeric::FromDigits(n.Sign() < 0, n.weight(), n.digits(), MinScale(n)));
}

// width_bucket(operand, bound1, bound2, count) for numeric.
Value WidthBucket(std::span<const Value> a) {
  const Numeric& operand = a[0].numeric_value();
  const Numeric& bound1 = a[1].numeric_value();
  const Numeric& bound2 = a[2].numeric_value();
  const int64_t count = a[3].int_value();
  auto fail = [](const char* message) {
    throw SqlError(SqlState::kInvalidArgumentForWidthBucketFunction, message);
  };
  if (count <= 0) fail("count must be greater than zero");
  if (operand.is_nan() || bound1.is_nan() || bound2.is_nan()) {
    fail("operand, lower bound, and upper bound cannot be NaN");
  }
  if (bound1.is_infinite() || bound2.is_infinite()) fail("lower and upper bounds must be finite");
  const int cmp = bound1.Compare(bound2);
  if (cmp == 0) fail("lower bound cannot equal upper bound");
  const Numeric count_n = Numeric::FromInt64(count);
  Numeric result;
  if (cmp < 0 ? operand.Compare(bound1) < 0 : operand.Compare(bound1) > 0) {
    result = Numeric();
  } else if (cmp < 0 ? operand.Compare(bound2) >= 0 : operand.Compare(bound2) <= 0) {
    result = count_n.Add(Numeric::FromInt64(1));
  } else {
    // compute_bucket(): multiply by count before dividing, then floor(q + 1).
    const Numeric offset = cmp < 0 ? operand.Sub(bound1) : bound1.Sub(operand);
    const Numeric width = cmp < 0 ? bound2.Sub(bound1) : bound1.Sub(bound2);
    Numeric q = offset.Mul(count_n).Div(width).Add(Numeric::FromInt64(1));
    Numeric t = q.Trunc(0);
    if (q.Sign() < 0 && t.Compare(q) != 0) t = t.Sub(Numeric::FromInt64(1));
    result = t;
  }
  const std::optional<int64_t> v = result.ToInt64();
  if (!v || *v > INT32_MAX || *v < INT32_MIN) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "integer out of range");
  }
  return Value::Int4(*v);
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
    {"numeric_power", Power},
    {"numeric_sqrt", Sqrt},
    {"numeric_exp", Exp},
    {"numeric_ln", Ln},
    {"numeric_log", Log},
    {"numeric_div_trunc", DivTrunc},
    {"numeric_gcd", GcdFn},
    {"numeric_lcm", LcmFn},
    {"numeric_scale", Scale},
    {"numeric_min_scale", MinScaleFn},
    {"numeric_trim_scale", TrimScale},
    {"width_bucket_numeric", WidthBucket},
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
