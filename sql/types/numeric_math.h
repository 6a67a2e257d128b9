// PostgreSQL 15's numeric math functions: sqrt, exp, ln, log and power, with
// the result scales numeric.c chooses (at least NUMERIC_MIN_SIG_DIGITS
// significant digits, at least the inputs' display scales, at most 1000
// decimals), its NaN/Infinity rules and its errors (2201E logarithms of zero
// or negative numbers, 2201F negative square roots and invalid powers, 22003
// overflow, 22012 log base 1).
//
// Results are rounded half away from zero to that scale from an
// approximation carrying guard digits; when the guard digits cannot decide
// the rounding, the approximation is redone with more of them, so results
// are correctly rounded (PostgreSQL's are, for every case its regression
// suite checks).
#pragma once

#include "sql/types/numeric.h"

namespace strata::sql {

Numeric NumericSqrt(const Numeric& x);
// sqrt_var(): the square root of a finite x >= 0 rounded to `rscale`
// decimals (for callers that choose the scale, as stddev does).
Numeric NumericSqrtAtScale(const Numeric& x, int rscale);
Numeric NumericExp(const Numeric& x);
Numeric NumericLn(const Numeric& x);
// log(base, x).
Numeric NumericLog(const Numeric& base, const Numeric& x);
// x ^ y (numeric_power).
Numeric NumericPower(const Numeric& x, const Numeric& y);

}  // namespace strata::sql
