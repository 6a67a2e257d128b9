// NumericVar arithmetic (see numeric_var.h).
#include "sql/types/numeric_var.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "common/sql_error.h"

namespace strata::sql {

namespace {

constexpr int64_t kBase = Numeric::kBase;
constexpr int kDec = Numeric::kDecDigits;
constexpr int32_t kPow10[] = {1, 10, 100, 1000, 10000};

// Removes leading zero digits (adjusting the weight) and trailing zero
// digits; zero becomes weight 0, not negative.
void Normalize(NumericVar* v) {
  auto& d = v->digits;
  size_t lead = 0;
  while (lead < d.size() && d[lead] == 0) ++lead;
  if (lead == d.size()) {
    d.clear();
    v->weight = 0;
    v->negative = false;
    return;
  }
  d.erase(d.begin(), d.begin() + static_cast<long>(lead));
  v->weight -= static_cast<int>(lead);
  while (!d.empty() && d.back() == 0) d.pop_back();
}

// Power of ten of the last digit's position: value = digits-as-integer * 10000^Exponent.
int LastExponent(const NumericVar& v) { return v.weight - static_cast<int>(v.digits.size()) + 1; }

// |a| + |b| or |a| - |b| (REQUIRES |a| >= |b| for subtraction) as a magnitude.
NumericVar AddAbs(const NumericVar& a, const NumericVar& b, bool subtract) {
  const int top = std::max(a.weight, b.weight) + 1;
  const int bottom = std::min(LastExponent(a), LastExponent(b));
  NumericVar r;
  r.weight = top;
  r.digits.assign(static_cast<size_t>(top - bottom + 1), 0);
  for (size_t i = 0; i < a.digits.size(); ++i) {
    r.digits[static_cast<size_t>(top - a.weight) + i] += a.digits[i];
  }
  for (size_t i = 0; i < b.digits.size(); ++i) {
    r.digits[static_cast<size_t>(top - b.weight) + i] += subtract ? -b.digits[i] : b.digits[i];
  }
  int32_t carry = 0;
  for (size_t i = r.digits.size(); i-- > 0;) {
    int32_t s = r.digits[i] + carry;
    carry = 0;
    if (s >= kBase) {
      s -= kBase;
      carry = 1;
    } else if (s < 0) {
      s += kBase;
      carry = -1;
    }
    r.digits[i] = s;
  }
  Normalize(&r);
  return r;
}

NumericVar AddSigned(const NumericVar& a, const NumericVar& b, bool negate_b) {
  if (b.is_zero()) return a;
  const bool b_negative = b.negative != negate_b;
  if (a.is_zero()) {
    NumericVar r = b;
    r.negative = b_negative;
    return r;
  }
  NumericVar r;
  if (a.negative == b_negative) {
    r = AddAbs(a, b, false);
    r.negative = a.negative;
  } else if (CompareAbs(a, b) >= 0) {
    r = AddAbs(a, b, true);
    r.negative = a.negative;
  } else {
    r = AddAbs(b, a, true);
    r.negative = b_negative;
  }
  if (r.is_zero()) r.negative = false;
  return r;
}

}  // namespace

std::vector<int32_t> DivideDigitIntegers(const std::vector<int32_t>& n,
                                         const std::vector<int32_t>& d) {
  constexpr int64_t kB = Numeric::kBase;
  if (n.size() < d.size()) return {};
  if (d.size() == 1) {
    std::vector<int32_t> q(n.size());
    int64_t rem = 0;
    for (size_t i = 0; i < n.size(); ++i) {
      int64_t cur = rem * kB + n[i];
      q[i] = static_cast<int32_t>(cur / d[0]);
      rem = cur % d[0];
    }
    return q;
  }
  // Normalize so the divisor's leading digit is at least kB / 2; then the
  // estimated quotient digit is never more than one too large after the
  // two-digit test below.
  const int64_t f = kB / (d[0] + 1);
  const size_t nv = d.size();
  std::vector<int64_t> v(nv);
  int64_t carry = 0;
  for (size_t i = nv; i-- > 0;) {
    int64_t p = d[i] * f + carry;
    v[i] = p % kB;
    carry = p / kB;
  }
  std::vector<int64_t> u(n.size() + 1);
  carry = 0;
  for (size_t i = n.size(); i-- > 0;) {
    int64_t p = n[i] * f + carry;
    u[i + 1] = p % kB;
    carry = p / kB;
  }
  u[0] = carry;

  const size_t m = u.size() - nv;  // number of quotient digits
  std::vector<int32_t> q(m);
  for (size_t j = 0; j < m; ++j) {
    int64_t num = u[j] * kB + u[j + 1];
    int64_t qhat = num / v[0];
    int64_t rhat = num % v[0];
    while (qhat >= kB || qhat * v[1] > rhat * kB + u[j + 2]) {
      --qhat;
      rhat += v[0];
      if (rhat >= kB) break;
    }
    // u[j .. j+nv] -= qhat * v
    int64_t mul_carry = 0;
    int64_t borrow = 0;
    for (size_t i = nv; i-- > 0;) {
      int64_t p = qhat * v[i] + mul_carry;
      mul_carry = p / kB;
      int64_t s = u[j + 1 + i] - (p % kB) - borrow;
      if (s < 0) {
        s += kB;
        borrow = 1;
      } else {
        borrow = 0;
      }
      u[j + 1 + i] = s;
    }
    int64_t top = u[j] - mul_carry - borrow;
    if (top < 0) {
      // qhat was one too large: add the divisor back.
      --qhat;
      int64_t c = 0;
      for (size_t i = nv; i-- > 0;) {
        int64_t s = u[j + 1 + i] + v[i] + c;
        u[j + 1 + i] = s % kB;
        c = s / kB;
      }
      top += c;
    }
    u[j] = top;
    q[j] = static_cast<int32_t>(qhat);
  }
  return q;
}

NumericVar NumericVar::FromNumeric(const Numeric& n) {
  NumericVar v;
  v.negative = n.Sign() < 0;
  v.weight = n.weight();
  v.digits.assign(n.digits().begin(), n.digits().end());
  Normalize(&v);
  return v;
}

NumericVar NumericVar::FromInt(int64_t value) {
  NumericVar v;
  uint64_t u = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::vector<int32_t> rev;
  while (u != 0) {
    rev.push_back(static_cast<int32_t>(u % kBase));
    u /= kBase;
  }
  v.digits.assign(rev.rbegin(), rev.rend());
  v.weight = static_cast<int>(v.digits.size()) - 1;
  v.negative = value < 0;
  Normalize(&v);
  return v;
}

Numeric NumericVar::ToNumeric(int scale) const {
  NumericVar r = RoundScale(*this, scale);
  if (r.is_zero()) return Numeric::FromDigits(false, 0, {}, scale);
  if (r.weight > Numeric::kMaxWeight || r.weight < Numeric::kMinWeight) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "value overflows numeric format");
  }
  std::vector<int16_t> d(r.digits.begin(), r.digits.end());
  return Numeric::FromDigits(r.negative, r.weight, d, scale);
}

