// Mathematical SQL functions (PostgreSQL 15's pg_proc rows of these names,
// every overload, so resolution picks what PostgreSQL picks): abs, sign,
// gcd, lcm, mod, div, sqrt, cbrt, exp, ln, log, log10, power/pow, floor,
// ceil/ceiling, round, trunc, degrees, radians, pi, the trigonometric and
// hyperbolic functions, factorial, width_bucket, random, and numeric's
// scale/min_scale/trim_scale/numeric_inc. Rows without an implementation
// here use the registered function of their pg_proc name (the numeric ones:
// numeric_functions.cpp), or have none (0A000 when chosen).
//
// Float errors follow float.c: domain errors are 2201E (logarithms) /
// 2201F (powers, roots) / 22003 "input is out of range"; results that
// overflow or underflow where the inputs did not are 22003
// "value out of range: overflow|underflow".
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cerrno>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/expr/sql_function.h"
#include "sql/expr/sql_function_rows.h"
#include "sql/types/numeric.h"
#include "sql/types/numeric_math.h"

namespace strata::sql {

namespace {

using type_oid::kFloat4;
using type_oid::kFloat8;
using type_oid::kInt2;
using type_oid::kInt4;
using type_oid::kInt8;
using type_oid::kNumeric;

[[noreturn]] void IntOutOfRange(Oid type) {
  const char* name = type == kInt2 ? "smallint" : type == kInt4 ? "integer" : "bigint";
  throw SqlError(SqlState::kNumericValueOutOfRange, std::string(name) + " out of range");
}

int64_t MaxOf(Oid type) {
  return type == kInt2 ? INT16_MAX : type == kInt4 ? INT32_MAX : INT64_MAX;
}
int64_t MinOf(Oid type) {
  return type == kInt2 ? INT16_MIN : type == kInt4 ? INT32_MIN : INT64_MIN;
}

[[noreturn]] void FloatOverflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: overflow");
}
[[noreturn]] void FloatUnderflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: underflow");
}
[[noreturn]] void InputOutOfRange() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "input is out of range");
}

// check_float8_val(): an infinite result from finite inputs overflowed; a
// zero result from nonzero inputs underflowed (when the caller says zero is
// impossible).
double CheckFloat8(double result, bool inf_ok, bool zero_ok) {
  if (std::isinf(result) && !inf_ok) FloatOverflow();
  if (result == 0.0 && !zero_ok) FloatUnderflow();
  return result;
}

Value F8(double v) { return Value::Float8(v); }

// ---- integers ----

Value IntAbs(std::span<const Value> a) {
  const Oid t = a[0].type();
  const int64_t v = a[0].int_value();
  if (v == MinOf(t)) IntOutOfRange(t);
  return Value::Integer(t, v < 0 ? -v : v);
}

unsigned __int128 Gcd(unsigned __int128 x, unsigned __int128 y) {
  while (y != 0) {
    const unsigned __int128 r = x % y;
    x = y;
    y = r;
  }
  return x;
}

unsigned __int128 Magnitude(int64_t v) {
  return v < 0 ? static_cast<unsigned __int128>(-static_cast<__int128>(v))
               : static_cast<unsigned __int128>(v);
}

Value IntGcd(std::span<const Value> a) {
  const Oid t = a[0].type();
  const unsigned __int128 g = Gcd(Magnitude(a[0].int_value()), Magnitude(a[1].int_value()));
  if (g > static_cast<unsigned __int128>(MaxOf(t))) IntOutOfRange(t);
  return Value::Integer(t, static_cast<int64_t>(g));
}

Value IntLcm(std::span<const Value> a) {
  const Oid t = a[0].type();
  const int64_t x = a[0].int_value();
  const int64_t y = a[1].int_value();
  if (x == 0 || y == 0) return Value::Integer(t, 0);
  const unsigned __int128 mx = Magnitude(x);
  const unsigned __int128 my = Magnitude(y);
  const unsigned __int128 l = mx / Gcd(mx, my) * my;
  if (l > static_cast<unsigned __int128>(MaxOf(t))) IntOutOfRange(t);
  return Value::Integer(t, static_cast<int64_t>(l));
}

// ---- float8 ----

template <double (*kFn)(double)>
Value FloatUnary(std::span<const Value> a) {
  return F8(kFn(a[0].float_value()));
}

