// to_number(text, text): PostgreSQL 15's reading of a number under a number
// template (formatting.c's NUM_processor and NUM_numpart_from_char in their
// from-char direction, in the C locale: '.' decimal point, ',' group
// separator). The template is parsed and described by num_format.h, as for
// to_char.
//
// Reading walks the template over the input: 9/0/./D read a digit or the
// decimal point (with a sign before the first digit, or, for S/MI/PL, a
// sign right after the last one), ',' and G skip a separator if there is
// one, L/TH skip non-digit characters, MI/PL/SG read a sign at their place,
// and every literal template character skips one input character. The
// digits read become a numeric through numeric_in with the typmod
// numeric(pre + V digits + decimals read, decimals read) -- which is how
// to_number can fail with "numeric field overflow" -- then V's digits are
// divided out.
#include "sql/expr/num_from_char.h"

#include <cctype>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/expr/num_format.h"
#include "sql/types/numeric.h"
#include "sql/types/numeric_math.h"
#include "sql/types/typmod.h"

namespace strata::sql {

namespace {

using namespace num_format;  // NOLINT(build/namespaces): the template's vocabulary

size_t Utf8Len(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

class Reader {
 public:
  Reader(const NumDesc& num, const std::string& input) : num_(num), in_(input) {}

  // Returns the digits read, with the sign (' ', '-' or '+') first; sets
  // read_post().
  std::string Run(const std::vector<Node>& nodes) {
    for (const Node& n : nodes) {
      if (AtEnd()) break;
      switch (n.key) {
        case Key::k9:
        case Key::k0:
        case Key::kDec:
        case Key::kD:
          NumPart(n.key);
          ++p_;
          break;
        case Key::kComma:
          // Nothing of the number has been written in this direction, so in
          // fill mode a separator is never read.
          if (num_.Is(kFillMode) || in_[p_] != ',') break;
          ++p_;
          break;
        case Key::kG:
          if (num_.Is(kFillMode) || !AmountLeft(1) || in_[p_] != ',') break;
          ++p_;
          break;
        case Key::kL:
          SkipNonData(1);  // the C locale's currency symbol is one character
          break;
        case Key::kTH:
        case Key::kth:
          if (num_.Is(kDecimal)) break;
          SkipNonData(2);
          break;
        case Key::kMI:
          if (in_[p_] == '-') {
            number_[0] = '-';
            ++p_;
          } else {
            SkipNonData(1);
          }
          break;
        case Key::kPL:
          if (in_[p_] == '+') {
            number_[0] = '+';
            ++p_;
          } else {
            SkipNonData(1);
          }
          break;
        case Key::kSG:
          if (in_[p_] == '-' || in_[p_] == '+') {
            number_[0] = in_[p_];
            ++p_;
          } else {
            SkipNonData(1);
          }
          break;
        case Key::kChar:
          // A literal template character skips one input character, whatever it is.
          p_ += Utf8Len(static_cast<unsigned char>(in_[p_]));
          break;
        default:
          break;  // S, PR, V, FM, B, SP: nothing to read here
      }
    }
    if (number_.size() > 1 && number_.back() == '.') number_.pop_back();
    return number_;
  }

  int read_post() const { return read_post_; }

 private:
  bool AtEnd() const { return p_ >= in_.size(); }
  bool AmountLeft(size_t n) const { return p_ + n <= in_.size(); }

  // NUM_eat_non_data_chars(): skips up to n characters that cannot be part
  // of the number.
  void SkipNonData(int n) {
    while (n-- > 0 && !AtEnd()) {
      if (std::string_view("0123456789.,+-").find(in_[p_]) != std::string_view::npos) break;
      p_ += Utf8Len(static_cast<unsigned char>(in_[p_]));
    }
  }

  // NUM_numpart_from_char(). The caller steps past the character it stops on.
  void NumPart(Key id) {
    if (AtEnd()) return;
    if (in_[p_] == ' ') ++p_;
    if (AtEnd()) return;
    // A sign before the first digit.
    if (number_[0] == ' ' && (id == Key::k0 || id == Key::k9) && read_pre_ + read_post_ == 0) {
      if (num_.Is(kLSign) && num_.lsign == LSign::kPre) {
        if (AmountLeft(1) && (in_[p_] == '-' || in_[p_] == '+')) {
          number_[0] = in_[p_];
          ++p_;
        }
      } else if (in_[p_] == '-' || (num_.Is(kBracket) && in_[p_] == '<')) {
        number_[0] = '-';
        ++p_;
      } else if (in_[p_] == '+') {
        number_[0] = '+';
        ++p_;
      }
    }
    if (AtEnd()) return;
    bool read = false;
    if (IsDigit(in_[p_])) {
      if (read_dec_ && read_post_ == num_.post) return;  // no more decimals wanted
      number_ += in_[p_];
      if (read_dec_) {
        ++read_post_;
      } else {
        ++read_pre_;
      }
      read = true;
    } else if (num_.Is(kDecimal) && !read_dec_) {
      if (AmountLeft(1) && in_[p_] == '.') {
        number_ += '.';
        read_dec_ = true;
        read = true;
      }
    }
    if (AtEnd()) return;
    // A sign right after the last digit read (S anchored behind the number;
    // MI/PL where the template cannot say exactly where it is).
    if (number_[0] == ' ' && read_pre_ + read_post_ > 0) {
      if (num_.Is(kLSign) && read && p_ + 1 < in_.size() && !IsDigit(in_[p_ + 1])) {
        const char c = in_[p_ + 1];
        if (c == '-' || c == '+') {
          number_[0] = c;
          ++p_;
        }
      } else if (!read && !num_.Is(kLSign) && (num_.Is(kPlus) || num_.Is(kMinus))) {
        if (in_[p_] == '-' || in_[p_] == '+') number_[0] = in_[p_];
      }
    }
  }

  const NumDesc& num_;
  const std::string& in_;
  size_t p_ = 0;
  std::string number_ = " ";  // sign slot, then the digits read
  int read_pre_ = 0;
  int read_post_ = 0;
  bool read_dec_ = false;
};

}  // namespace

Value NumericToNumber(std::span<const Value> args) {
  const std::string& input = args[0].string_value();
  const std::string& format = args[1].string_value();
  if (format.empty()) return Value::Null(type_oid::kNumeric);
  const std::vector<Node> nodes = ParseNumFormat(format);
  const NumDesc num = DescribeNumFormat(nodes);
  if (num.Is(kEEEE)) {
    throw SqlError(SqlState::kFeatureNotSupported, "\"EEEE\" not supported for input");
  }
  if (num.Is(kRoman)) {
    throw SqlError(SqlState::kFeatureNotSupported, "\"RN\" not supported for input");
  }
  Reader reader(num, input);
  const std::string digits = reader.Run(nodes);
  const int scale = reader.read_post();
  const int precision = num.pre + num.multi + scale;
  Numeric result = Numeric::Parse(digits).ApplyTypmod(MakeNumericTypmod(precision, scale));
  if (num.Is(kMulti)) {
    // numeric_to_number multiplies by 10 ^ -multi computed by numeric_power,
    // whose 16-digit scale shows in the result.
    result = result.Mul(NumericPower(Numeric::FromInt64(10), Numeric::FromInt64(-num.multi)));
  }
  return Value::FromNumeric(result);
}

}  // namespace strata::sql