double NumericVar::ToDouble() const {
  if (is_zero()) return 0.0;
  std::string text = negative ? "-" : "";
  for (int32_t d : digits) {
    std::string group = std::to_string(d);
    text += std::string(static_cast<size_t>(kDec) - group.size(), '0') + group;
  }
  text += "e" + std::to_string(static_cast<int64_t>(LastExponent(*this)) * kDec);
  return std::strtod(text.c_str(), nullptr);
}

int NumericVar::DecimalWeight() const {
  int first = 1;
  while (first < kDec && digits[0] >= kPow10[first]) ++first;
  return weight * kDec + first - 1;
}

int NumericVar::DigitAfterPoint(int pos) const {
  // Digit index i (0-based) of the group with exponent -(1 + (pos-1)/4).
  const int64_t exponent = -(1 + static_cast<int64_t>(pos - 1) / kDec);
  const int64_t index = weight - exponent;
  if (index < 0 || index >= static_cast<int64_t>(digits.size())) return 0;
  const int32_t group = digits[static_cast<size_t>(index)];
  return (group / kPow10[kDec - 1 - (pos - 1) % kDec]) % 10;
}

int CompareAbs(const NumericVar& a, const NumericVar& b) {
  if (a.is_zero() || b.is_zero()) return (a.is_zero() ? 0 : 1) - (b.is_zero() ? 0 : 1);
  if (a.weight != b.weight) return a.weight < b.weight ? -1 : 1;
  const size_t n = std::max(a.digits.size(), b.digits.size());
  for (size_t i = 0; i < n; ++i) {
    const int32_t da = i < a.digits.size() ? a.digits[i] : 0;
    const int32_t db = i < b.digits.size() ? b.digits[i] : 0;
    if (da != db) return da < db ? -1 : 1;
  }
  return 0;
}