double Abs(double x) { return std::fabs(x); }
double Floor(double x) { return std::floor(x); }
double Ceil(double x) { return std::ceil(x); }
double Rint(double x) { return std::rint(x); }
double Trunc(double x) { return std::trunc(x); }
double Sign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }

Value Float4Abs(std::span<const Value> a) {
  return Value::Float4(std::fabs(static_cast<float>(a[0].float_value())));
}

Value Sqrt(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (x < 0) {
    throw SqlError(SqlState::kInvalidArgumentForPowerFunction,
                   "cannot take square root of a negative number");
  }
  return F8(std::sqrt(x));
}

Value Cbrt(std::span<const Value> a) { return F8(std::cbrt(a[0].float_value())); }

Value Exp(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  if (std::isinf(x)) return F8(x > 0 ? x : 0.0);
  const double r = std::exp(x);
  if (std::isinf(r)) FloatOverflow();
  if (r == 0.0) FloatUnderflow();
  return F8(r);
}

template <double (*kLog)(double)>
Value Log(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (x == 0.0) throw SqlError(SqlState::kInvalidArgumentForLog, "cannot take logarithm of zero");
  if (x < 0) {
    throw SqlError(SqlState::kInvalidArgumentForLog,
                   "cannot take logarithm of a negative number");
  }
  const double r = kLog(x);
  return F8(CheckFloat8(r, std::isinf(x), x == 1.0));
}
double Ln(double x) { return std::log(x); }
double Log10(double x) { return std::log10(x); }

// dpow().
Value Power(std::span<const Value> a) {
  const double x = a[0].float_value();
  const double y = a[1].float_value();
  if (std::isnan(x)) return F8(y == 0.0 ? 1.0 : x);
  if (std::isnan(y)) return F8(x == 1.0 ? 1.0 : y);
  if (x == 0.0 && y < 0.0) {
    throw SqlError(SqlState::kInvalidArgumentForPowerFunction,
                   "zero raised to a negative power is undefined");
  }
  if (x < 0.0 && std::floor(y) != y) {
    throw SqlError(SqlState::kInvalidArgumentForPowerFunction,
                   "a negative number raised to a non-integer power yields a complex result");
  }
  double r;
  if (std::isinf(y)) {
    const double ax = std::fabs(x);
    if (ax == 1.0) {
      r = 1.0;
    } else if (ax > 1.0) {
      r = y > 0 ? y : 0.0;
    } else {
      r = y > 0 ? 0.0 : -y;
    }
    return F8(r);
  }
  if (std::isinf(x)) {
    if (y == 0.0) return F8(1.0);
    if (x > 0) return F8(y > 0 ? x : 0.0);
    const double half = y / 2;
    const bool odd_integer = std::floor(half) != half && std::floor(y) == y;
    if (y > 0) return F8(odd_integer ? x : -x);
    return F8(odd_integer ? -0.0 : 0.0);
  }
  errno = 0;
  r = std::pow(x, y);
  if (errno == EDOM && std::isnan(r)) {
    throw SqlError(SqlState::kInvalidArgumentForPowerFunction,
                   "a negative number raised to a non-integer power yields a complex result");
  }
  if (errno == ERANGE && r != 0 && !std::isinf(r)) r = 0;
  if (std::isinf(r)) FloatOverflow();
  if (r == 0.0 && x != 0.0) FloatUnderflow();
  return F8(r);
}

Value Degrees(std::span<const Value> a) {
  return F8(CheckFloat8(a[0].float_value() * (180.0 / std::numbers::pi),
                        std::isinf(a[0].float_value()), a[0].float_value() == 0.0));
}
Value Radians(std::span<const Value> a) {
  return F8(CheckFloat8(a[0].float_value() * (std::numbers::pi / 180.0),
                        std::isinf(a[0].float_value()), a[0].float_value() == 0.0));
}
Value Pi(std::span<const Value>) { return F8(std::numbers::pi); }

// sin/cos/tan/cot: infinite input is out of range.
template <double (*kFn)(double)>
Value Trig(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  if (std::isinf(x)) InputOutOfRange();
  const double r = kFn(x);
  if (std::isinf(r)) FloatOverflow();
  return F8(r);
}
double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }
double Cot(double x) { return 1.0 / std::tan(x); }

