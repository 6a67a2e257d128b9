// format(formatstr text, VARIADIC "any"): PostgreSQL 15's text_format().
// Specifiers are %[argpos$][flags][width]type with types s (the value's
// output form; NULL is ''), I (quote_ident; NULL is an error) and L
// (quote_literal; NULL is the word NULL), %% a literal '%'; width may be *
// or *n$ (taken from an argument; negative means left-aligned). Without a
// position an argument is the one after the last one used. Also the VARIADIC
// array forms of concat, concat_ws and format (f(..., VARIADIC arr)): the
// binder (bind_builtin_func.cpp) routes them here, and the array's elements
// become the trailing arguments.
#include <cctype>
#include <climits>
#include <span>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"
#include "sql/expr/text_quote.h"
#include "sql/types/array_value.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

SqlError FormatError(std::string message) {
  return SqlError(SqlState::kInvalidParameterValue, std::move(message));
}
SqlError Unterminated() {
  return FormatError("unterminated format() type specifier").WithHint("For a single \"%\" use \"%%\".");
}

// pg_strtoint32() of a width argument of a non-integer type (in its output
// form): optional blanks and sign, digits, optional blanks.
int64_t ParseInt32(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  const size_t first = i;
  int64_t v = 0;
  bool overflow = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    v = v * 10 + (s[i++] - '0');
    if (v > int64_t{INT_MAX} + 1) {
      overflow = true;
      v = int64_t{INT_MAX} + 1;
    }
  }
  const bool digits = i > first;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  if (!digits || i != s.size()) {
    throw SqlError(SqlState::kInvalidTextRepresentation,
                   "invalid input syntax for type integer: \"" + s + "\"");
  }
  if (negative) v = -v;
  if (overflow || v > INT_MAX || v < INT_MIN) {
    throw SqlError(SqlState::kNumericValueOutOfRange,
                   "value \"" + s + "\" is out of range for type integer");
  }
  return v;
}

// Parses the format string from a[0] with the arguments a[1..].
class Formatter {
 public:
  Formatter(const std::string& fmt, std::span<const Value> args) : f_(fmt), args_(args) {}

  std::string Run() {
    std::string out;
    size_t next_arg = 0;  // index into args_ of the next unnumbered argument
    for (i_ = 0; i_ < f_.size(); ++i_) {
      if (f_[i_] != '%') {
        out += f_[i_];
        continue;
      }
      Advance();
      if (f_[i_] == '%') {
        out += '%';
        continue;
      }
      Spec spec = ParseSpec();
      const char type = f_[i_];
      if (type != 's' && type != 'I' && type != 'L') {
        // The whole (UTF-8) character after the specifier.
        size_t len = 1;
        const auto c = static_cast<unsigned char>(type);
        if (c >= 0xF0) {
          len = 4;
        } else if (c >= 0xE0) {
          len = 3;
        } else if (c >= 0xC0) {
          len = 2;
        }
        throw FormatError("unrecognized format() type specifier \"" + f_.substr(i_, len) + "\"")
            .WithHint("For a single \"%\" use \"%%\".");
      }
      if (spec.widthpos >= 0) {
        const size_t at = spec.widthpos > 0 ? static_cast<size_t>(spec.widthpos - 1) : next_arg;
        if (at >= args_.size()) throw FormatError("too few arguments for format()");
        next_arg = at + 1;
        const Value& w = args_[at];
        int64_t width = 0;
        if (!w.is_null()) {
          if (w.type() == type_oid::kInt2 || w.type() == type_oid::kInt4) {
            width = w.int_value();
          } else {
            width = ParseInt32(OutputValue(w));
          }
        }
        if (width < 0) {
          spec.minus = true;
          if (width <= INT_MIN) throw SqlError(SqlState::kNumericValueOutOfRange, "number is out of range");
          width = -width;
        }
        spec.width = width;
      }
      const size_t at = spec.argpos > 0 ? static_cast<size_t>(spec.argpos - 1) : next_arg;
      if (at >= args_.size()) throw FormatError("too few arguments for format()");
      next_arg = at + 1;
      const Value& v = args_[at];
      std::string text;
      if (v.is_null()) {
        if (type == 'I') {
          throw SqlError(SqlState::kNullValueNotAllowed,
                         "null values cannot be formatted as an SQL identifier");
        }
        if (type == 'L') text = "NULL";
      } else {
        text = OutputValue(v);
        if (type == 'I') text = QuoteIdentText(text);
        if (type == 'L') text = QuoteLiteralText(text);
      }
      Append(out, text, spec);
    }
    return out;
  }

