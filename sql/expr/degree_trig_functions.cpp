// sind, cosd, tand, cotd, asind, acosd, atand, atan2d: trigonometry in
// degrees, exact at the special angles as PostgreSQL 15's float.c makes them
// (sind(30) = 0.5, cosd(60) = 0.5, tand(45) = 1, asind(0.5) = 30, ...): the
// argument is reduced to the first quadrant and the result scaled by the
// same function's value at 30/45/60 degrees (or 0.5/1.0 for the inverses),
// so rounding errors cancel at those points. The math_sql_functions.cpp rows
// (dsind, ...) reach these through the registry.
#include <cmath>
#include <span>

#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"

namespace strata::sql {

namespace {

constexpr double kRadiansPerDegree = 0.0174532925199432957692;

[[noreturn]] void InputOutOfRange() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "input is out of range");
}

// volatile keeps the compiler from folding these at a different precision
// than the run-time calls they must cancel against.
double SinD0To30(double x) {
  volatile double sin_x = std::sin(x * kRadiansPerDegree);
  volatile double sin_30 = std::sin(30.0 * kRadiansPerDegree);
  return (sin_x / sin_30) / 2.0;
}
double CosD0To60(double x) {
  volatile double one_minus_cos_x = 1.0 - std::cos(x * kRadiansPerDegree);
  volatile double one_minus_cos_60 = 1.0 - std::cos(60.0 * kRadiansPerDegree);
  return 1.0 - (one_minus_cos_x / one_minus_cos_60) / 2.0;
}
double SinDQ1(double x) { return x <= 30.0 ? SinD0To30(x) : CosD0To60(90.0 - x); }
double CosDQ1(double x) { return x <= 60.0 ? CosD0To60(x) : SinD0To30(90.0 - x); }

double AsinDQ1(double x) {
  if (x <= 0.5) {
    volatile double asin_x = std::asin(x);
    return (asin_x / std::asin(0.5)) * 30.0;
  }
  volatile double acos_x = std::acos(x);
  return 90.0 - (acos_x / std::acos(0.5)) * 60.0;
}
double AcosDQ1(double x) {
  if (x <= 0.5) {
    volatile double asin_x = std::asin(x);
    return 90.0 - (asin_x / std::asin(0.5)) * 30.0;
  }
  volatile double acos_x = std::acos(x);
  return (acos_x / std::acos(0.5)) * 60.0;
}

Value F8(double v) { return Value::Float8(v); }

// Reduces x (finite) to [0, 90]; flips *sign as `odd` functions need.
double Reduce(double x, bool odd_at_zero, bool odd_at_180, bool odd_past_90, double* sign) {
  x = std::fmod(x, 360.0);
  if (x < 0.0) {
    x = -x;
    if (odd_at_zero) *sign = -*sign;
  }
  if (x > 180.0) {
    x = 360.0 - x;
    if (odd_at_180) *sign = -*sign;
  }
  if (x > 90.0) {
    x = 180.0 - x;
    if (odd_past_90) *sign = -*sign;
  }
  return x;
}

Value Sind(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  if (std::isinf(x)) InputOutOfRange();
  double sign = 1.0;
  const double r = Reduce(x, true, true, false, &sign);
  return F8(sign * SinDQ1(r));
}
Value Cosd(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  if (std::isinf(x)) InputOutOfRange();
  double sign = 1.0;
  const double r = Reduce(x, false, false, true, &sign);
  return F8(sign * CosDQ1(r));
}
Value Tand(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  if (std::isinf(x)) InputOutOfRange();
  double sign = 1.0;
  const double r = Reduce(x, true, true, true, &sign);
  volatile double tan_x = SinDQ1(r) / CosDQ1(r);
  volatile double tan_45 = SinDQ1(45.0) / CosDQ1(45.0);
  double result = sign * (tan_x / tan_45);
  if (result == 0.0) result = 0.0;  // no minus zero
  return F8(result);
}
Value Cotd(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  if (std::isinf(x)) InputOutOfRange();
  double sign = 1.0;
  const double r = Reduce(x, true, true, true, &sign);
  volatile double cot_x = CosDQ1(r) / SinDQ1(r);
  volatile double cot_45 = CosDQ1(45.0) / SinDQ1(45.0);
  double result = sign * (cot_x / cot_45);
  if (result == 0.0) result = 0.0;
  return F8(result);
}
Value Asind(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  if (x < -1.0 || x > 1.0) InputOutOfRange();
  return F8(x >= 0.0 ? AsinDQ1(x) : -AsinDQ1(-x));
}
Value Acosd(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  if (x < -1.0 || x > 1.0) InputOutOfRange();
  return F8(x >= 0.0 ? AcosDQ1(x) : 90.0 + AsinDQ1(-x));
}
Value Atand(std::span<const Value> a) {
  const double x = a[0].float_value();
  if (std::isnan(x)) return F8(x);
  volatile double atan_x = std::atan(x);
  return F8((atan_x / std::atan(1.0)) * 45.0);
}
Value Atan2d(std::span<const Value> a) {
  const double y = a[0].float_value();
  const double x = a[1].float_value();
  if (std::isnan(y) || std::isnan(x)) return F8(std::nan(""));
  volatile double atan2_yx = std::atan2(y, x);
  return F8((atan2_yx / std::atan(1.0)) * 45.0);
}

constexpr BuiltinFunction kFunctions[] = {
    {"dsind", Sind},   {"dcosd", Cosd},   {"dtand", Tand},   {"dcotd", Cotd},
    {"dasind", Asind}, {"dacosd", Acosd}, {"datand", Atand}, {"datan2d", Atan2d},
};

}  // namespace

std::span<const BuiltinFunction> DegreeTrigFunctions() { return kFunctions; }

}  // namespace strata::sql