int Compare(const NumericVar& a, const NumericVar& b) {
  const int sa = a.is_zero() ? 0 : (a.negative ? -1 : 1);
  const int sb = b.is_zero() ? 0 : (b.negative ? -1 : 1);
  if (sa != sb) return sa < sb ? -1 : 1;
  const int c = CompareAbs(a, b);
  return sa < 0 ? -c : c;
}

NumericVar Add(const NumericVar& a, const NumericVar& b) { return AddSigned(a, b, false); }
NumericVar Sub(const NumericVar& a, const NumericVar& b) { return AddSigned(a, b, true); }

NumericVar Mul(const NumericVar& a, const NumericVar& b) {
  NumericVar r;
  if (a.is_zero() || b.is_zero()) return r;
  const size_t na = a.digits.size();
  const size_t nb = b.digits.size();
  std::vector<int64_t> acc(na + nb, 0);
  for (size_t i = 0; i < na; ++i) {
    const int64_t ai = a.digits[i];
    if (ai == 0) continue;
    for (size_t j = 0; j < nb; ++j) acc[i + j + 1] += ai * b.digits[j];
    // Each sum stays below na * 10^8 < 2^63 for any size we build.
  }
  int64_t carry = 0;
  r.digits.resize(acc.size());
  for (size_t i = acc.size(); i-- > 0;) {
    const int64_t s = acc[i] + carry;
    r.digits[i] = static_cast<int32_t>(s % kBase);
    carry = s / kBase;
  }
  r.weight = a.weight + b.weight + 1;
  r.negative = a.negative != b.negative;
  Normalize(&r);
  return r;
}

NumericVar MulInt(const NumericVar& a, int64_t m) { return Mul(a, NumericVar::FromInt(m)); }

void TruncateFrac(NumericVar* v, int frac) {
  const int64_t keep = static_cast<int64_t>(v->weight) + 1 + frac;
  if (keep <= 0) {
    *v = NumericVar();
    return;
  }
  if (keep < static_cast<int64_t>(v->digits.size())) v->digits.resize(static_cast<size_t>(keep));
  Normalize(v);
}

void TruncateSignificant(NumericVar* v, int ndigits) {
  if (ndigits < static_cast<int>(v->digits.size())) {
    v->digits.resize(static_cast<size_t>(std::max(ndigits, 1)));
    Normalize(v);
  }
}

NumericVar Div(const NumericVar& a, const NumericVar& b, int frac) {
  NumericVar q;
  if (a.is_zero()) return q;
  const int64_t shift = static_cast<int64_t>(LastExponent(a)) - LastExponent(b) + frac;
  std::vector<int32_t> n = a.digits;
  std::vector<int32_t> d = b.digits;
  if (shift >= 0) {
    n.resize(n.size() + static_cast<size_t>(shift), 0);
  } else {
    d.resize(d.size() + static_cast<size_t>(-shift), 0);
  }
  q.digits = DivideDigitIntegers(n, d);
  q.weight = static_cast<int>(static_cast<int64_t>(q.digits.size()) - 1 - frac);
  q.negative = a.negative != b.negative;
  Normalize(&q);
  return q;
}

