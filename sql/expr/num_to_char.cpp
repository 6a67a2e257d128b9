// to_char(int4 | int8 | float4 | float8 | numeric, text): PostgreSQL 15's
// number formatting (formatting.c's NUMDesc_prepare / NUM_processor /
// NUM_numpart_to_char, in the C locale: '.' decimal point, ',' group
// separator, ' ' currency symbol). Patterns: 9 0 . , D G S PL MI SG PR L V
// EEEE RN TH FM B, "quoted text" and \-escaped quotes. The number is first
// rendered as a digit string with the format's digits after the point (the
// per-type code below, as PostgreSQL's int8_to_char, float8_to_char,
// numeric_to_char); the processor then walks the pattern over it.
#include <algorithm>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/expr/num_format.h"
#include "sql/expr/num_to_char.h"
#include "sql/types/numeric.h"

namespace strata::sql {

namespace {

using namespace num_format;  // NOLINT(build/namespaces): the template's vocabulary

std::string RomanOf(int64_t number) {
  if (number > 3999 || number < 1) return std::string(15, '#');
  static const char* const kThousands[] = {"", "M", "MM", "MMM"};
  static const char* const kHundreds[] = {"", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
  static const char* const kTens[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
  static const char* const kOnes[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  return std::string(kThousands[number / 1000]) + kHundreds[number / 100 % 10] +
         kTens[number / 10 % 10] + kOnes[number % 10];
}

// "st", "nd", "rd", "th" for the number's last digit (teens are "th").
std::string Ordinal(const std::string& num, bool upper) {
  char last = num.empty() ? 0 : num.back();
  if (last < '0' || last > '9') {
    throw SqlError(SqlState::kInvalidTextRepresentation, "\"" + num + "\" is not a number");
  }
  if (num.size() > 1 && num[num.size() - 2] == '1') last = 0;
  const char* s = last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : "th";
  std::string out = s;
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// The state NUM_processor keeps while writing (to_char only).
class Processor {
 public:
  Processor(NumDesc num, std::string number, int out_pre_spaces, char sign)
      : num_(num), number_(std::move(number)), sign_(sign), out_pre_spaces_(out_pre_spaces) {}

  std::string Run(const std::vector<Node>& nodes) {
    if (num_.zero_start > 0) --num_.zero_start;
    if (num_.Is(kEEEE)) return number_;
    if (num_.Is(kRoman)) {
      num_.lsign = LSign::kNone;
      num_.pre_lsign_num = num_.post = num_.pre = out_pre_spaces_ = 0;
      sign_ = 0;
      num_.flag = (num_.Is(kFillMode) ? unsigned{kFillMode} : 0u) | kRoman;
    }
    // Sign.
    sign_wrote_ = false;
    if (num_.Is(kPlus) || num_.Is(kMinus)) {
      sign_wrote_ = !(num_.Is(kPlus) && !num_.Is(kMinus));
    } else {
      if (sign_ != '-' && num_.Is(kFillMode)) num_.flag &= ~kBracket;
      sign_wrote_ = sign_ == '+' && num_.Is(kFillMode) && !num_.Is(kLSign);
      if (num_.lsign == LSign::kPre && num_.pre == num_.pre_lsign_num) num_.lsign = LSign::kPost;
    }
    num_count_ = num_.post + num_.pre - 1;
    if (num_.Is(kFillMode) && num_.Is(kDecimal)) {
      last_relevant_ = LastRelevantDecimal();
      if (last_relevant_ >= 0 && num_.zero_end > out_pre_spaces_) {
        int last_zero = static_cast<int>(number_.size()) - 1;
        last_zero = std::min(last_zero, num_.zero_end - out_pre_spaces_);
        if (last_relevant_ < last_zero) last_relevant_ = last_zero;
      }
    }
    if (!sign_wrote_ && out_pre_spaces_ == 0) ++num_count_;

    for (const Node& n : nodes) {
      switch (n.key) {
        case Key::k9:
        case Key::k0:
        case Key::kDec:
        case Key::kD:
          NumPart(n.key);
          break;
        case Key::kComma:
        case Key::kG:
          if (!num_in_) {
            if (!num_.Is(kFillMode)) out_ += ' ';
          } else {
            out_ += ',';
          }
          break;
        case Key::kL:
          out_ += ' ';
          break;
        case Key::kRN:
        case Key::krn: {
          std::string roman = number_;
          if (n.key == Key::krn) {
            for (char& c : roman) {
              if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            }
          }
          if (!num_.Is(kFillMode) && roman.size() < 15) roman.insert(0, 15 - roman.size(), ' ');
          out_ += roman;
          break;
        }
        case Key::kTH:
        case Key::kth:
          if (num_.Is(kRoman) || (!number_.empty() && number_[0] == '#') || sign_ == '-' ||
              num_.Is(kDecimal)) {
            break;
          }
          out_ += Ordinal(number_, n.key == Key::kTH);
          break;
        case Key::kMI:
          if (sign_ == '-') {
            out_ += '-';
          } else if (!num_.Is(kFillMode)) {
            out_ += ' ';
          }
          break;
        case Key::kPL:
          if (sign_ == '+') {
            out_ += '+';
          } else if (!num_.Is(kFillMode)) {
            out_ += ' ';
          }
          break;
        case Key::kSG:
          if (sign_ != 0) out_ += sign_;
          break;
        case Key::kChar:
          out_ += n.text;
          break;
        default:
          break;
      }
    }
    return out_;
  }

 private:
  char Cur() const { return pos_ < number_.size() ? number_[pos_] : '\0'; }
  // "0.1" with 9.9 -> " .1": the leading zero of a fraction is a blank.
  bool PredecSpace() const {
    return !num_.Is(kZero) && pos_ == 0 && !number_.empty() && number_[0] == '0' &&
           num_.post != 0;
  }
  int LastRelevantDecimal() const {
    const size_t dot = number_.find('.');
    if (dot == std::string::npos) return -1;
    int result = static_cast<int>(dot);
    for (size_t p = dot + 1; p < number_.size(); ++p) {
      if (number_[p] != '0') result = static_cast<int>(p);
    }
    return result;
  }
  bool LastRelevantIsDot() const { return last_relevant_ >= 0 && number_[last_relevant_] == '.'; }
  void WriteSign(bool negative) { out_ += negative ? '-' : '+'; }

  void NumPart(Key id) {
    if (num_.Is(kRoman)) return;
    num_in_ = false;
    if (!sign_wrote_ &&
        (num_curr_ >= out_pre_spaces_ || (num_.Is(kZero) && num_.zero_start == num_curr_)) &&
        (!PredecSpace() || LastRelevantIsDot())) {
      if (num_.Is(kLSign)) {
        if (num_.lsign == LSign::kPre) {
          WriteSign(sign_ == '-');
          sign_wrote_ = true;
        }
      } else if (num_.Is(kBracket)) {
        out_ += sign_ == '+' ? ' ' : '<';
        sign_wrote_ = true;
      } else if (sign_ == '+') {
        if (!num_.Is(kFillMode)) out_ += ' ';
        sign_wrote_ = true;
      } else if (sign_ == '-') {
        out_ += '-';
        sign_wrote_ = true;
      }
    }

    if (num_curr_ < out_pre_spaces_ && (num_.zero_start > num_curr_ || !num_.Is(kZero))) {
      if (!num_.Is(kFillMode)) out_ += ' ';
    } else if (num_.Is(kZero) && num_curr_ < out_pre_spaces_ && num_.zero_start <= num_curr_) {
      out_ += '0';
      num_in_ = true;
    } else {
      if (Cur() == '.') {
        if (!LastRelevantIsDot() || num_.Is(kFillMode)) out_ += '.';
      } else {
        if (last_relevant_ >= 0 && static_cast<int>(pos_) > last_relevant_ && id != Key::k0) {
          // trailing zeros dropped by FM
        } else if (PredecSpace()) {
          if (!num_.Is(kFillMode)) {
            out_ += ' ';
          } else if (LastRelevantIsDot()) {
            out_ += '0';
          }
        } else {
          if (Cur() != '\0') out_ += Cur();
          num_in_ = true;
        }
      }
      if (Cur() != '\0') ++pos_;
    }

    int end = num_count_ + (out_pre_spaces_ ? 1 : 0) + (num_.Is(kDecimal) ? 1 : 0);
    if (last_relevant_ >= 0 && last_relevant_ == static_cast<int>(pos_)) end = num_curr_;
    if (num_curr_ + 1 == end) {
      if (sign_wrote_ && num_.Is(kBracket)) {
        out_ += sign_ == '+' ? ' ' : '>';
      } else if (num_.Is(kLSign) && num_.lsign == LSign::kPost) {
        WriteSign(sign_ == '-');
      }
    }
    ++num_curr_;
  }

  NumDesc num_;
  std::string number_;
  char sign_;
  int out_pre_spaces_;
  bool sign_wrote_ = false;
  bool num_in_ = false;
  int num_count_ = 0;
  int num_curr_ = 0;
  int last_relevant_ = -1;  // index into number_, or -1
  size_t pos_ = 0;          // the next character of number_ to write
  std::string out_;
};

// The digit string (no sign) for a value already rounded to num.post
// digits; pads or overflows ('#') against the format's integer digits.
std::string Finish(const std::vector<Node>& nodes, NumDesc num, std::string digits, char sign) {
  const size_t dot = digits.find('.');
  const int pre_len = static_cast<int>(dot == std::string::npos ? digits.size() : dot);
  int out_pre_spaces = 0;
  if (pre_len < num.pre) {
    out_pre_spaces = num.pre - pre_len;
  } else if (pre_len > num.pre) {
    digits.assign(static_cast<size_t>(num.pre + num.post + 1), '#');
    digits[static_cast<size_t>(num.pre)] = '.';
  }
  return Processor(num, std::move(digits), out_pre_spaces, sign).Run(nodes);
}

std::string RomanResult(const std::vector<Node>& nodes, const NumDesc& num, int64_t value) {
  return Processor(num, RomanOf(value), 0, '+').Run(nodes);
}

// numeric_out_sci(): d.ddd with `scale` digits, then e+NN.
std::string ScientificOf(const Numeric& value, int scale) {
  std::string s = value.ToString();
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.erase(0, 1);
  std::string digits;
  int point = -1;
  for (char c : s) {
    if (c == '.') {
      point = static_cast<int>(digits.size());
    } else {
      digits += c;
    }
  }
  if (point < 0) point = static_cast<int>(digits.size());
  int exponent = 0;
  const size_t first = digits.find_first_not_of('0');
  if (first != std::string::npos) {
    exponent = point - static_cast<int>(first) - 1;
    digits.erase(0, first);
  } else {
    digits = "0";
  }
  // Trailing zeros carry nothing (and a huge value has too many of them to
  // parse back as a numeric).
  const size_t last = digits.find_last_not_of('0');
  digits.resize(last == std::string::npos ? 1 : last + 1);
  std::string mantissa = digits.substr(0, 1);
  if (digits.size() > 1) mantissa += "." + digits.substr(1);
  mantissa = Numeric::Parse(mantissa).Round(scale).ToString();
  char exp[16];
  std::snprintf(exp, sizeof(exp), "e%+03d", exponent);
  return (negative ? "-" : "") + mantissa + exp;
}

std::string Eeee(const NumDesc& num, const std::string& sci) {
  if (sci == "NaN" || sci == "Infinity" || sci == "-Infinity") {
    std::string s(static_cast<size_t>(num.pre + num.post + 6), '#');
    s[0] = ' ';
    s[static_cast<size_t>(num.pre + 1)] = '.';
    return s;
  }
  return sci[0] == '-' ? sci : " " + sci;
}

int64_t PowerOf10(int n) {
  int64_t p = 1;
  for (int i = 0; i < n && i < 18; ++i) p *= 10;
  return p;
}

Value IntToChar(std::span<const Value> a, bool is_int4) {
  const std::vector<Node> nodes = ParseNumFormat(a[1].string_value());
  NumDesc num = DescribeNumFormat(nodes);
  int64_t value = a[0].int_value();
  if (num.Is(kRoman)) {
    if (!is_int4 && (value > INT32_MAX || value < INT32_MIN)) {
      throw SqlError(SqlState::kNumericValueOutOfRange, "integer out of range");
    }
    return Value::Text(RomanResult(nodes, num, value));
  }
  if (num.Is(kEEEE)) {
    return Value::Text(Processor(num, Eeee(num, ScientificOf(Numeric::FromInt64(value), num.post)),
                                 0, '+')
                           .Run(nodes));
  }
  if (num.Is(kMulti)) {
    const int64_t m = PowerOf10(num.multi);
    if (__builtin_mul_overflow(value, m, &value) ||
        (is_int4 && (value > INT32_MAX || value < INT32_MIN))) {
      throw SqlError(SqlState::kNumericValueOutOfRange,
                     is_int4 ? "integer out of range" : "bigint out of range");
    }
    num.pre += num.multi;
  }
  std::string digits = std::to_string(value);
  char sign = '+';
  if (digits[0] == '-') {
    sign = '-';
    digits.erase(0, 1);
  }
  if (num.post > 0) digits += "." + std::string(static_cast<size_t>(num.post), '0');
  return Value::Text(Finish(nodes, num, std::move(digits), sign));
}


Value FloatToChar(std::span<const Value> a, int max_digits) {
  const std::vector<Node> nodes = ParseNumFormat(a[1].string_value());
  NumDesc num = DescribeNumFormat(nodes);
  double value = a[0].float_value();
  if (num.Is(kRoman)) return Value::Text(RomanResult(nodes, num, static_cast<int64_t>(std::rint(value))));
  char buf[512];
  if (num.Is(kEEEE)) {
    std::string s;
    if (std::isnan(value) || std::isinf(value)) {
      s = Eeee(num, "NaN");
    } else {
      std::snprintf(buf, sizeof(buf), "%+.*e", num.post, value);
      s = buf;
      if (s[0] == '+') s[0] = ' ';
    }
    return Value::Text(Processor(num, s, 0, '+').Run(nodes));
  }
  if (num.Is(kMulti)) {
    value *= std::pow(10.0, num.multi);
    num.pre += num.multi;
  }
  // PostgreSQL's own snprintf spells NaN and infinities out.
  auto special = [](double v) -> const char* {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v < 0 ? "-Infinity" : "Infinity";
    return nullptr;
  };
  if (const char* s = special(std::fabs(value))) {
    std::snprintf(buf, sizeof(buf), "%s", s);
  } else {
    std::snprintf(buf, sizeof(buf), "%.0f", std::fabs(value));
  }
  const int pre_len = static_cast<int>(std::string(buf).size());
  if (pre_len >= max_digits) {
    num.post = 0;
  } else if (pre_len + num.post > max_digits) {
    num.post = max_digits - pre_len;
  }
  if (const char* s = special(value)) {
    std::snprintf(buf, sizeof(buf), "%s", s);
  } else {
    std::snprintf(buf, sizeof(buf), "%.*f", num.post, value);
  }
  std::string digits = buf;
  char sign = '+';
  if (digits[0] == '-') {
    sign = '-';
    digits.erase(0, 1);
  }
  return Value::Text(Finish(nodes, num, std::move(digits), sign));
}


}  // namespace

Value Int4ToChar(std::span<const Value> a) { return IntToChar(a, true); }
Value Int8ToChar(std::span<const Value> a) { return IntToChar(a, false); }
Value Float4ToChar(std::span<const Value> a) { return FloatToChar(a, FLT_DIG); }
Value Float8ToChar(std::span<const Value> a) { return FloatToChar(a, DBL_DIG); }

Value NumericToChar(std::span<const Value> a) {
  const std::vector<Node> nodes = ParseNumFormat(a[1].string_value());
  NumDesc num = DescribeNumFormat(nodes);
  Numeric value = a[0].numeric_value();
  if (num.Is(kRoman)) {
    const std::optional<int64_t> v = value.is_finite() ? value.Round(0).ToInt64() : std::nullopt;
    if (!v || *v > INT32_MAX || *v < INT32_MIN) {
      throw SqlError(SqlState::kNumericValueOutOfRange, "integer out of range");
    }
    return Value::Text(RomanResult(nodes, num, *v));
  }
  if (num.Is(kEEEE)) {
    const std::string sci = value.is_finite() ? ScientificOf(value, num.post) : value.ToString();
    return Value::Text(Processor(num, Eeee(num, sci), 0, '+').Run(nodes));
  }
  if (num.Is(kMulti)) {
    value = value.Mul(Numeric::Parse("1" + std::string(static_cast<size_t>(num.multi), '0')));
    num.pre += num.multi;
  }
  // NaN and the infinities go through as their text ("NaN", "Infinity",
  // "-Infinity"), padded or turned into '#'s like any digit string.
  std::string digits = value.is_finite() ? value.Round(num.post).ToString() : value.ToString();
  char sign = '+';
  if (digits[0] == '-') {
    sign = '-';
    digits.erase(0, 1);
  }
  return Value::Text(Finish(nodes, num, std::move(digits), sign));
}

}  // namespace strata::sql