// asin/acos: inputs outside [-1, 1] are out of range.
template <double (*kFn)(double)>
Value InverseTrig(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  if (x < -1.0 || x > 1.0) InputOutOfRange();
  return F8(kFn(x));
}
double Asin(double x) { return std::asin(x); }
double Acos(double x) { return std::acos(x); }

Value Atan(std::span<const Value> a) { return F8(std::atan(a[0].float_value())); }
// float8send / float4send: the binary wire form (IEEE 754, big-endian) as bytea.
Value Float8Send(std::span<const Value> a) {
  const uint64_t bits = std::bit_cast<uint64_t>(a[0].float_value());
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<char>(bits >> (56 - 8 * i));
  return Value::String(type_oid::kBytea, std::move(out));
}
Value Float4Send(std::span<const Value> a) {
  const uint32_t bits = std::bit_cast<uint32_t>(static_cast<float>(a[0].float_value()));
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[static_cast<size_t>(i)] = static_cast<char>(bits >> (24 - 8 * i));
  return Value::String(type_oid::kBytea, std::move(out));
}

Value Atan2(std::span<const Value> a) {
  return F8(std::atan2(a[0].float_value(), a[1].float_value()));
}

Value Sinh(std::span<const Value> a) { return F8(std::sinh(a[0].float_value())); }
Value Cosh(std::span<const Value> a) { return F8(std::cosh(a[0].float_value())); }
Value Tanh(std::span<const Value> a) { return F8(std::tanh(a[0].float_value())); }
Value Asinh(std::span<const Value> a) { return F8(std::asinh(a[0].float_value())); }
Value Acosh(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (x < 1.0) InputOutOfRange();
  return F8(std::acosh(x));
}
Value Atanh(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (x < -1.0 || x > 1.0) InputOutOfRange();
  if (x == -1.0) return F8(-HUGE_VAL);
  if (x == 1.0) return F8(HUGE_VAL);
  return F8(std::atanh(x));
}

std::mt19937_64& RandomEngine() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

Value Random(std::span<const Value>) {
  return F8(std::uniform_real_distribution<double>(0.0, 1.0)(RandomEngine()));
}

// gen_random_uuid(): a version 4 (random) UUID, variant 1 (RFC 4122).
Value GenRandomUuid(std::span<const Value>) {
  std::string bytes(16, '\0');
  for (size_t i = 0; i < 16; i += 8) {
    const uint64_t r = RandomEngine()();
    for (size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<char>((r >> (8 * j)) & 0xff);
  }
  bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);
  bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
  return Value::String(type_oid::kUuid, std::move(bytes));
}

// width_bucket_float8().
Value WidthBucketFloat8(std::span<const Value> a) {
  const double operand = a[0].float_value();
  const double low = a[1].float_value();
  const double high = a[2].float_value();
  const int64_t count = a[3].int_value();
  if (count <= 0) {
    throw SqlError(SqlState::kInvalidArgumentForWidthBucketFunction,
                   "count must be greater than zero");
  }
  if (std::isnan(operand) || std::isnan(low) || std::isnan(high)) {
    throw SqlError(SqlState::kInvalidArgumentForWidthBucketFunction,
                   "operand, lower bound, and upper bound cannot be NaN");
  }
  if (std::isinf(low) || std::isinf(high)) {
    throw SqlError(SqlState::kInvalidArgumentForWidthBucketFunction,
                   "lower and upper bounds must be finite");
  }
  if (low == high) {
    throw SqlError(SqlState::kInvalidArgumentForWidthBucketFunction,
                   "lower bound cannot equal upper bound");
  }
  int64_t result;
  if (low < high) {
    if (operand < low) {
      result = 0;
    } else if (operand >= high) {
      if (count == INT32_MAX) IntOutOfRange(kInt4);
      result = count + 1;
    } else {
      if (!std::isinf(high - low)) {
        result = static_cast<int64_t>(count * ((operand - low) / (high - low)));
      } else {
        result = static_cast<int64_t>(count * ((operand / 2 - low / 2) / (high / 2 - low / 2)));
      }
      if (result >= count) result = count - 1;
      result++;
    }
  } else {
    if (operand > low) {
      result = 0;
    } else if (operand <= high) {
      if (count == INT32_MAX) IntOutOfRange(kInt4);
      result = count + 1;
    } else {
      if (!std::isinf(low - high)) {
        result = static_cast<int64_t>(count * ((low - operand) / (low - high)));
      } else {
        result = static_cast<int64_t>(count * ((low / 2 - operand / 2) / (low / 2 - high / 2)));
      }
      if (result >= count) result = count - 1;
      result++;
    }
  }
  return Value::Int4(result);
}

