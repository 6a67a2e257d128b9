// float4/float8 text I/O: float8in/float4in (strtod-based, with PostgreSQL's
// NaN/Infinity spellings and range errors) and the shortest-exact output
// PostgreSQL 15 prints by default.
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

#include "common/sql_error.h"
#include "sql/types/datetime_context.h"
#include "sql/types/numeric.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)); }

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

// [-]digits[.digits][(e|E)[+|-]digits] with at least one mantissa digit,
// nothing before or after.
bool IsPlainDecimal(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

// Whether a plain decimal's mantissa is all zeros (so a zero result is not
// an underflow, which strtod's path reports as out of range).
bool IsZero(std::string_view s) {
  for (char c : s) {
    if (c == 'e' || c == 'E') break;
    if (c >= '1' && c <= '9') return false;
  }
  return true;
}

// Shared body of float8in/float4in. `type_name` is "double precision" or
// "real"; `is_float4` selects strtof and float's range.
double ParseFloat(std::string_view text, std::string_view type_name, bool is_float4) {
  auto invalid = [&]() {
    return SqlError(SqlState::kInvalidTextRepresentation, "invalid input syntax for type " +
                                                              std::string(type_name) + ": \"" +
                                                              std::string(text) + "\"");
  };
  size_t start = 0;
  while (start < text.size() && IsSpace(text[start])) ++start;
  if (start == text.size()) throw invalid();
  // Plain decimal spellings (what COPY mostly brings) go through
  // std::from_chars: correctly rounded like strtod, several times faster,
  // and without the copy strtod's NUL terminator needs. Anything else --
  // spaces after the number, '+', NaN/Infinity, hex, out of range -- takes
  // the strtod path below with PostgreSQL's rules and errors.
  if (IsPlainDecimal(text.substr(start))) {
    const char* first = text.data() + start;
    const char* last = text.data() + text.size();
    if (is_float4) {
      float f = 0;
      auto [ptr, ec] = std::from_chars(first, last, f);
      if (ec == std::errc() && ptr == last && std::isfinite(f) && (f != 0 || IsZero(text.substr(start)))) {
        return static_cast<double>(f);
      }
    } else {
      double d = 0;
      auto [ptr, ec] = std::from_chars(first, last, d);
      if (ec == std::errc() && ptr == last && std::isfinite(d) && (d != 0 || IsZero(text.substr(start)))) {
        return d;
      }
    }
  }
  const std::string num(text.substr(start));  // NUL-terminated for strtod
  const char* begin = num.c_str();
  char* end = nullptr;
  errno = 0;
  double value =
      is_float4 ? static_cast<double>(std::strtof(begin, &end)) : std::strtod(begin, &end);
  const int saved_errno = errno;
  size_t consumed = static_cast<size_t>(end - begin);
  if (consumed == 0 || saved_errno != 0) {
    struct Special {
      std::string_view word;
      double value;
    };
    const Special specials[] = {
        {"NaN", std::nan("")},    {"Infinity", HUGE_VAL}, {"+Infinity", HUGE_VAL},
        {"-Infinity", -HUGE_VAL}, {"inf", HUGE_VAL},      {"+inf", HUGE_VAL},
        {"-inf", -HUGE_VAL},
    };
    bool matched = false;
    for (const Special& s : specials) {
      if (StartsWithIgnoreCase(num, s.word)) {
        value = s.value;
        consumed = s.word.size();
        matched = true;
        break;
      }
    }
    if (!matched) {
      if (saved_errno != ERANGE) throw invalid();
      const double huge = is_float4 ? static_cast<double>(HUGE_VALF) : HUGE_VAL;
      if (value == 0.0 || value >= huge || value <= -huge) {
        throw SqlError(SqlState::kNumericValueOutOfRange, "\"" + num.substr(0, consumed) +
                                                              "\" is out of range for type " +
                                                              std::string(type_name));
      }
    }
  }
  size_t pos = consumed;
  while (pos < num.size() && IsSpace(num[pos])) ++pos;
  if (pos != num.size()) throw invalid();
  return value;
}

// The exact decimal value of a finite double (every double is a finite
// binary fraction, hence a finite decimal).
Numeric ExactDecimal(double d) {
  int exp = 0;
  const double fraction = std::frexp(d, &exp);  // d = fraction * 2^exp
  const int64_t mantissa = static_cast<int64_t>(std::ldexp(fraction, 53));
  Numeric result = Numeric::FromInt64(mantissa);
  const Numeric factor = Numeric::Parse(exp - 53 >= 0 ? "2" : "0.5");
  for (int i = 0; i < std::abs(exp - 53); ++i) result = result.Mul(factor);
  return result;
}

// True if the decimal string `s` lies exactly halfway between `value` and
// its neighbor: std::to_chars accepts such a boundary when the neighbor
// rounds away from it, but PostgreSQL's Ryu (built without
// STRICTLY_SHORTEST) only accepts decimals strictly inside the interval.
template <typename T>
bool OnRoundingBoundary(T value, const char* s) {
  const long double decimal = std::strtold(s, nullptr);
  const long double v = value;
  if (decimal == v) return false;
  const T neighbor = std::nextafter(value, decimal > v ? std::numeric_limits<T>::infinity()
                                                       : -std::numeric_limits<T>::infinity());
  if (std::isinf(neighbor)) return false;
  // The midpoint of two doubles is exact in the 64-bit long double mantissa,
  // so a mismatch here rules the boundary out; a match is confirmed exactly.
  const long double midpoint = (v + static_cast<long double>(neighbor)) / 2;
  if (decimal != midpoint) return false;
  const Numeric exact_midpoint = ExactDecimal(static_cast<double>(value))
                                     .Add(ExactDecimal(static_cast<double>(neighbor)))
                                     .Mul(Numeric::Parse("0.5"));
  return exact_midpoint.Compare(Numeric::Parse(s)) == 0;
}

// Formats the shortest round-trip digits in PostgreSQL's layout.
// `digits_limit` is 15 for float8 and 6 for float4.
std::string FormatShortest(std::string_view s, int digits_limit) {
  // Scientific input: [-]d[.ddd]e[+-]dd
  std::string out;
  if (!s.empty() && s.front() == '-') {
    out.push_back('-');
    s.remove_prefix(1);
  }
  const size_t e_pos = s.find('e');
  std::string digits;
  for (char c : s.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int exponent = std::atoi(std::string(s.substr(e_pos + 1)).c_str());
  const int ndigits = static_cast<int>(digits.size());
  if (exponent < -4 || exponent >= digits_limit) {
    out.push_back(digits[0]);
    if (ndigits > 1) {
      out.push_back('.');
      out.append(digits, 1, std::string::npos);
    }
    out.push_back('e');
    out.push_back(exponent < 0 ? '-' : '+');
    const std::string exp_text = std::to_string(std::abs(exponent));
    if (exp_text.size() < 2) out.push_back('0');
    out += exp_text;
  } else if (exponent >= 0) {
    if (ndigits <= exponent + 1) {
      out += digits;
      out.append(static_cast<size_t>(exponent + 1 - ndigits), '0');
    } else {
      out.append(digits, 0, static_cast<size_t>(exponent + 1));
      out.push_back('.');
      out.append(digits, static_cast<size_t>(exponent + 1), std::string::npos);
    }
  } else {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
  }
  return out;
}

template <typename T>
std::string FormatFloat(T value, int digits_limit) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof(buf) - 1, value, std::chars_format::scientific);
  *result.ptr = '\0';
  if (OnRoundingBoundary(value, buf)) {
    // Take more digits until the decimal lies strictly inside the interval.
    const std::string_view shortest(buf, static_cast<size_t>(result.ptr - buf));
    int precision = 0;
    for (char c : shortest.substr(0, shortest.find('e'))) {
      if (c >= '0' && c <= '9') ++precision;
    }
    do {
      result = std::to_chars(buf, buf + sizeof(buf) - 1, value, std::chars_format::scientific,
                             precision++);
      *result.ptr = '\0';
    } while (OnRoundingBoundary(value, buf) && precision < 20);
  }
  return FormatShortest(std::string_view(buf, static_cast<size_t>(result.ptr - buf)), digits_limit);
}

}  // namespace

double ParseFloat8(std::string_view text) { return ParseFloat(text, "double precision", false); }

float ParseFloat4(std::string_view text) {
  return static_cast<float>(ParseFloat(text, "real", true));
}

// extra_float_digits <= 0: PostgreSQL's older output, %g with DBL_DIG (15)
// or FLT_DIG (6) plus extra_float_digits significant digits.
template <typename T>
std::string FormatFloatDigits(T value, int digits) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*g", digits, static_cast<double>(value));
  return buf;
}

std::string FormatFloat8(double value) {
  const int extra = CurrentDatetimeContext().extra_float_digits;
  return extra > 0 ? FormatFloat(value, 15) : FormatFloatDigits(value, 15 + extra);
}

std::string FormatFloat4(float value) {
  const int extra = CurrentDatetimeContext().extra_float_digits;
  return extra > 0 ? FormatFloat(value, 6) : FormatFloatDigits(value, 6 + extra);
}

}  // namespace strata::sql
