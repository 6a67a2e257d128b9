// Binary numeric (numeric_send / numeric_recv) to and from numeric_out text.
//
// Layout: Int16 ndigits, Int16 weight, Int16 sign, Int16 dscale, then ndigits
// Int16 digits in base 10000, most significant first. The value is
//   (-1 if sign = NEG) * sum(digit[i] * 10000^(weight - i)),
// shown with dscale decimal digits after the point. Sign is 0x0000 positive,
// 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity; dscale fits
// in 14 bits (0x3FFF).
//
// What numeric_send writes for a stored value (so SendNumeric must write the
// same): no leading or trailing zero digits; zero as ndigits 0, weight 0,
// positive; NaN as 0/0/0xC000/0; and +-Infinity with dscale 32 (0x20) --
// PostgreSQL 15 reads a special value's dscale through the short-header mask,
// and 0xD000 & 0x1F80 >> 7 is 32. Clients ignore it, but it is what a real
// server sends.
//
// numeric_recv validates sign, dscale and every digit (even for NaN), then for
// finite values truncates digits beyond dscale (trunc_var), strips zero
// digits, and makes zero positive.
#include <algorithm>
#include <string>
#include <vector>

#include "common/coding.h"
#include "common/sql_error.h"
#include "protocol/binary_input.h"
#include "protocol/binary_values.h"

namespace strata::protocol {
namespace {

using internal::TakeUInt16;

constexpr uint16_t kSignPositive = 0x0000;
constexpr uint16_t kSignNegative = 0x4000;
constexpr uint16_t kSignNaN = 0xC000;
constexpr uint16_t kSignPosInfinity = 0xD000;
constexpr uint16_t kSignNegInfinity = 0xF000;
constexpr uint16_t kDscaleMask = 0x3FFF;
constexpr uint16_t kInfinityDscale = 0x20;  // see the top of this file
constexpr int kBase = 10000;
constexpr int kDecDigits = 4;
constexpr int kMaxWeight = 32767;

[[noreturn]] void ThrowInvalidText(std::string_view text) {
  throw SqlError(SqlState::kInvalidTextRepresentation,
                 "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
}

[[noreturn]] void ThrowOverflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value overflows numeric format");
}

[[noreturn]] void ThrowInvalidExternal(std::string_view what) {
  throw SqlError(SqlState::kInvalidBinaryRepresentation,
                 "invalid " + std::string(what) + " in external \"numeric\" value");
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return lower(x) == lower(y);
  });
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int GroupValue(std::string_view decimal_digits) {
  int value = 0;
  for (char c : decimal_digits) value = value * 10 + (c - '0');
  return value;
}

void PutHeader(std::string* out, size_t ndigits, int weight, uint16_t sign, uint16_t dscale) {
  PutBigEndian16(out, static_cast<uint16_t>(ndigits));
  PutBigEndian16(out, static_cast<uint16_t>(static_cast<int16_t>(weight)));
  PutBigEndian16(out, sign);
  PutBigEndian16(out, dscale);
}

void AppendGroup(std::string* out, int digit, size_t width) {
  char buf[kDecDigits];
  for (int i = kDecDigits - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + digit % 10);
    digit /= 10;
  }
  out->append(buf, width);
}

}  // namespace

