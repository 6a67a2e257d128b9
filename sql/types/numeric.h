// Numeric: PostgreSQL's arbitrary-precision decimal type (numeric/decimal).
//
// A finite value is sign * sum(digits[i] * 10000^(weight - i)), with base-10000
// digits like PostgreSQL's NumericVar, plus a display scale `dscale` (the
// number of decimal digits printed after the point, so 1.50 keeps its zero).
// PostgreSQL 15 also has NaN, +Infinity and -Infinity.
//
// Results follow PostgreSQL's rules exactly, because clients see them:
//  - add/sub are exact with dscale = max(dscale1, dscale2);
//  - mul is exact with dscale = dscale1 + dscale2;
//  - div rounds (half away from zero) to the scale select_div_scale() picks:
//    at least 16 significant digits, at least either input's dscale, at most
//    1000 -- computed from the base-10000 weights, so 10.0/4 = 2.5000000000000000
//    and 1/3.0 = 0.33333333333333333333;
//  - mod is x - trunc(x/y)*y with dscale = max(dscale1, dscale2).
// Errors are SqlErrors with PostgreSQL's SQLSTATEs and messages (22012
// division by zero, 22003 value overflows numeric format).
//
// Invariants of a finite value: no leading or trailing zero digits; zero has
// no digits, weight 0 and is never negative; no nonzero decimal digit lies
// beyond dscale.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql {

class Numeric {
 public:
  static constexpr int kBase = 10000;
  static constexpr int kDecDigits = 4;           // decimal digits per digit
  static constexpr int kMinSigDigits = 16;       // NUMERIC_MIN_SIG_DIGITS
  static constexpr int kMaxDisplayScale = 1000;  // NUMERIC_MAX_DISPLAY_SCALE
  static constexpr int kMaxPrecision = 1000;     // NUMERIC_MAX_PRECISION
  static constexpr int kMinScale = -1000;        // NUMERIC_MIN_SCALE
  static constexpr int kMaxScale = 1000;         // NUMERIC_MAX_SCALE
  static constexpr int kMaxDscale = 0x3FFF;      // NUMERIC_DSCALE_MAX
  static constexpr int kMaxWeight = 32767;       // NUMERIC_WEIGHT_MAX
  static constexpr int kMinWeight = -32768;      // NUMERIC_WEIGHT_MIN

  Numeric() = default;  // zero with dscale 0

  static Numeric NaN();
  static Numeric Infinity(bool negative);
  static Numeric FromInt64(int64_t value);

  // numeric_in: parses text as PostgreSQL does (whitespace, sign, digits,
  // exponent, NaN, [+-]Infinity/inf). Throws SqlError 22P02 naming the input
  // or 22003 "value overflows numeric format".
  static Numeric Parse(std::string_view text);

  // numeric_out.
  std::string ToString() const;

  bool is_nan() const { return kind_ == Kind::kNaN; }
  bool is_infinite() const { return kind_ == Kind::kPosInf || kind_ == Kind::kNegInf; }
  bool is_finite() const { return kind_ == Kind::kFinite; }
  bool is_zero() const { return is_finite() && digits_.empty(); }
  // Sign of the value: -1, 0 or 1 (NaN reports 0).
  int Sign() const;
  int dscale() const { return dscale_; }

  // The raw representation, for storage formats (sql/storage_format/): a
  // finite value's base-10000 digits, most significant first (empty for
  // zero), and the weight of the first one. Meaningless unless is_finite().
  int weight() const { return weight_; }
  std::span<const int16_t> digits() const { return digits_; }
  // Builds a finite value from that representation. REQUIRES: the invariants
  // below hold (digits in [0, kBase) without leading or trailing zeros, weight
  // in [kMinWeight, kMaxWeight], dscale in [0, kMaxDscale] and covering every
  // nonzero decimal digit, zero neither negative nor weighted).
  static Numeric FromDigits(bool negative, int weight, std::span<const int16_t> digits,
                            int dscale);

  Numeric Add(const Numeric& other) const;
  Numeric Sub(const Numeric& other) const;
  Numeric Mul(const Numeric& other) const;
  Numeric Div(const Numeric& other) const;
  Numeric Mod(const Numeric& other) const;
  Numeric Negate() const;

  // numeric_cmp's total order: -Infinity < finite < +Infinity < NaN, and
  // NaN equals NaN. Scale does not matter (1.0 == 1.00).
  int Compare(const Numeric& other) const;

  // Rounds half away from zero to `scale` decimal digits after the point
  // (negative: to the left of it) and sets dscale = max(scale, 0).
  // REQUIRES: is_finite().
  Numeric Round(int scale) const;
  // The same, truncating toward zero (numeric_trunc).
  // REQUIRES: is_finite().
  Numeric Trunc(int scale) const;

  // Rounds to an integer; nullopt if it does not fit int64.
  // REQUIRES: is_finite().
  std::optional<int64_t> ToInt64() const;

  // Applies a numeric(p,s) typmod (apply_typmod): rounds to s and throws
  // 22003 "numeric field overflow" if the value needs more than p - s integer
  // digits or is infinite. Invalid typmods (< 4) leave the value unchanged.
  Numeric ApplyTypmod(int32_t typmod) const;

 private:
  enum class Kind : uint8_t { kFinite, kNaN, kPosInf, kNegInf };

  // Digits of a magnitude, most significant first, with the weight of the
  // first digit. Helpers below work on magnitudes only.
  struct Magnitude {
    int weight = 0;
    std::vector<int32_t> digits;
  };

  Magnitude ToMagnitude() const;
  // Builds a finite value from a magnitude, normalizing it and checking that
  // it fits PostgreSQL's storage format.
  static Numeric FromMagnitude(bool negative, Magnitude mag, int dscale);

  static int CompareMagnitudes(const Magnitude& a, const Magnitude& b);
  static Magnitude AddMagnitudes(const Magnitude& a, const Magnitude& b);
  // REQUIRES: |a| >= |b|.
  static Magnitude SubMagnitudes(const Magnitude& a, const Magnitude& b);
  static Magnitude MulMagnitudes(const Magnitude& a, const Magnitude& b);
  // a / b to `rscale` decimal places, rounded half away from zero if `round`,
  // else truncated. REQUIRES: b nonzero.
  static Magnitude DivMagnitudes(const Magnitude& a, const Magnitude& b, int rscale, bool round);
  // Rounds or truncates a magnitude at `scale` decimal places.
  static void RoundMagnitude(Magnitude* mag, int scale, bool round);

  // select_div_scale(): the result scale PostgreSQL uses for a / b.
  static int SelectDivScale(const Numeric& a, const Numeric& b);

  Numeric AddSigned(const Numeric& other, bool negate_other) const;

  Kind kind_ = Kind::kFinite;
  bool negative_ = false;
  int weight_ = 0;
  int dscale_ = 0;
  std::vector<int16_t> digits_;
};

}  // namespace strata::sql
