// numeric sqrt, exp, ln, log and power (see numeric_math.h).
//
// Each function first picks PostgreSQL's result scale (rscale) exactly as
// numeric.c does, from the inputs' weights and display scales and the same
// floating-point estimates, because the scale is visible in the output.
// The value is then computed by RoundCorrectly(): an approximation with
// `guard` extra decimals, rounded at rscale unless its guard digits lie too
// close to a rounding boundary (...5000... or ...4999...), in which case it
// is recomputed with more. The approximations:
//  - sqrt: Newton's iteration for 1/sqrt(x), then x * that;
//  - ln: x = m * 10000^w, ln x = ln m + 4w ln 10; ln m after square roots
//    bring m within 1% of 1, by the series 2(z + z^3/3 + ...), z = (m-1)/(m+1);
//  - exp: x / 2^k below 0.01, the Taylor series, squared k times;
//  - power with an int32 exponent: exact repeated multiplication when the
//    exact result is small enough (so ties round as PostgreSQL's exact
//    products do), else truncated multiplication; other exponents:
//    exp(y * ln x).
#include "sql/types/numeric_math.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "common/sql_error.h"
#include "sql/types/numeric_var.h"

namespace strata::sql {

namespace {

constexpr int kMinSigDigits = Numeric::kMinSigDigits;       // NUMERIC_MIN_SIG_DIGITS
constexpr int kMaxDisplayScale = Numeric::kMaxDisplayScale;  // NUMERIC_MAX_DISPLAY_SCALE
constexpr int kMaxResultScale = kMaxDisplayScale * 2;        // NUMERIC_MAX_RESULT_SCALE
constexpr double kLog10E = 0.434294481903252;
// Exact results of integer powers are built up to this many base-10000
// digits; larger ones are approximated.
constexpr int64_t kMaxExactPowerDigits = 4000;

[[noreturn]] void Overflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value overflows numeric format");
}
[[noreturn]] void PowerError(const char* message) {
  throw SqlError(SqlState::kInvalidArgumentForPowerFunction, message);
}
[[noreturn]] void LogError(const char* message) {
  throw SqlError(SqlState::kInvalidArgumentForLog, message);
}

int ClampScale(int rscale) { return std::min(std::max(rscale, 0), kMaxDisplayScale); }

// Base-10000 digits after the point that hold `decimals` decimal places,
// plus two to spare.
int FracFor(int decimals) { return std::max(decimals, 0) / Numeric::kDecDigits + 2; }

NumericVar Const(const char* text) { return NumericVar::FromNumeric(Numeric::Parse(text)); }

Numeric Zero(int dscale) { return Numeric::FromDigits(false, 0, {}, dscale); }
Numeric One(int dscale) { return NumericVar::FromInt(1).ToNumeric(dscale); }

// True when the decimals rscale+1 .. rscale+ndigits of |a| are 5000... or
// 4999...: the approximation cannot tell which way the value rounds.
bool NearHalf(const NumericVar& a, int rscale, int ndigits) {
  const int first = a.DigitAfterPoint(rscale + 1);
  if (first != 4 && first != 5) return false;
  const int fill = first == 4 ? 9 : 0;
  for (int i = 2; i <= ndigits; ++i) {
    if (a.DigitAfterPoint(rscale + i) != fill) return false;
  }
  return true;
}

// `approx(decimals)` returns the value within a few units of 10^-decimals.
template <typename Approx>
NumericVar RoundCorrectly(const Approx& approx, int rscale) {
  NumericVar a;
  for (int guard : {12, 40, 160}) {
    a = approx(rscale + guard);
    if (!NearHalf(a, rscale, guard - 6)) break;
  }
  return RoundScale(std::move(a), rscale);
}

// ---- ln ----

// ln(m) for 1 <= m < 10000, within 10^-decimals.
NumericVar LnReduced(NumericVar m, int decimals) {
  // Each square root doubles the weight of the error in the final sum; at
  // most ten are needed (ln 10000 / 2^10 < 0.01), so twelve spare digits
  // cover them.
  const int work = FracFor(decimals + 12);
  static const NumericVar kLow = Const("0.99");
  static const NumericVar kHigh = Const("1.01");
  const NumericVar one = NumericVar::FromInt(1);
  int64_t factor = 2;  // 2^(square roots taken + 1)
  while (Compare(m, kLow) < 0 || Compare(m, kHigh) > 0) {
    m = Sqrt(m, work);
    factor *= 2;
  }
  // ln m = 2 atanh(z) = 2 (z + z^3/3 + z^5/5 + ...), |z| < 0.005.
  NumericVar z = Div(Sub(m, one), Add(m, one), work);
  NumericVar z2 = Mul(z, z);
  TruncateFrac(&z2, work);
  NumericVar sum = z;
  NumericVar power = z;
  for (int64_t n = 3;; n += 2) {
    power = Mul(power, z2);
    TruncateFrac(&power, work);
    NumericVar term = Div(power, NumericVar::FromInt(n), work);
    if (term.is_zero()) break;
    sum = Add(sum, term);
  }
  return MulInt(sum, factor);
}

// ln(x) for x > 0, within 10^-decimals.
NumericVar LnApprox(const NumericVar& x, int decimals) {
  NumericVar m = x;
  const int w = m.weight;
  m.weight = 0;
  NumericVar r = LnReduced(m, decimals + 2);
  if (w != 0) {
    const int64_t multiple = 4LL * w;
    const int extra = static_cast<int>(std::log10(std::fabs(static_cast<double>(multiple)))) + 3;
    static const NumericVar kTen = NumericVar::FromInt(10);
    r = Add(r, MulInt(LnReduced(kTen, decimals + extra), multiple));
  }
  TruncateFrac(&r, FracFor(decimals));
  return r;
}

// estimate_ln_dweight(): roughly log10(|ln(x)|), which sets the result
// scales of ln and log. Zero for inputs ln rejects.
int EstimateLnDweight(const NumericVar& x) {
  if (x.negative) return 0;
  static const NumericVar kPointNine = Const("0.9");
  static const NumericVar kOnePointOne = Const("1.1");
  if (Compare(x, kPointNine) >= 0 && Compare(x, kOnePointOne) <= 0) {
    // ln(1 + d) ~= d.
    const NumericVar d = Sub(x, NumericVar::FromInt(1));
    if (d.is_zero()) return 0;
    return d.weight * Numeric::kDecDigits + static_cast<int>(std::log10(d.digits[0]));
  }
  if (x.is_zero()) return 0;
  int digits = x.digits[0];
  int dweight = x.weight * Numeric::kDecDigits;
  if (x.digits.size() > 1) {
    digits = digits * Numeric::kBase + x.digits[1];
    dweight -= Numeric::kDecDigits;
  }
  const double ln = std::log(static_cast<double>(digits)) + dweight * 2.302585092994046;
  return static_cast<int>(std::log10(std::fabs(ln)));
}

// ---- exp ----

// e^x within 10^-decimals.
NumericVar ExpApprox(const NumericVar& x, int decimals) {
  const double val = x.ToDouble();
  // The result is below 10^dweight.
  const int dweight = static_cast<int>(std::ceil(val * kLog10E)) + 1;
  const int significant = decimals + dweight + 2;
  if (significant <= 0) return NumericVar();  // below 10^-(decimals + 2)
  int halvings = 0;
  for (double v = std::fabs(val); v > 0.01; v /= 2) ++halvings;
  // Squaring doubles the relative error `halvings` times.
  const int work_digits = significant + 10 + halvings * 3 / 10 + 1;
  const int work = FracFor(work_digits);
  const NumericVar r = Div(x, NumericVar::FromInt(int64_t{1} << halvings), work);
  NumericVar sum = Add(NumericVar::FromInt(1), r);
  NumericVar term = r;
  for (int64_t n = 2;; ++n) {
    term = Mul(term, r);
    TruncateFrac(&term, work);
    term = Div(term, NumericVar::FromInt(n), work);
    if (term.is_zero()) break;
    sum = Add(sum, term);
  }
  const int keep = work_digits / Numeric::kDecDigits + 2;
  for (int i = 0; i < halvings; ++i) {
    sum = Mul(sum, sum);
    TruncateSignificant(&sum, keep);
  }
  return sum;
}

// ---- power ----

// |base|^n exactly.
NumericVar PowExact(NumericVar base, uint64_t n) {
  base.negative = false;
  NumericVar result = NumericVar::FromInt(1);
  while (n > 0) {
    if (n & 1) result = Mul(result, base);
    n >>= 1;
    if (n > 0) base = Mul(base, base);
  }
  return result;
}

// |base|^n keeping `keep` significant base-10000 digits at each step.
NumericVar PowTruncated(NumericVar base, uint64_t n, int keep) {
  base.negative = false;
  NumericVar result = NumericVar::FromInt(1);
  while (n > 0) {
    if (n & 1) {
      result = Mul(result, base);
      TruncateSignificant(&result, keep);
    }
    n >>= 1;
    if (n > 0) {
      base = Mul(base, base);
      TruncateSignificant(&base, keep);
    }
  }
  return result;
}

// power_var_int(): base ^ exp for an int32 exponent, at rscale.
Numeric PowerInt(const NumericVar& base, int64_t exp, int rscale) {
  if (exp == 0) return One(rscale);  // 0 ^ 0 = 1 too, as SQL requires
  if (base.is_zero()) return Zero(rscale);  // exp > 0 (numeric_power rejects 0 ^ negative)
  // log10 of the result, from the leading digits (as numeric.c estimates it).
  double f = base.digits[0];
  int p = base.weight * Numeric::kDecDigits;
  for (size_t i = 1; i < base.digits.size() && i * Numeric::kDecDigits < 16; ++i) {
    f = f * Numeric::kBase + base.digits[i];
    p -= Numeric::kDecDigits;
  }
  f = static_cast<double>(exp) * (std::log10(f) + p);
  if (f > 3.0 * std::numeric_limits<int16_t>::max() * Numeric::kDecDigits) Overflow();
  if (f + 1 < -rscale || f + 1 < -kMaxDisplayScale) return Zero(rscale);
  // Beyond numeric's largest weight: overflow without building the digits.
  if (f > (Numeric::kMaxWeight + 1.0) * Numeric::kDecDigits + 1) Overflow();

  const uint64_t n = exp < 0 ? 0 - static_cast<uint64_t>(exp) : static_cast<uint64_t>(exp);
  const bool negative = base.negative && (n & 1) != 0;
  const NumericVar one = NumericVar::FromInt(1);
  NumericVar r;
  if (static_cast<double>(base.digits.size()) * static_cast<double>(n) <= kMaxExactPowerDigits) {
    const NumericVar exact = PowExact(base, n);
    // A quotient truncated past rscale + 1 decimals rounds correctly.
    r = exp > 0 ? exact : Div(one, exact, FracFor(rscale + 1));
  } else {
    const int magnitude = static_cast<int>(std::ceil(std::fabs(f)));
    r = RoundCorrectly(
        [&](int decimals) {
          const int keep = (decimals + magnitude + 2) / Numeric::kDecDigits + 4;
          NumericVar power = PowTruncated(base, n, keep);
          return exp > 0 ? power : Div(one, power, FracFor(decimals));
        },
        rscale);
  }
  r.negative = negative && !r.is_zero();
  return r.ToNumeric(rscale);
}

bool IsIntegral(const NumericVar& v) {
  return v.is_zero() || static_cast<int>(v.digits.size()) <= v.weight + 1;
}

// power_var() for exponents that are not int32 integers. REQUIRES: base
// nonzero, not (base negative and exp non-integral).
Numeric PowerGeneral(NumericVar base, const NumericVar& exp, int base_dscale, int exp_dscale) {
  // A negative base has an integral exponent here: the sign is its parity.
  const bool negative = base.negative &&
                        static_cast<int>(exp.digits.size()) == exp.weight + 1 &&
                        exp.digits.back() % 2 != 0;
  base.negative = false;
  // A low-precision exp * ln(base) (ln to about 8 significant digits, as
  // numeric.c computes it) estimates the result's weight and so its scale.
  const int ln_dweight = EstimateLnDweight(base);
  const int local_rscale = std::max(8 - ln_dweight, 0);
  const NumericVar ln_low =
      RoundCorrectly([&](int decimals) { return LnApprox(base, decimals); }, local_rscale);
  const NumericVar t_low = RoundScale(Mul(ln_low, exp), local_rscale);
  double val = t_low.ToDouble();
  if (std::fabs(val) > kMaxResultScale * 3.01) {
    if (val > 0) Overflow();
    return Zero(kMaxDisplayScale);
  }
  val *= kLog10E;
  int rscale = kMinSigDigits - static_cast<int>(val);
  rscale = std::max(rscale, base_dscale);
  rscale = std::max(rscale, exp_dscale);
  rscale = ClampScale(rscale);
  // exp_var()'s own range test on exp * ln(base).
  if (std::fabs(t_low.ToDouble()) >= kMaxResultScale * 3) {
    if (t_low.ToDouble() > 0) Overflow();
    return Zero(rscale);
  }
  const int result_dweight = static_cast<int>(std::ceil(val)) + 1;
  const int exp_digits = std::max(exp.DecimalWeight() + 1, 0);
  NumericVar r = RoundCorrectly(
      [&](int decimals) {
        // The result's relative error is the absolute error of t.
        const int t_decimals = std::max(decimals + result_dweight + 4, 4);
        NumericVar t = Mul(LnApprox(base, t_decimals + exp_digits + 2), exp);
        TruncateFrac(&t, FracFor(t_decimals));
        return ExpApprox(t, decimals);
      },
      rscale);
  r.negative = negative && !r.is_zero();
  return r.ToNumeric(rscale);
}

}  // namespace

