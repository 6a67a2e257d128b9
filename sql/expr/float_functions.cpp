// float4/float8 operator functions with PostgreSQL's checks: overflow and
// underflow (22003 "value out of range: overflow"/"underflow") and division
// by zero (22012). Comparisons order NaN above every other value and equal to
// itself, as PostgreSQL's float comparisons do. Cross-type float48/float84
// operators compute in double.
#include <cmath>
#include <span>
#include <type_traits>

#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"

namespace strata::sql {

namespace {

[[noreturn]] void ThrowOverflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: overflow");
}
[[noreturn]] void ThrowUnderflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: underflow");
}

// T is the type arithmetic happens in: float for float4 op float4, double
// whenever a float8 is involved.
template <typename T>
Value Make(T v) {
  if constexpr (std::is_same_v<T, float>) {
    return Value::Float4(v);
  } else {
    return Value::Float8(v);
  }
}

template <typename T>
T Arg(const Value& v) {
  return static_cast<T>(v.float_value());
}

template <typename T>
Value Add(std::span<const Value> a) {
  const T x = Arg<T>(a[0]), y = Arg<T>(a[1]);
  const T r = x + y;
  if (std::isinf(r) && !std::isinf(x) && !std::isinf(y)) ThrowOverflow();
  return Make<T>(r);
}

template <typename T>
Value Sub(std::span<const Value> a) {
  const T x = Arg<T>(a[0]), y = Arg<T>(a[1]);
  const T r = x - y;
  if (std::isinf(r) && !std::isinf(x) && !std::isinf(y)) ThrowOverflow();
  return Make<T>(r);
}

template <typename T>
Value Mul(std::span<const Value> a) {
  const T x = Arg<T>(a[0]), y = Arg<T>(a[1]);
  const T r = x * y;
  if (std::isinf(r) && !std::isinf(x) && !std::isinf(y)) ThrowOverflow();
  if (r == 0 && x != 0 && y != 0) ThrowUnderflow();
  return Make<T>(r);
}

template <typename T>
Value Div(std::span<const Value> a) {
  const T x = Arg<T>(a[0]), y = Arg<T>(a[1]);
  if (y == 0 && !std::isnan(x)) {
    throw SqlError(SqlState::kDivisionByZero, "division by zero");
  }
  const T r = x / y;
  if (std::isinf(r) && !std::isinf(x)) ThrowOverflow();
  if (r == 0 && x != 0 && !std::isinf(y)) ThrowUnderflow();
  return Make<T>(r);
}

template <typename T>
Value Negate(std::span<const Value> a) {
  return Make<T>(-Arg<T>(a[0]));
}

template <typename T>
Value Identity(std::span<const Value> a) {
  return Make<T>(Arg<T>(a[0]));
}

// float8_cmp_internal: NaN sorts after everything and equals NaN.
int CompareFloats(double x, double y) {
  if (std::isnan(x)) return std::isnan(y) ? 0 : 1;
  if (std::isnan(y)) return -1;
  return x < y ? -1 : (x > y ? 1 : 0);
}

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp kCmp>
Value Compare(std::span<const Value> a) {
  // A float4 payload is exactly representable as double, so comparing the
  // double payloads is exact for every type pair.
  const int c = CompareFloats(a[0].float_value(), a[1].float_value());
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

// clang-format off
#define STRATA_FLOAT_OPERATORS(prefix, T)                                     \
  {#prefix "pl", Add<T>}, {#prefix "mi", Sub<T>},                             \
  {#prefix "mul", Mul<T>}, {#prefix "div", Div<T>},                           \
  {#prefix "eq", Compare<Cmp::kEq>}, {#prefix "ne", Compare<Cmp::kNe>},       \
  {#prefix "lt", Compare<Cmp::kLt>}, {#prefix "le", Compare<Cmp::kLe>},       \
  {#prefix "gt", Compare<Cmp::kGt>}, {#prefix "ge", Compare<Cmp::kGe>}
// clang-format on

constexpr BuiltinFunction kFunctions[] = {
    STRATA_FLOAT_OPERATORS(float4, float),
    STRATA_FLOAT_OPERATORS(float8, double),
    STRATA_FLOAT_OPERATORS(float48, double),
    STRATA_FLOAT_OPERATORS(float84, double),
    {"float4um", Negate<float>},
    {"float8um", Negate<double>},
    {"float4up", Identity<float>},
    {"float8up", Identity<double>},
};

#undef STRATA_FLOAT_OPERATORS

}  // namespace

std::span<const BuiltinFunction> FloatFunctions() { return kFunctions; }

}  // namespace strata::sql