// ---- numeric ----

Value NumericAbs(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  return Value::FromNumeric(n.Sign() < 0 ? n.Negate() : n);
}

// numeric_inc: x + 1.
Value NumericInc(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return a[0];
  return Value::FromNumeric(n.Add(Numeric::FromInt64(1)));
}

Value NumericSign(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (n.is_nan()) return a[0];
  return Value::FromNumeric(Numeric::FromInt64(n.Sign()));
}

// numeric_round / numeric_trunc's clamp of the scale: no more decimals than
// a numeric can store; to the left, a digit beyond the largest weight, where
// every value rounds to zero.
int ClampScale(int64_t scale) {
  constexpr int64_t kMinScale = -(int64_t{Numeric::kMaxWeight} + 2) * Numeric::kDecDigits;
  return static_cast<int>(std::clamp<int64_t>(scale, kMinScale, Numeric::kMaxDscale));
}

Value NumericRoundScale(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return a[0];
  return Value::FromNumeric(n.Round(ClampScale(a[1].int_value())));
}
Value NumericRound(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return a[0];
  return Value::FromNumeric(n.Round(0));
}
Value NumericTruncScale(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return a[0];
  return Value::FromNumeric(n.Trunc(ClampScale(a[1].int_value())));
}
Value NumericTrunc(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return a[0];
  return Value::FromNumeric(n.Trunc(0));
}
// ceil/floor: truncate, then step away from zero when something was cut.
Value NumericCeil(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return a[0];
  Numeric t = n.Trunc(0);
  if (n.Sign() > 0 && t.Compare(n) != 0) t = t.Add(Numeric::FromInt64(1));
  return Value::FromNumeric(t);
}
Value NumericFloor(std::span<const Value> a) {
  const Numeric& n = a[0].numeric_value();
  if (!n.is_finite()) return a[0];
  Numeric t = n.Trunc(0);
  if (n.Sign() < 0 && t.Compare(n) != 0) t = t.Sub(Numeric::FromInt64(1));
  return Value::FromNumeric(t);
}

// log(numeric) and log10(numeric) are SQL-language functions in PostgreSQL
// (select log(10, $1)), so their errors carry that function's CONTEXT line.
Value NumericLog10Sql(std::span<const Value> a, const char* name) {
  try {
    return Value::FromNumeric(NumericLog(Numeric::FromInt64(10), a[0].numeric_value()));
  } catch (SqlError& e) {
    e.mutable_fields().context = std::string("SQL function \"") + name + "\" statement 1";
    throw;
  }
}
Value NumericLogSql(std::span<const Value> a) { return NumericLog10Sql(a, "log"); }
Value NumericLog10(std::span<const Value> a) { return NumericLog10Sql(a, "log10"); }

// numeric_fac(int8).
Value Factorial(std::span<const Value> a) {
  const int64_t n = a[0].int_value();
  if (n < 0) {
    throw SqlError(SqlState::kNumericValueOutOfRange,
                   "factorial of a negative number is undefined");
  }
  if (n > 32177) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "value overflows numeric format");
  }
  Numeric r = Numeric::FromInt64(1);
  for (int64_t i = 2; i <= n; ++i) r = r.Mul(Numeric::FromInt64(i));
  return Value::FromNumeric(r);
}

using FunctionRow = SqlFunctionRow;

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}

