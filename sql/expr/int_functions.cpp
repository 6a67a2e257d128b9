// Integer operator functions (int2/int4/int8 and the cross-type int24, int48,
// ... variants): arithmetic with PostgreSQL's overflow errors ("integer out
// of range" and friends, 22003) and division by zero (22012), comparisons.
// Values of all integer types carry an int64_t, so one template per operation
// serves every type pair; the result type decides the range check.
#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"

namespace strata::sql {

namespace {

using type_oid::kInt2;
using type_oid::kInt4;
using type_oid::kInt8;

[[noreturn]] void ThrowOutOfRange(Oid type) {
  const char* name = type == kInt2 ? "smallint" : type == kInt4 ? "integer" : "bigint";
  throw SqlError(SqlState::kNumericValueOutOfRange, std::string(name) + " out of range");
}

template <Oid kType>
Value Checked(int64_t v) {
  if constexpr (kType == kInt2) {
    if (v < std::numeric_limits<int16_t>::min() || v > std::numeric_limits<int16_t>::max()) {
      ThrowOutOfRange(kType);
    }
  } else if constexpr (kType == kInt4) {
    if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
      ThrowOutOfRange(kType);
    }
  }
  return Value::Integer(kType, v);
}

template <Oid kType>
Value Add(std::span<const Value> a) {
  int64_t r;
  if (__builtin_add_overflow(a[0].int_value(), a[1].int_value(), &r)) ThrowOutOfRange(kType);
  return Checked<kType>(r);
}

template <Oid kType>
Value Sub(std::span<const Value> a) {
  int64_t r;
  if (__builtin_sub_overflow(a[0].int_value(), a[1].int_value(), &r)) ThrowOutOfRange(kType);
  return Checked<kType>(r);
}

template <Oid kType>
Value Mul(std::span<const Value> a) {
  int64_t r;
  if (__builtin_mul_overflow(a[0].int_value(), a[1].int_value(), &r)) ThrowOutOfRange(kType);
  return Checked<kType>(r);
}

template <Oid kType>
Value Div(std::span<const Value> a) {
  const int64_t x = a[0].int_value();
  const int64_t y = a[1].int_value();
  if (y == 0) throw SqlError(SqlState::kDivisionByZero, "division by zero");
  // x / -1 is -x, which overflows for the type's minimum; avoid the trap.
  if (y == -1) {
    int64_t r;
    if (__builtin_sub_overflow(int64_t{0}, x, &r)) ThrowOutOfRange(kType);
    return Checked<kType>(r);
  }
  return Checked<kType>(x / y);
}

template <Oid kType>
Value Mod(std::span<const Value> a) {
  const int64_t y = a[1].int_value();
  if (y == 0) throw SqlError(SqlState::kDivisionByZero, "division by zero");
  if (y == -1) return Value::Integer(kType, 0);  // avoid INT_MIN % -1 trapping
  return Value::Integer(kType, a[0].int_value() % y);
}

template <Oid kType>
Value Negate(std::span<const Value> a) {
  int64_t r;
  if (__builtin_sub_overflow(int64_t{0}, a[0].int_value(), &r)) ThrowOutOfRange(kType);
  return Checked<kType>(r);
}

template <Oid kType>
Value Identity(std::span<const Value> a) {
  return a[0];
}

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp kCmp>
Value Compare(std::span<const Value> a) {
  const int64_t x = a[0].int_value();
  const int64_t y = a[1].int_value();
  switch (kCmp) {
    case Cmp::kEq:
      return Value::Bool(x == y);
    case Cmp::kNe:
      return Value::Bool(x != y);
    case Cmp::kLt:
      return Value::Bool(x < y);
    case Cmp::kLe:
      return Value::Bool(x <= y);
    case Cmp::kGt:
      return Value::Bool(x > y);
    case Cmp::kGe:
      return Value::Bool(x >= y);
  }
  return Value::Null(type_oid::kBool);
}

// The arithmetic and comparison operators of one (left, right) type pair,
// whose arithmetic result type is `result`: int4pl, int4mi, ..., int4ge.
// clang-format off
#define STRATA_INT_OPERATORS(prefix, result)                                  \
  {#prefix "pl", Add<result>}, {#prefix "mi", Sub<result>},                   \
  {#prefix "mul", Mul<result>}, {#prefix "div", Div<result>},                 \
  {#prefix "eq", Compare<Cmp::kEq>}, {#prefix "ne", Compare<Cmp::kNe>},       \
  {#prefix "lt", Compare<Cmp::kLt>}, {#prefix "le", Compare<Cmp::kLe>},       \
  {#prefix "gt", Compare<Cmp::kGt>}, {#prefix "ge", Compare<Cmp::kGe>}
// clang-format on

constexpr BuiltinFunction kFunctions[] = {
    STRATA_INT_OPERATORS(int2, kInt2),
    STRATA_INT_OPERATORS(int4, kInt4),
    STRATA_INT_OPERATORS(int8, kInt8),
    STRATA_INT_OPERATORS(int24, kInt4),
    STRATA_INT_OPERATORS(int42, kInt4),
    STRATA_INT_OPERATORS(int28, kInt8),
    STRATA_INT_OPERATORS(int82, kInt8),
    STRATA_INT_OPERATORS(int48, kInt8),
    STRATA_INT_OPERATORS(int84, kInt8),
    {"int2mod", Mod<kInt2>},
    {"int4mod", Mod<kInt4>},
    {"int8mod", Mod<kInt8>},
    {"int2um", Negate<kInt2>},
    {"int4um", Negate<kInt4>},
    {"int8um", Negate<kInt8>},
    {"int2up", Identity<kInt2>},
    {"int4up", Identity<kInt4>},
    {"int8up", Identity<kInt8>},
};

#undef STRATA_INT_OPERATORS

}  // namespace

std::span<const BuiltinFunction> IntegerFunctions() { return kFunctions; }

}  // namespace strata::sql
