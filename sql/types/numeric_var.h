// NumericVar: working-precision decimal arithmetic for numeric's
// transcendental functions (numeric_math.cpp), named after PostgreSQL's
// NumericVar. Unlike Numeric it carries no display scale: callers choose how
// many digits to keep at each step (truncating), and round once at the end.
//
// A value is (negative ? -1 : 1) * sum(digits[i] * 10000^(weight - i)).
// Invariant (every function returns values that keep it): no leading or
// trailing zero digits; zero has no digits, weight 0 and is not negative.
#pragma once

#include <cstdint>
#include <vector>

#include "sql/types/numeric.h"

namespace strata::sql {

struct NumericVar {
  bool negative = false;
  int weight = 0;
  std::vector<int32_t> digits;

  bool is_zero() const { return digits.empty(); }

  // REQUIRES: n.is_finite().
  static NumericVar FromNumeric(const Numeric& n);
  static NumericVar FromInt(int64_t value);
  // Rounds half away from zero to `scale` decimal places and returns the
  // Numeric with that dscale. Throws 22003 "value overflows numeric format"
  // when the value does not fit numeric's weight range. REQUIRES: scale >= 0.
  Numeric ToNumeric(int scale) const;
  // The nearest double (through decimal text, as numericvar_to_double_no_overflow);
  // +-HUGE_VAL when out of range.
  double ToDouble() const;
  // floor(log10(|value|)). REQUIRES: nonzero.
  int DecimalWeight() const;
  // The decimal digit `pos` places after the point (1 = tenths) of |value|.
  // REQUIRES: pos >= 1.
  int DigitAfterPoint(int pos) const;
};

int CompareAbs(const NumericVar& a, const NumericVar& b);
int Compare(const NumericVar& a, const NumericVar& b);
NumericVar Add(const NumericVar& a, const NumericVar& b);
NumericVar Sub(const NumericVar& a, const NumericVar& b);
// The exact product.
NumericVar Mul(const NumericVar& a, const NumericVar& b);
NumericVar MulInt(const NumericVar& a, int64_t m);
// Drops the digits below 10000^-frac (truncation toward zero; frac may be negative).
void TruncateFrac(NumericVar* v, int frac);
// Keeps the `ndigits` most significant base-10000 digits, truncating the rest.
void TruncateSignificant(NumericVar* v, int ndigits);
// a / b truncated to `frac` base-10000 digits after the point (negative:
// -frac digits before it are dropped too); every digit kept is a digit of
// the exact quotient. REQUIRES: b nonzero.
NumericVar Div(const NumericVar& a, const NumericVar& b, int frac);
// Square root to `frac` base-10000 digits after the point, within two units
// of the last. REQUIRES: a >= 0, frac >= 0.
NumericVar Sqrt(const NumericVar& a, int frac);
// Rounds half away from zero at `scale` decimal places (negative: before the point).
NumericVar RoundScale(NumericVar v, int scale);

// Integer division of big-endian base-10000 integers (Knuth's algorithm D).
// REQUIRES: d nonempty with d[0] != 0. Returns the quotient, big-endian,
// possibly with leading zeros; the remainder is discarded.
std::vector<int32_t> DivideDigitIntegers(const std::vector<int32_t>& n,
                                         const std::vector<int32_t>& d);

}  // namespace strata::sql