Numeric NumericSqrt(const Numeric& x) {
  if (!x.is_finite()) {
    if (x.Sign() < 0) PowerError("cannot take square root of a negative number");
    return x;  // NaN, +Infinity
  }
  if (x.Sign() < 0) PowerError("cannot take square root of a negative number");
  // At least 16 significant digits; the result's weight is half the input's.
  const int sweight = (x.weight() + 1) * Numeric::kDecDigits / 2 - 1;
  const int rscale = ClampScale(std::max(kMinSigDigits - sweight, x.dscale()));
  return NumericSqrtAtScale(x, rscale);
}

Numeric NumericSqrtAtScale(const Numeric& x, int rscale) {
  if (x.is_zero()) return Zero(rscale);
  const NumericVar v = NumericVar::FromNumeric(x);
  return RoundCorrectly([&](int decimals) { return Sqrt(v, FracFor(decimals)); }, rscale)
      .ToNumeric(rscale);
}

Numeric NumericExp(const Numeric& x) {
  if (!x.is_finite()) {
    if (x.Sign() < 0) return Zero(0);  // exp(-Infinity) = 0
    return x;
  }
  const NumericVar v = NumericVar::FromNumeric(x);
  const double val = v.ToDouble();
  // log10(e^x) = x * log10(e) estimates the result's decimal weight.
  double dweight = val * kLog10E;
  dweight = std::clamp(dweight, static_cast<double>(-kMaxResultScale),
                       static_cast<double>(kMaxResultScale));
  const int rscale = ClampScale(std::max(kMinSigDigits - static_cast<int>(dweight), x.dscale()));
  if (std::fabs(val) >= kMaxResultScale * 3) {
    if (val > 0) Overflow();
    return Zero(rscale);
  }
  return RoundCorrectly([&](int decimals) { return ExpApprox(v, decimals); }, rscale)
      .ToNumeric(rscale);
}