NumericVar Sqrt(const NumericVar& a, int frac) {
  if (a.is_zero()) return NumericVar();
  // A double estimate of 1/sqrt(a) from the leading digits: a ~= m *
  // 10000^e with e even and 10^22 <= m < 10^30, so 10^28 / sqrt(m) is an
  // integer below 10^17 with at least eleven correct digits.
  double m = 0;
  const size_t lead = std::min<size_t>(a.digits.size(), 3);
  for (size_t i = 0; i < lead; ++i) m = m * kBase + a.digits[i];
  int64_t e = static_cast<int64_t>(a.weight) - static_cast<int64_t>(lead) + 1;
  if (e % 2 != 0) {
    m *= kBase;
    --e;
  }
  while (m < 1e22) {
    m *= 1e8;
    e -= 2;
  }
  NumericVar r = NumericVar::FromInt(static_cast<int64_t>(1e28 / std::sqrt(m)));
  r.weight += static_cast<int>(-7 - e / 2);
  // Newton's iteration for the reciprocal square root, r <- r + r(1 - a r^2)/2,
  // needs no division. It doubles the correct digits each step, so each step
  // works at twice the precision of the last (counting two correct base-10000
  // digits to start with), up to the digits wanted plus two: only the last
  // step costs full precision. Then sqrt(a) = a * r.
  const int64_t result_weight = (static_cast<int64_t>(a.weight) + 1) / 2 + 1;  // an upper bound
  const int64_t digits_wanted = std::max<int64_t>(result_weight + 1 + frac + 2, 2);
  const NumericVar one = NumericVar::FromInt(1);
  NumericVar half = NumericVar::FromInt(5000);
  half.weight = -1;
  int64_t digits = 2;
  while (digits < digits_wanted) {
    digits = std::min(digits * 2, digits_wanted);
    const int keep = static_cast<int>(digits) + 2;
    NumericVar a_short = a;
    TruncateSignificant(&a_short, keep);
    NumericVar r2 = Mul(r, r);
    TruncateSignificant(&r2, keep);
    NumericVar ar2 = Mul(a_short, r2);
    TruncateSignificant(&ar2, keep);
    NumericVar correction = Mul(Mul(r, Sub(one, ar2)), half);
    TruncateSignificant(&correction, keep);
    r = Add(r, correction);
    TruncateSignificant(&r, keep);
  }
  NumericVar y = Mul(a, r);
  TruncateFrac(&y, frac);
  return y;
}

NumericVar RoundScale(NumericVar v, int scale) {
  if (v.is_zero()) return v;
  auto& digits = v.digits;
  // A leading zero digit gives a carry out of the top digit somewhere to go.
  digits.insert(digits.begin(), 0);
  v.weight += 1;
  const int64_t n = static_cast<int64_t>(digits.size());
  // Decimal digits to keep, counted from the top of digits[0]'s group.
  const int64_t keep = static_cast<int64_t>(kDec) * (v.weight + 1) + scale;
  if (keep >= kDec * n) {
    Normalize(&v);
    return v;
  }
  if (keep <= 0) return NumericVar();
  auto decimal_digit = [&](int64_t index) {
    const int32_t group = digits[static_cast<size_t>(index / kDec)];
    return (group / kPow10[kDec - 1 - index % kDec]) % 10;
  };
  const bool round_up = decimal_digit(keep) >= 5;
  const size_t group = static_cast<size_t>(keep / kDec);
  const int within = static_cast<int>(keep % kDec);
  if (within == 0) {
    digits.resize(group);
  } else {
    digits[group] -= digits[group] % kPow10[kDec - within];
    digits.resize(group + 1);
  }
  if (round_up) {
    const int64_t last = keep - 1;
    size_t g = static_cast<size_t>(last / kDec);
    digits[g] += kPow10[kDec - 1 - last % kDec];
    while (digits[g] >= kBase) {
      digits[g] -= kBase;
      --g;  // digits[0] started as the zero we inserted, so g stays >= 0
      digits[g] += 1;
    }
  }
  Normalize(&v);
  return v;
}

}  // namespace strata::sql