void SendNumeric(std::string* out, std::string_view decimal_text) {
  if (EqualsIgnoreCase(decimal_text, "NaN")) {
    PutHeader(out, 0, 0, kSignNaN, 0);
    return;
  }
  std::string_view body = decimal_text;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (EqualsIgnoreCase(body, "Infinity") || EqualsIgnoreCase(body, "inf")) {
    PutHeader(out, 0, 0, negative ? kSignNegInfinity : kSignPosInfinity, kInfinityDscale);
    return;
  }
  const size_t point = body.find('.');
  std::string_view integer_part = body.substr(0, point);
  const std::string_view fraction_part =
      point == std::string_view::npos ? std::string_view() : body.substr(point + 1);
  if ((integer_part.empty() && fraction_part.empty()) || !AllDigits(integer_part) ||
      !AllDigits(fraction_part)) {
    ThrowInvalidText(decimal_text);
  }
  if (fraction_part.size() > kDscaleMask) ThrowOverflow();
  while (!integer_part.empty() && integer_part.front() == '0') integer_part.remove_prefix(1);

  // Base-10000 digits aligned on the decimal point: the integer part is cut
  // into groups of four from the right, the fraction from the left (the last
  // group padded with zeros on the right).
  const size_t integer_groups = (integer_part.size() + kDecDigits - 1) / kDecDigits;
  if (integer_groups > static_cast<size_t>(kMaxWeight) + 1) ThrowOverflow();
  std::vector<int> digits;
  digits.reserve(integer_groups + (fraction_part.size() + kDecDigits - 1) / kDecDigits);
  const size_t first_width =
      integer_part.size() - (integer_groups > 0 ? (integer_groups - 1) * kDecDigits : 0);
  for (size_t pos = 0; pos < integer_part.size();) {
    const size_t width = pos == 0 ? first_width : kDecDigits;
    digits.push_back(GroupValue(integer_part.substr(pos, width)));
    pos += width;
  }
  for (size_t pos = 0; pos < fraction_part.size(); pos += kDecDigits) {
    const std::string_view group = fraction_part.substr(pos, kDecDigits);
    int value = GroupValue(group);
    for (size_t i = group.size(); i < kDecDigits; ++i) value *= 10;
    digits.push_back(value);
  }

  int weight = static_cast<int>(integer_groups) - 1;
  size_t begin = 0;
  size_t end = digits.size();
  while (begin < end && digits[begin] == 0) {
    ++begin;
    --weight;
  }
  while (end > begin && digits[end - 1] == 0) --end;
  if (begin == end) {  // zero: weight 0 and never negative
    weight = 0;
    negative = false;
  }
  PutHeader(out, end - begin, weight, negative ? kSignNegative : kSignPositive,
            static_cast<uint16_t>(fraction_part.size()));
  for (size_t i = begin; i < end; ++i) PutBigEndian16(out, static_cast<uint16_t>(digits[i]));
}

std::string RecvNumeric(std::string_view* in) {
  std::string_view rest = *in;
  const uint16_t ndigits = TakeUInt16(&rest);
  int weight = static_cast<int16_t>(TakeUInt16(&rest));
  const uint16_t sign = TakeUInt16(&rest);
  if (sign != kSignPositive && sign != kSignNegative && sign != kSignNaN &&
      sign != kSignPosInfinity && sign != kSignNegInfinity) {
    ThrowInvalidExternal("sign");
  }
  const uint16_t dscale = TakeUInt16(&rest);
  if ((dscale & kDscaleMask) != dscale) ThrowInvalidExternal("scale");
  std::vector<int> digits;
  digits.reserve(std::min<size_t>(ndigits, rest.size() / 2));
  for (uint16_t i = 0; i < ndigits; ++i) {
    const int digit = static_cast<int16_t>(TakeUInt16(&rest));
    if (digit < 0 || digit >= kBase) ThrowInvalidExternal("digit");
    digits.push_back(digit);
  }
  *in = rest;
  if (sign == kSignNaN) return "NaN";
  if (sign == kSignPosInfinity) return "Infinity";
  if (sign == kSignNegInfinity) return "-Infinity";

  // trunc_var(dscale): keep the digits that hold the first dscale decimals,
  // zeroing the decimals past dscale inside the last one kept.
  bool negative = sign == kSignNegative;
  size_t end = digits.size();
  const int decimals_wanted = (weight + 1) * kDecDigits + dscale;
  if (decimals_wanted <= 0) {
    end = 0;
  } else if (const size_t wanted = (decimals_wanted + kDecDigits - 1) / kDecDigits;
             wanted <= end) {
    end = wanted;
    static constexpr int kTruncDivisor[kDecDigits] = {0, 1000, 100, 10};
    const int keep = decimals_wanted % kDecDigits;
    if (keep > 0) digits[end - 1] -= digits[end - 1] % kTruncDivisor[keep];
  }
  // strip_var: no leading or trailing zero digits; zero is positive, weight 0.
  size_t begin = 0;
  while (begin < end && digits[begin] == 0) {
    ++begin;
    --weight;
  }
  while (end > begin && digits[end - 1] == 0) --end;
  if (begin == end) {
    negative = false;
    weight = 0;
  }

  // get_str_from_var: the digit of base-10000 exponent `exp`, or 0.
  const auto digit_at = [&](int exp) {
    const long index = static_cast<long>(begin) + (weight - exp);
    return index >= static_cast<long>(begin) && index < static_cast<long>(end) ? digits[index] : 0;
  };
  std::string text;
  if (negative) text.push_back('-');
  if (weight < 0) {
    text.push_back('0');
  } else {
    text += std::to_string(digit_at(weight));
    for (int exp = weight - 1; exp >= 0; --exp) AppendGroup(&text, digit_at(exp), kDecDigits);
  }
  if (dscale > 0) {
    text.push_back('.');
    for (int exp = -1, written = 0; written < dscale; --exp, written += kDecDigits) {
      AppendGroup(&text, digit_at(exp), std::min(kDecDigits, dscale - written));
    }
  }
  return text;
}

}  // namespace strata::protocol