Numeric NumericLn(const Numeric& x) {
  if (!x.is_finite()) {
    if (x.Sign() < 0) LogError("cannot take logarithm of a negative number");
    return x;
  }
  if (x.is_zero()) LogError("cannot take logarithm of zero");
  if (x.Sign() < 0) LogError("cannot take logarithm of a negative number");
  const NumericVar v = NumericVar::FromNumeric(x);
  const int rscale = ClampScale(std::max(kMinSigDigits - EstimateLnDweight(v), x.dscale()));
  return RoundCorrectly([&](int decimals) { return LnApprox(v, decimals); }, rscale)
      .ToNumeric(rscale);
}

Numeric NumericLog(const Numeric& base, const Numeric& x) {
  if (!base.is_finite() || !x.is_finite()) {
    if (base.is_nan() || x.is_nan()) return Numeric::NaN();
    if (base.Sign() < 0 || x.Sign() < 0) LogError("cannot take logarithm of a negative number");
    if (base.Sign() == 0 || x.Sign() == 0) LogError("cannot take logarithm of zero");
    if (base.is_infinite()) {
      if (x.is_infinite()) return Numeric::NaN();  // Inf / Inf
      return Zero(0);
    }
    return Numeric::Infinity(false);  // log(finite, Inf)
  }
  // ln(base) is taken first, so its errors come first.
  for (const Numeric* arg : {&base, &x}) {
    if (arg->is_zero()) LogError("cannot take logarithm of zero");
    if (arg->Sign() < 0) LogError("cannot take logarithm of a negative number");
  }
  const NumericVar b = NumericVar::FromNumeric(base);
  const NumericVar v = NumericVar::FromNumeric(x);
  const int base_dweight = EstimateLnDweight(b);
  const int x_dweight = EstimateLnDweight(v);
  const int result_dweight = x_dweight - base_dweight;
  int rscale = kMinSigDigits - result_dweight;
  rscale = std::max(rscale, base.dscale());
  rscale = std::max(rscale, x.dscale());
  rscale = ClampScale(rscale);
  if (Compare(b, NumericVar::FromInt(1)) == 0) {
    throw SqlError(SqlState::kDivisionByZero, "division by zero");  // ln(1) = 0
  }
  return RoundCorrectly(
             [&](int decimals) {
               // r = ln x / ln b: ln x needs |ln b| times the precision, ln b
               // that times |r| more.
               const int x_decimals = std::max(decimals - base_dweight + 4, 4);
               const int b_decimals = std::max(decimals + result_dweight - base_dweight + 4, 4);
               return Div(LnApprox(v, x_decimals), LnApprox(b, b_decimals), FracFor(decimals));
             },
             rscale)
      .ToNumeric(rscale);
}

