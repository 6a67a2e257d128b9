// Numeric arithmetic: add, sub, mul, div, mod, rounding and comparison with
// PostgreSQL's result-scale rules (see numeric.h). Magnitude helpers work on
// base-10000 digit vectors held in int32_t so intermediate sums never overflow.
#include "sql/types/numeric.h"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "common/sql_error.h"
#include "sql/types/numeric_var.h"
#include "sql/types/typmod.h"

namespace strata::sql {

namespace {

constexpr int32_t kPow10[] = {1, 10, 100, 1000, 10000};

[[noreturn]] void ThrowDivisionByZero() {
  throw SqlError(SqlState::kDivisionByZero, "division by zero");
}

[[noreturn]] void ThrowOverflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value overflows numeric format");
}

// Ceiling of a / b for b > 0 and any sign of a.
int64_t CeilDiv(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

// Removes leading zero digits (adjusting the weight) and trailing zero digits.
void StripMagnitude(int* weight, std::vector<int32_t>* digits) {
  size_t lead = 0;
  while (lead < digits->size() && (*digits)[lead] == 0) ++lead;
  if (lead == digits->size()) {
    digits->clear();
    *weight = 0;
    return;
  }
  digits->erase(digits->begin(), digits->begin() + static_cast<long>(lead));
  *weight -= static_cast<int>(lead);
  while (!digits->empty() && digits->back() == 0) digits->pop_back();
}

}  // namespace

Numeric Numeric::NaN() {
  Numeric n;
  n.kind_ = Kind::kNaN;
  return n;
}

Numeric Numeric::Infinity(bool negative) {
  Numeric n;
  n.kind_ = negative ? Kind::kNegInf : Kind::kPosInf;
  return n;
}

Numeric Numeric::FromDigits(bool negative, int weight, std::span<const int16_t> digits,
                            int dscale) {
  Numeric n;
  n.negative_ = negative;
  n.weight_ = weight;
  n.dscale_ = dscale;
  n.digits_.assign(digits.begin(), digits.end());
  return n;
}

Numeric Numeric::FromInt64(int64_t value) {
  Magnitude mag;
  uint64_t u = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::vector<int32_t> rev;
  while (u != 0) {
    rev.push_back(static_cast<int32_t>(u % kBase));
    u /= kBase;
  }
  mag.digits.assign(rev.rbegin(), rev.rend());
  mag.weight = static_cast<int>(mag.digits.size()) - 1;
  return FromMagnitude(value < 0, std::move(mag), 0);
}

int Numeric::Sign() const {
  switch (kind_) {
    case Kind::kNaN:
      return 0;
    case Kind::kPosInf:
      return 1;
    case Kind::kNegInf:
      return -1;
    case Kind::kFinite:
      break;
  }
  if (digits_.empty()) return 0;
  return negative_ ? -1 : 1;
}

Numeric::Magnitude Numeric::ToMagnitude() const {
  Magnitude mag;
  mag.weight = weight_;
  mag.digits.assign(digits_.begin(), digits_.end());
  return mag;
}

Numeric Numeric::FromMagnitude(bool negative, Magnitude mag, int dscale) {
  StripMagnitude(&mag.weight, &mag.digits);
  Numeric n;
  n.dscale_ = dscale;
  if (mag.digits.empty()) return n;  // zero is never negative
  if (mag.weight > kMaxWeight || mag.weight < kMinWeight || dscale > kMaxDscale) {
    ThrowOverflow();
  }
  n.negative_ = negative;
  n.weight_ = mag.weight;
  n.digits_.assign(mag.digits.begin(), mag.digits.end());
  return n;
}

int Numeric::CompareMagnitudes(const Magnitude& a, const Magnitude& b) {
  if (a.digits.empty() || b.digits.empty()) {
    return (a.digits.empty() ? 0 : 1) - (b.digits.empty() ? 0 : 1);
  }
  if (a.weight != b.weight) return a.weight < b.weight ? -1 : 1;
  size_t n = std::max(a.digits.size(), b.digits.size());
  for (size_t i = 0; i < n; ++i) {
    int32_t da = i < a.digits.size() ? a.digits[i] : 0;
    int32_t db = i < b.digits.size() ? b.digits[i] : 0;
    if (da != db) return da < db ? -1 : 1;
  }
  return 0;
}

Numeric::Magnitude Numeric::AddMagnitudes(const Magnitude& a, const Magnitude& b) {
  if (a.digits.empty()) return b;
  if (b.digits.empty()) return a;
  const int top = std::max(a.weight, b.weight) + 1;  // room for a carry
  const int bottom = std::min(a.weight - static_cast<int>(a.digits.size()) + 1,
                              b.weight - static_cast<int>(b.digits.size()) + 1);
  Magnitude r;
  r.weight = top;
  r.digits.assign(static_cast<size_t>(top - bottom + 1), 0);
  auto accumulate = [&](const Magnitude& m) {
    for (size_t i = 0; i < m.digits.size(); ++i) {
      int power = m.weight - static_cast<int>(i);
      r.digits[static_cast<size_t>(top - power)] += m.digits[i];
    }
  };
  accumulate(a);
  accumulate(b);
  int32_t carry = 0;
  for (size_t i = r.digits.size(); i-- > 0;) {
    int32_t s = r.digits[i] + carry;
    r.digits[i] = s % kBase;
    carry = s / kBase;
  }
  StripMagnitude(&r.weight, &r.digits);
  return r;
}

Numeric::Magnitude Numeric::SubMagnitudes(const Magnitude& a, const Magnitude& b) {
  if (b.digits.empty()) return a;
  const int top = std::max(a.weight, b.weight);
  const int bottom = std::min(a.weight - static_cast<int>(a.digits.size()) + 1,
                              b.weight - static_cast<int>(b.digits.size()) + 1);
  Magnitude r;
  r.weight = top;
  r.digits.assign(static_cast<size_t>(top - bottom + 1), 0);
  for (size_t i = 0; i < a.digits.size(); ++i) {
    r.digits[static_cast<size_t>(top - (a.weight - static_cast<int>(i)))] += a.digits[i];
  }
  for (size_t i = 0; i < b.digits.size(); ++i) {
    r.digits[static_cast<size_t>(top - (b.weight - static_cast<int>(i)))] -= b.digits[i];
  }
  int32_t borrow = 0;
  for (size_t i = r.digits.size(); i-- > 0;) {
    int32_t s = r.digits[i] - borrow;
    if (s < 0) {
      s += kBase;
      borrow = 1;
    } else {
      borrow = 0;
    }
    r.digits[i] = s;
  }
  StripMagnitude(&r.weight, &r.digits);
  return r;
}

Numeric::Magnitude Numeric::MulMagnitudes(const Magnitude& a, const Magnitude& b) {
  Magnitude r;
  if (a.digits.empty() || b.digits.empty()) return r;
  const size_t na = a.digits.size();
  const size_t nb = b.digits.size();
  std::vector<int64_t> acc(na + nb, 0);
  for (size_t i = 0; i < na; ++i) {
    for (size_t j = 0; j < nb; ++j) {
      acc[i + j + 1] += static_cast<int64_t>(a.digits[i]) * b.digits[j];
    }
  }
  int64_t carry = 0;
  r.digits.resize(acc.size());
  for (size_t i = acc.size(); i-- > 0;) {
    int64_t s = acc[i] + carry;
    r.digits[i] = static_cast<int32_t>(s % kBase);
    carry = s / kBase;
  }
  r.weight = a.weight + b.weight + 1;
  StripMagnitude(&r.weight, &r.digits);
  return r;
}

Numeric::Magnitude Numeric::DivMagnitudes(const Magnitude& a, const Magnitude& b, int rscale,
                                          bool round) {
  Magnitude q;
  if (a.digits.empty()) return q;
  // Compute the truncated quotient to `frac` base-10000 digits after the
  // point: enough for rscale decimal digits plus one guard digit to round
  // with. Truncated digits are exact digits of the true quotient, so rounding
  // on the first dropped decimal digit is correct rounding.
  const int64_t needed = static_cast<int64_t>(rscale) + (round ? 1 : 0);
  const int64_t frac = CeilDiv(needed, kDecDigits);
  const int64_t ea = a.weight - static_cast<int64_t>(a.digits.size()) + 1;
  const int64_t eb = b.weight - static_cast<int64_t>(b.digits.size()) + 1;
  const int64_t shift = ea - eb + frac;
  std::vector<int32_t> n = a.digits;
  std::vector<int32_t> d = b.digits;
  if (shift >= 0) {
    n.resize(n.size() + static_cast<size_t>(shift), 0);
  } else {
    d.resize(d.size() + static_cast<size_t>(-shift), 0);
  }
  q.digits = DivideDigitIntegers(n, d);
  q.weight = static_cast<int>(static_cast<int64_t>(q.digits.size()) - 1 - frac);
  StripMagnitude(&q.weight, &q.digits);
  RoundMagnitude(&q, rscale, round);
  return q;
}

void Numeric::RoundMagnitude(Magnitude* mag, int scale, bool round) {
  auto& digits = mag->digits;
  if (digits.empty()) return;
  // A leading zero digit gives a carry out of the top digit somewhere to go.
  digits.insert(digits.begin(), 0);
  mag->weight += 1;
  const int64_t n = static_cast<int64_t>(digits.size());
  // Decimal digits to keep, counted from the top of digits[0]'s group.
  const int64_t keep = static_cast<int64_t>(kDecDigits) * (mag->weight + 1) + scale;
  if (keep >= kDecDigits * n) {
    StripMagnitude(&mag->weight, &digits);
    return;
  }
  if (keep <= 0) {  // every nonzero digit lies below the rounding position
    digits.clear();
    mag->weight = 0;
    return;
  }
  auto decimal_digit = [&](int64_t index) {
    int32_t group = digits[static_cast<size_t>(index / kDecDigits)];
    return (group / kPow10[kDecDigits - 1 - index % kDecDigits]) % 10;
  };
  const bool round_up = round && decimal_digit(keep) >= 5;
  const size_t group = static_cast<size_t>(keep / kDecDigits);
  const int within = static_cast<int>(keep % kDecDigits);
  if (within == 0) {
    digits.resize(group);
  } else {
    digits[group] -= digits[group] % kPow10[kDecDigits - within];
    digits.resize(group + 1);
  }
  if (round_up) {
    const int64_t last = keep - 1;  // index of the last kept decimal digit
    size_t g = static_cast<size_t>(last / kDecDigits);
    digits[g] += kPow10[kDecDigits - 1 - last % kDecDigits];
    while (digits[g] >= kBase) {
      digits[g] -= kBase;
      --g;  // digits[0] started as the zero we inserted, so g stays >= 0
      digits[g] += 1;
    }
  }
  StripMagnitude(&mag->weight, &digits);
}

int Numeric::SelectDivScale(const Numeric& a, const Numeric& b) {
  // Weight and first digit of each (normalized) input; zero counts as 0, 0.
  const int weight1 = a.digits_.empty() ? 0 : a.weight_;
  const int first1 = a.digits_.empty() ? 0 : a.digits_[0];
  const int weight2 = b.digits_.empty() ? 0 : b.weight_;
  const int first2 = b.digits_.empty() ? 0 : b.digits_[0];
  // Estimated weight of the quotient; equal first digits count as a < b.
  int qweight = weight1 - weight2;
  if (first1 <= first2) --qweight;
  int rscale = kMinSigDigits - qweight * kDecDigits;
  rscale = std::max(rscale, a.dscale_);
  rscale = std::max(rscale, b.dscale_);
  rscale = std::max(rscale, 0);
  rscale = std::min(rscale, kMaxDisplayScale);
  return rscale;
}

Numeric Numeric::AddSigned(const Numeric& other, bool negate_other) const {
  const bool other_negative = other.negative_ != negate_other;
  const int dscale = std::max(dscale_, other.dscale_);
  Magnitude a = ToMagnitude();
  Magnitude b = other.ToMagnitude();
  if (negative_ == other_negative) {
    return FromMagnitude(negative_, AddMagnitudes(a, b), dscale);
  }
  if (CompareMagnitudes(a, b) >= 0) {
    return FromMagnitude(negative_, SubMagnitudes(a, b), dscale);
  }
  return FromMagnitude(other_negative, SubMagnitudes(b, a), dscale);
}

Numeric Numeric::Add(const Numeric& other) const {
  if (!is_finite() || !other.is_finite()) {
    if (is_nan() || other.is_nan()) return NaN();
    if (is_infinite() && other.is_infinite() && kind_ != other.kind_) {
      return NaN();  // Inf + -Inf
    }
    return is_infinite() ? *this : other;
  }
  return AddSigned(other, false);
}

Numeric Numeric::Sub(const Numeric& other) const {
  if (!is_finite() || !other.is_finite()) {
    if (is_nan() || other.is_nan()) return NaN();
    if (is_infinite()) {
      if (other.kind_ == kind_) return NaN();  // Inf - Inf
      return *this;
    }
    return other.Negate();
  }
  return AddSigned(other, true);
}

Numeric Numeric::Mul(const Numeric& other) const {
  if (!is_finite() || !other.is_finite()) {
    if (is_nan() || other.is_nan()) return NaN();
    const int sign = Sign() * other.Sign();
    if (sign == 0) return NaN();  // Inf * 0
    return Infinity(sign < 0);
  }
  // The exact product has dscale1 + dscale2 decimals; round only if that
  // exceeds what the format can store.
  int dscale = dscale_ + other.dscale_;
  Magnitude product = MulMagnitudes(ToMagnitude(), other.ToMagnitude());
  if (dscale > kMaxDscale) {
    RoundMagnitude(&product, kMaxDscale, true);
    dscale = kMaxDscale;
  }
  return FromMagnitude(negative_ != other.negative_, std::move(product), dscale);
}

Numeric Numeric::Div(const Numeric& other) const {
  if (!is_finite() || !other.is_finite()) {
    if (is_nan() || other.is_nan()) return NaN();
    if (is_infinite()) {
      if (other.is_infinite()) return NaN();  // Inf / Inf
      const int sign = other.Sign();
      if (sign == 0) ThrowDivisionByZero();
      return Infinity((kind_ == Kind::kNegInf) != (sign < 0));
    }
    return Numeric();  // finite / Inf
  }
  if (other.is_zero()) ThrowDivisionByZero();
  const int rscale = SelectDivScale(*this, other);
  Magnitude q = DivMagnitudes(ToMagnitude(), other.ToMagnitude(), rscale, true);
  return FromMagnitude(negative_ != other.negative_, std::move(q), rscale);
}

Numeric Numeric::Mod(const Numeric& other) const {
  if (!is_finite() || !other.is_finite()) {
    if (is_nan() || other.is_nan()) return NaN();
    if (is_infinite()) {
      if (other.Sign() == 0) ThrowDivisionByZero();
      return NaN();  // Inf % nonzero
    }
    return *this;  // finite % Inf
  }
  if (other.is_zero()) ThrowDivisionByZero();
  // x - trunc(x / y) * y; the remainder takes the dividend's sign.
  Magnitude a = ToMagnitude();
  Magnitude b = other.ToMagnitude();
  Magnitude q = DivMagnitudes(a, b, 0, false);
  Magnitude r = SubMagnitudes(a, MulMagnitudes(b, q));
  return FromMagnitude(negative_, std::move(r), std::max(dscale_, other.dscale_));
}

Numeric Numeric::Negate() const {
  Numeric n = *this;
  switch (kind_) {
    case Kind::kNaN:
      break;
    case Kind::kPosInf:
      n.kind_ = Kind::kNegInf;
      break;
    case Kind::kNegInf:
      n.kind_ = Kind::kPosInf;
      break;
    case Kind::kFinite:
      if (!digits_.empty()) n.negative_ = !negative_;
      break;
  }
  return n;
}

int Numeric::Compare(const Numeric& other) const {
  auto rank = [](Kind k) {
    switch (k) {
      case Kind::kNegInf:
        return 0;
      case Kind::kFinite:
        return 1;
      case Kind::kPosInf:
        return 2;
      case Kind::kNaN:
        return 3;
    }
    return 3;
  };
  const int ra = rank(kind_);
  const int rb = rank(other.kind_);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (!is_finite()) return 0;
  const int sa = Sign();
  const int sb = other.Sign();
  if (sa != sb) return sa < sb ? -1 : 1;
  const int c = CompareMagnitudes(ToMagnitude(), other.ToMagnitude());
  return sa < 0 ? -c : c;
}

Numeric Numeric::Round(int scale) const {
  Magnitude mag = ToMagnitude();
  RoundMagnitude(&mag, scale, true);
  return FromMagnitude(negative_, std::move(mag), std::max(scale, 0));
}

Numeric Numeric::Trunc(int scale) const {
  Magnitude mag = ToMagnitude();
  RoundMagnitude(&mag, scale, false);
  return FromMagnitude(negative_, std::move(mag), std::max(scale, 0));
}

std::optional<int64_t> Numeric::ToInt64() const {
  Numeric rounded = Round(0);
  if (rounded.digits_.empty()) return 0;
  if (rounded.weight_ > 4) return std::nullopt;  // >= 10^20
  __int128 value = 0;
  for (int p = rounded.weight_, i = 0; p >= 0; --p, ++i) {
    int32_t d =
        i < static_cast<int>(rounded.digits_.size()) ? rounded.digits_[static_cast<size_t>(i)] : 0;
    value = value * kBase + d;
  }
  if (rounded.negative_) value = -value;
  if (value > INT64_MAX || value < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(value);
}

Numeric Numeric::ApplyTypmod(int32_t typmod) const {
  if (!IsValidNumericTypmod(typmod)) return *this;
  const int precision = NumericTypmodPrecision(typmod);
  const int scale = NumericTypmodScale(typmod);
  if (is_nan()) return *this;
  if (is_infinite()) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "numeric field overflow")
        .WithDetail("A field with precision " + std::to_string(precision) + ", scale " +
                    std::to_string(scale) + " cannot hold an infinite value.");
  }
  Numeric r = Round(scale);
  if (r.digits_.empty()) return r;
  const int maxdigits = precision - scale;
  // Decimal digits before the point (<= 0 for values below 1).
  int first_digits = 1;
  while (first_digits < kDecDigits && r.digits_[0] >= kPow10[first_digits]) {
    ++first_digits;
  }
  const int ddigits = r.weight_ * kDecDigits + first_digits;
  if (ddigits > maxdigits) {
    std::string bound = maxdigits != 0 ? "10^" + std::to_string(maxdigits) : "1";
    throw SqlError(SqlState::kNumericValueOutOfRange, "numeric field overflow")
        .WithDetail("A field with precision " + std::to_string(precision) + ", scale " +
                    std::to_string(scale) + " must round to an absolute value less than " + bound +
                    ".");
  }
  return r;
}

}  // namespace strata::sql