 private:
  struct Spec {
    int64_t argpos = -1;    // n of n$, or -1
    int64_t widthpos = -1;  // n of *n$, 0 for a bare *, -1 for none
    bool minus = false;
    int64_t width = 0;
  };

  void Advance() {
    if (++i_ >= f_.size()) throw Unterminated();
  }
  bool Digits(int64_t* value) {
    if (f_[i_] < '0' || f_[i_] > '9') return false;
    int64_t n = 0;
    while (f_[i_] >= '0' && f_[i_] <= '9') {
      n = n * 10 + (f_[i_] - '0');
      if (n > INT_MAX) throw SqlError(SqlState::kNumericValueOutOfRange, "number is out of range");
      Advance();
    }
    *value = n;
    return true;
  }
  static SqlError ArgumentZero() {
    return FormatError("format specifies argument 0, but arguments are numbered from 1");
  }
  Spec ParseSpec() {
    Spec spec;
    int64_t n = 0;
    if (Digits(&n)) {
      if (f_[i_] != '$') {
        spec.width = n;  // a width with no position and no flags
        return spec;
      }
      if (n == 0) throw ArgumentZero();
      spec.argpos = n;
      Advance();
    }
    while (f_[i_] == '-') {
      spec.minus = true;
      Advance();
    }
    if (f_[i_] == '*') {
      Advance();
      if (Digits(&n)) {
        if (f_[i_] != '$') throw FormatError("width argument position must be ended by \"$\"");
        if (n == 0) throw ArgumentZero();
        spec.widthpos = n;
        Advance();
      } else {
        spec.widthpos = 0;
      }
    } else if (Digits(&n)) {
      spec.width = n;
    }
    return spec;
  }
  // Pads to the width in characters (UTF-8), on the right when left-aligned.
  static void Append(std::string& out, const std::string& s, const Spec& spec) {
    int64_t chars = 0;
    for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    const int64_t pad = spec.width > chars ? spec.width - chars : 0;
    if (!spec.minus) out.append(static_cast<size_t>(pad), ' ');
    out += s;
    if (spec.minus) out.append(static_cast<size_t>(pad), ' ');
  }

  const std::string& f_;
  std::span<const Value> args_;
  size_t i_ = 0;
};

Value Format(std::span<const Value> a) {
  if (a.empty() || a[0].is_null()) return Value::Null(type_oid::kText);
  const std::string fmt = a[0].type() == type_oid::kText || a[0].type() == type_oid::kUnknown
                              ? a[0].string_value()
                              : OutputValue(a[0]);
  return Value::Text(Formatter(fmt, a.subspan(1)).Run());
}

// The arguments with the last (a VARIADIC array, not NULL) spread out.
std::vector<Value> Spread(std::span<const Value> a) {
  std::vector<Value> out(a.begin(), a.end() - 1);
  for (const Value& e : a.back().array_value().elements) out.push_back(e);
  return out;
}

Value ConcatVariadic(std::span<const Value> a) {
  if (a.back().is_null()) return Value::Null(type_oid::kText);
  const BuiltinFunction* concat = FindBuiltinFunction("text_concat");
  return concat->fn(Spread(a));
}
Value ConcatWsVariadic(std::span<const Value> a) {
  if (a.back().is_null()) return Value::Null(type_oid::kText);
  const BuiltinFunction* concat_ws = FindBuiltinFunction("text_concat_ws");
  return concat_ws->fn(Spread(a));
}
// A NULL array means no arguments beyond the format string.
Value FormatVariadic(std::span<const Value> a) {
  if (a.back().is_null()) return Format(a.first(a.size() - 1));
  return Format(Spread(a));
}

constexpr BuiltinFunction kFunctions[] = {
    {"text_format", Format, /*strict=*/false},
    {"text_concat_variadic", ConcatVariadic, /*strict=*/false},
    {"text_concat_ws_variadic", ConcatWsVariadic, /*strict=*/false},
    {"text_format_variadic", FormatVariadic, /*strict=*/false},
};

}  // namespace

std::span<const BuiltinFunction> FormatFunctions() { return kFunctions; }

}  // namespace strata::sql