Numeric NumericPower(const Numeric& x, const Numeric& y) {
  if (!x.is_finite() || !y.is_finite()) {
    // POSIX pow(): NaN ^ 0 = 1 and 1 ^ NaN = 1; other NaN inputs give NaN.
    if (x.is_nan()) return y.is_finite() && y.is_zero() ? One(0) : Numeric::NaN();
    if (y.is_nan()) {
      if (x.is_finite() && x.Compare(Numeric::FromInt64(1)) == 0) return One(0);
      return Numeric::NaN();
    }
    const int sign1 = x.Sign();
    const int sign2 = y.Sign();
    // numeric_is_integral(): infinities count as integers, NaN does not.
    const bool y_integral = y.is_infinite() || IsIntegral(NumericVar::FromNumeric(y));
    if (sign1 == 0 && sign2 < 0) PowerError("zero raised to a negative power is undefined");
    if (sign1 < 0 && !y_integral) {
      PowerError("a negative number raised to a non-integer power yields a complex result");
    }
    if (x.is_finite() && x.Compare(Numeric::FromInt64(1)) == 0) return One(0);
    if (sign2 == 0) return One(0);
    if (sign1 == 0 && sign2 > 0) return Zero(0);
    if (y.is_infinite()) {
      // |x| > 1: +Inf ^ +Inf; |x| < 1: the reverse; x = -1: 1.
      bool abs_x_gt_one = true;
      if (x.is_finite()) {
        if (x.Compare(Numeric::FromInt64(-1)) == 0) return One(0);
        const Numeric abs_x = x.Sign() < 0 ? x.Negate() : x;
        abs_x_gt_one = abs_x.Compare(Numeric::FromInt64(1)) > 0;
      }
      return abs_x_gt_one == (sign2 > 0) ? Numeric::Infinity(false) : Zero(0);
    }
    // x is +-Infinity, y finite and nonzero.
    if (sign1 > 0) return sign2 > 0 ? Numeric::Infinity(false) : Zero(0);
    if (sign2 < 0) return Zero(0);
    const NumericVar e = NumericVar::FromNumeric(y);
    const bool odd = IsIntegral(e) && static_cast<int>(e.digits.size()) == e.weight + 1 &&
                     e.digits.back() % 2 != 0;
    return Numeric::Infinity(odd);
  }
  if (x.Sign() == 0 && y.Sign() < 0) PowerError("zero raised to a negative power is undefined");
  const NumericVar base = NumericVar::FromNumeric(x);
  const NumericVar exp = NumericVar::FromNumeric(y);
  if (IsIntegral(exp)) {
    const std::optional<int64_t> n = y.ToInt64();
    if (n && *n >= std::numeric_limits<int32_t>::min() && *n <= std::numeric_limits<int32_t>::max()) {
      return PowerInt(base, *n, ClampScale(std::max(kMinSigDigits, x.dscale())));
    }
  }
  // 0 ^ non-integer (positive): zero, without a logarithm.
  if (base.is_zero()) return Zero(kMinSigDigits);
  if (base.negative && !IsIntegral(exp)) {
    PowerError("a negative number raised to a non-integer power yields a complex result");
  }
  return PowerGeneral(base, exp, x.dscale(), y.dscale());
}

}  // namespace strata::sql