const FunctionRow kRows[] = {
    {"abs", ARGS(kInt2), 1, kInt2, "int2abs", IntAbs},
    {"abs", ARGS(kInt4), 1, kInt4, "int4abs", IntAbs},
    {"abs", ARGS(kInt8), 1, kInt8, "int8abs", IntAbs},
    {"abs", ARGS(kFloat4), 1, kFloat4, "float4abs", Float4Abs},
    {"abs", ARGS(kFloat8), 1, kFloat8, "float8abs", FloatUnary<Abs>},
    {"abs", ARGS(kNumeric), 1, kNumeric, "numeric_abs", NumericAbs},
    {"sign", ARGS(kFloat8), 1, kFloat8, "dsign", FloatUnary<Sign>},
    {"sign", ARGS(kNumeric), 1, kNumeric, "numeric_sign", NumericSign},
    {"numeric_inc", ARGS(kNumeric), 1, kNumeric, "numeric_inc", NumericInc},
    {"scale", ARGS(kNumeric), 1, kInt4, "numeric_scale", nullptr},
    {"min_scale", ARGS(kNumeric), 1, kInt4, "numeric_min_scale", nullptr},
    {"trim_scale", ARGS(kNumeric), 1, kNumeric, "numeric_trim_scale", nullptr},
    {"gcd", ARGS(kInt4, kInt4), 2, kInt4, "int4gcd", IntGcd},
    {"gcd", ARGS(kInt8, kInt8), 2, kInt8, "int8gcd", IntGcd},
    {"gcd", ARGS(kNumeric, kNumeric), 2, kNumeric, "numeric_gcd", nullptr},
    {"lcm", ARGS(kInt4, kInt4), 2, kInt4, "int4lcm", IntLcm},
    {"lcm", ARGS(kInt8, kInt8), 2, kInt8, "int8lcm", IntLcm},
    {"lcm", ARGS(kNumeric, kNumeric), 2, kNumeric, "numeric_lcm", nullptr},
    {"mod", ARGS(kInt2, kInt2), 2, kInt2, "int2mod", nullptr},
    {"mod", ARGS(kInt4, kInt4), 2, kInt4, "int4mod", nullptr},
    {"mod", ARGS(kInt8, kInt8), 2, kInt8, "int8mod", nullptr},
    {"mod", ARGS(kNumeric, kNumeric), 2, kNumeric, "numeric_mod", nullptr},
    {"div", ARGS(kNumeric, kNumeric), 2, kNumeric, "numeric_div_trunc", nullptr},
    {"sqrt", ARGS(kFloat8), 1, kFloat8, "dsqrt", Sqrt},
    {"sqrt", ARGS(kNumeric), 1, kNumeric, "numeric_sqrt", nullptr},
    {"cbrt", ARGS(kFloat8), 1, kFloat8, "dcbrt", Cbrt},
    {"exp", ARGS(kFloat8), 1, kFloat8, "dexp", Exp},
    {"exp", ARGS(kNumeric), 1, kNumeric, "numeric_exp", nullptr},
    {"ln", ARGS(kFloat8), 1, kFloat8, "dlog1", Log<Ln>},
    {"ln", ARGS(kNumeric), 1, kNumeric, "numeric_ln", nullptr},
    {"log", ARGS(kFloat8), 1, kFloat8, "dlog10", Log<Log10>},
    {"log", ARGS(kNumeric), 1, kNumeric, "numeric_log", NumericLogSql},
    {"log", ARGS(kNumeric, kNumeric), 2, kNumeric, "numeric_log", nullptr},
    {"log10", ARGS(kFloat8), 1, kFloat8, "dlog10", Log<Log10>},
    {"log10", ARGS(kNumeric), 1, kNumeric, "numeric_log", NumericLog10},
    {"power", ARGS(kFloat8, kFloat8), 2, kFloat8, "dpow", Power},
    {"power", ARGS(kNumeric, kNumeric), 2, kNumeric, "numeric_power", nullptr},
    {"pow", ARGS(kFloat8, kFloat8), 2, kFloat8, "dpow", Power},
    {"pow", ARGS(kNumeric, kNumeric), 2, kNumeric, "numeric_power", nullptr},
    {"floor", ARGS(kFloat8), 1, kFloat8, "dfloor", FloatUnary<Floor>},
    {"floor", ARGS(kNumeric), 1, kNumeric, "numeric_floor", NumericFloor},
    {"ceil", ARGS(kFloat8), 1, kFloat8, "dceil", FloatUnary<Ceil>},
    {"ceil", ARGS(kNumeric), 1, kNumeric, "numeric_ceil", NumericCeil},
    {"ceiling", ARGS(kFloat8), 1, kFloat8, "dceil", FloatUnary<Ceil>},
    {"ceiling", ARGS(kNumeric), 1, kNumeric, "numeric_ceil", NumericCeil},
    {"round", ARGS(kFloat8), 1, kFloat8, "dround", FloatUnary<Rint>},
    {"round", ARGS(kNumeric), 1, kNumeric, "numeric_round", NumericRound},
    {"round", ARGS(kNumeric, kInt4), 2, kNumeric, "numeric_round", NumericRoundScale},
    {"trunc", ARGS(kFloat8), 1, kFloat8, "dtrunc", FloatUnary<Trunc>},
    {"trunc", ARGS(kNumeric), 1, kNumeric, "numeric_trunc", NumericTrunc},
    {"trunc", ARGS(kNumeric, kInt4), 2, kNumeric, "numeric_trunc", NumericTruncScale},
    {"degrees", ARGS(kFloat8), 1, kFloat8, "degrees", Degrees},
    {"radians", ARGS(kFloat8), 1, kFloat8, "radians", Radians},
    {"pi", ARGS(0), 0, kFloat8, "pi", Pi},
    {"sin", ARGS(kFloat8), 1, kFloat8, "dsin", Trig<Sin>},
    {"cos", ARGS(kFloat8), 1, kFloat8, "dcos", Trig<Cos>},
    {"tan", ARGS(kFloat8), 1, kFloat8, "dtan", Trig<Tan>},
    {"cot", ARGS(kFloat8), 1, kFloat8, "dcot", Trig<Cot>},
    {"asin", ARGS(kFloat8), 1, kFloat8, "dasin", InverseTrig<Asin>},
    {"acos", ARGS(kFloat8), 1, kFloat8, "dacos", InverseTrig<Acos>},
    {"atan", ARGS(kFloat8), 1, kFloat8, "datan", Atan},
    {"atan2", ARGS(kFloat8, kFloat8), 2, kFloat8, "datan2", Atan2},
    {"float8send", ARGS(kFloat8), 1, type_oid::kBytea, "float8send", Float8Send},
    {"float4send", ARGS(type_oid::kFloat4), 1, type_oid::kBytea, "float4send", Float4Send},
    // The degree variants: degree_trig_functions.cpp.
    {"sind", ARGS(kFloat8), 1, kFloat8, "dsind", nullptr},
    {"cosd", ARGS(kFloat8), 1, kFloat8, "dcosd", nullptr},
    {"tand", ARGS(kFloat8), 1, kFloat8, "dtand", nullptr},
    {"cotd", ARGS(kFloat8), 1, kFloat8, "dcotd", nullptr},
    {"asind", ARGS(kFloat8), 1, kFloat8, "dasind", nullptr},
    {"acosd", ARGS(kFloat8), 1, kFloat8, "dacosd", nullptr},
    {"atand", ARGS(kFloat8), 1, kFloat8, "datand", nullptr},
    {"atan2d", ARGS(kFloat8, kFloat8), 2, kFloat8, "datan2d", nullptr},
    {"sinh", ARGS(kFloat8), 1, kFloat8, "dsinh", Sinh},
    {"cosh", ARGS(kFloat8), 1, kFloat8, "dcosh", Cosh},
    {"tanh", ARGS(kFloat8), 1, kFloat8, "dtanh", Tanh},
    {"asinh", ARGS(kFloat8), 1, kFloat8, "dasinh", Asinh},
    {"acosh", ARGS(kFloat8), 1, kFloat8, "dacosh", Acosh},
    {"atanh", ARGS(kFloat8), 1, kFloat8, "datanh", Atanh},
    {"factorial", ARGS(kInt8), 1, kNumeric, "numeric_fac", Factorial},
    {"width_bucket", ARGS(kFloat8, kFloat8, kFloat8, kInt4), 4, kInt4, "width_bucket_float8",
     WidthBucketFloat8},
    {"width_bucket", ARGS(kNumeric, kNumeric, kNumeric, kInt4), 4, kInt4, "width_bucket_numeric",
     nullptr},
    {"random", ARGS(0), 0, kFloat8, "drandom", Random},
    {"gen_random_uuid", ARGS(0), 0, type_oid::kUuid, "gen_random_uuid", GenRandomUuid},
};

#undef ARGS

}  // namespace

std::span<const BuiltinFunction> MathFunctions() {
  static const std::vector<BuiltinFunction> functions = [] {
    std::vector<BuiltinFunction> out;
    for (const FunctionRow& r : kRows) {
      if (r.fn == nullptr) continue;
      bool seen = false;
      for (const BuiltinFunction& f : out) seen = seen || f.name == r.proname;
      if (!seen) out.push_back(BuiltinFunction{r.proname, r.fn});
    }
    return out;
  }();
  return functions;
}

std::span<const SqlFunction> MathSqlFunctions() {
  static const std::vector<SqlFunction> functions = SqlFunctionsFromRows(kRows);
  return functions;
}

}  // namespace strata::sql
