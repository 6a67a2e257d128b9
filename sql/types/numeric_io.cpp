// Numeric text I/O: numeric_in (Parse) and numeric_out (ToString) with
// PostgreSQL 15's accepted syntax and exact output format.
#include <cctype>
#include <string>

#include "common/sql_error.h"
#include "sql/types/numeric.h"

namespace strata::sql {

namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

bool OnlySpaces(std::string_view s) {
  for (char c : s) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

[[noreturn]] void ThrowInvalidSyntax(std::string_view text) {
  throw SqlError(SqlState::kInvalidTextRepresentation,
                 "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
}

// Floor of a / b for b > 0.
int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

Numeric Numeric::Parse(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  std::string_view rest = text.substr(pos);

  // Special values, case-insensitively, as numeric_in checks them.
  struct Special {
    std::string_view word;
    Numeric value;
  };
  const Special specials[] = {
      {"NaN", NaN()},
      {"Infinity", Infinity(false)},
      {"+Infinity", Infinity(false)},
      {"-Infinity", Infinity(true)},
      {"inf", Infinity(false)},
      {"+inf", Infinity(false)},
      {"-inf", Infinity(true)},
  };
  for (const Special& s : specials) {
    if (StartsWithIgnoreCase(rest, s.word)) {
      if (!OnlySpaces(rest.substr(s.word.size()))) ThrowInvalidSyntax(text);
      return s.value;
    }
  }

  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    negative = text[pos] == '-';
    ++pos;
  }
  std::string digits;       // every digit as written
  int64_t int_digits = 0;   // digits before the decimal point
  int64_t frac_digits = 0;  // digits after it
  bool have_point = false;
  if (pos >= text.size() || !(IsDigit(text[pos]) || (text[pos] == '.' && pos + 1 < text.size() &&
                                                     IsDigit(text[pos + 1])))) {
    ThrowInvalidSyntax(text);
  }
  while (pos < text.size()) {
    char c = text[pos];
    if (IsDigit(c)) {
      digits.push_back(c);
      (have_point ? frac_digits : int_digits)++;
    } else if (c == '.') {
      if (have_point) ThrowInvalidSyntax(text);
      have_point = true;
    } else {
      break;
    }
    ++pos;
  }
  int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    // Like strtol: optional whitespace and sign, then at least one digit.
    ++pos;
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    bool exp_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exp_negative = text[pos] == '-';
      ++pos;
    }
    if (pos >= text.size() || !IsDigit(text[pos])) ThrowInvalidSyntax(text);
    constexpr int64_t kLimit = 0x7fffffff / 2;  // INT_MAX / 2
    while (pos < text.size() && IsDigit(text[pos])) {
      if (exponent <= kLimit) exponent = exponent * 10 + (text[pos] - '0');
      ++pos;
    }
    if (exponent >= kLimit) {
      throw SqlError(SqlState::kNumericValueOutOfRange, "value overflows numeric format");
    }
    if (exp_negative) exponent = -exponent;
  }
  if (!OnlySpaces(text.substr(pos))) ThrowInvalidSyntax(text);

  // Decimal exponent of the first written digit, and the display scale.
  int64_t dweight = int_digits - 1 + exponent;
  int64_t dscale = frac_digits - exponent;
  if (dscale < 0) dscale = 0;

  size_t lead = 0;
  while (lead < digits.size() && digits[lead] == '0') ++lead;
  if (lead == digits.size()) {
    if (dscale > kMaxDscale) {
      throw SqlError(SqlState::kNumericValueOutOfRange, "value overflows numeric format");
    }
    Numeric zero;
    zero.dscale_ = static_cast<int>(dscale);
    return zero;
  }
  dweight -= static_cast<int64_t>(lead);
  std::string_view significant = std::string_view(digits).substr(lead);

  // Align the first digit inside its base-10000 group, then cut into groups.
  const int64_t weight = FloorDiv(dweight, kDecDigits);
  const int64_t offset = dweight - weight * kDecDigits;  // 0..3
  if (weight > kMaxWeight || weight < kMinWeight) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "value overflows numeric format");
  }
  std::string aligned(static_cast<size_t>(kDecDigits - 1 - offset), '0');
  aligned.append(significant);
  while (aligned.size() % kDecDigits != 0) aligned.push_back('0');
  Magnitude mag;
  mag.weight = static_cast<int>(weight);
  for (size_t i = 0; i < aligned.size(); i += kDecDigits) {
    mag.digits.push_back(std::stoi(aligned.substr(i, kDecDigits)));
  }
  if (dscale > kMaxDscale) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "value overflows numeric format");
  }
  return FromMagnitude(negative, std::move(mag), static_cast<int>(dscale));
}

std::string Numeric::ToString() const {
  switch (kind_) {
    case Kind::kNaN:
      return "NaN";
    case Kind::kPosInf:
      return "Infinity";
    case Kind::kNegInf:
      return "-Infinity";
    case Kind::kFinite:
      break;
  }
  auto digit_at_power = [&](int power) -> int32_t {
    const int index = weight_ - power;
    if (index < 0 || index >= static_cast<int>(digits_.size())) return 0;
    return digits_[static_cast<size_t>(index)];
  };
  std::string out;
  if (negative_) out.push_back('-');
  if (digits_.empty() || weight_ < 0) {
    out.push_back('0');
  } else {
    out += std::to_string(digit_at_power(weight_));
    for (int p = weight_ - 1; p >= 0; --p) {
      std::string group = std::to_string(digit_at_power(p));
      out.append(static_cast<size_t>(kDecDigits) - group.size(), '0');
      out += group;
    }
  }
  if (dscale_ > 0) {
    out.push_back('.');
    std::string frac;
    for (int p = -1; static_cast<int>(frac.size()) < dscale_; --p) {
      std::string group = std::to_string(digit_at_power(p));
      frac.append(static_cast<size_t>(kDecDigits) - group.size(), '0');
      frac += group;
    }
    frac.resize(static_cast<size_t>(dscale_));
    out += frac;
  }
  return out;
}

}  // namespace strata::sql
