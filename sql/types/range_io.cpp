// Text input and output of ranges and multiranges (range_in / range_out,
// multirange_in / multirange_out of PostgreSQL 15).
//
// Range literal: optional whitespace, then "empty" (any case) or
//   ('[' | '(') bound ',' bound (']' | ')'), then optional whitespace.
// A bound is the characters up to the next unquoted ',', ']' or ')', kept as
// written (whitespace too); double quotes group characters (a doubled quote
// inside quotes is one quote), a backslash takes the next character
// literally. No characters at all is an infinite bound; "" is an empty string.
// Output quotes a bound that is empty or holds a quote, backslash, comma,
// parenthesis, bracket or whitespace, doubling quotes and backslashes.
#include <cctype>
#include <optional>
#include <string>

#include "common/sql_error.h"
#include "sql/types/range_value.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

[[noreturn]] void Malformed(const char* what, std::string_view text, const char* detail) {
  throw SqlError(SqlState::kInvalidTextRepresentation,
                 std::string("malformed ") + what + " literal: \"" + std::string(text) + "\"")
      .WithDetail(detail);
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool StartsWithEmpty(std::string_view s) {
  static constexpr std::string_view kEmpty = "empty";
  if (s.size() < kEmpty.size()) return false;
  for (size_t i = 0; i < kEmpty.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != kEmpty[i]) return false;
  }
  return true;
}

// One bound from text[*pos]: the de-quoted characters, or nullopt for an
// infinite bound. Leaves *pos at the ',', ']' or ')' that ends it.
std::optional<std::string> ParseBound(std::string_view text, size_t* pos) {
  size_t i = *pos;
  if (i < text.size() && (text[i] == ',' || text[i] == ']' || text[i] == ')')) {
    return std::nullopt;
  }
  std::string out;
  bool in_quote = false;
  while (true) {
    if (i >= text.size()) Malformed("range", text, "Unexpected end of input.");
    const char c = text[i];
    if (!in_quote && (c == ',' || c == ']' || c == ')')) break;
    ++i;
    if (c == '\\') {
      if (i >= text.size()) Malformed("range", text, "Unexpected end of input.");
      out.push_back(text[i++]);
    } else if (c == '"') {
      if (!in_quote) {
        in_quote = true;
      } else if (i < text.size() && text[i] == '"') {
        out.push_back('"');
        ++i;
      } else {
        in_quote = false;
      }
    } else {
      out.push_back(c);
    }
  }
  *pos = i;
  return out;
}

void AppendBound(const Value& v, std::string* out) {
  const std::string s = OutputValue(v);
  bool quote = s.empty();
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' ||
        IsSpace(c)) {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back(c);
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace

Value ParseRange(Oid range_type, std::string_view text) {
  const RangeTypeInfo* info = FindRangeType(range_type);
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (StartsWithEmpty(text.substr(i))) {
    i += 5;
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i != text.size()) Malformed("range", text, "Junk after \"empty\" key word.");
    return EmptyRange(range_type);
  }
  bool lower_inc;
  if (i < text.size() && text[i] == '[') {
    lower_inc = true;
  } else if (i < text.size() && text[i] == '(') {
    lower_inc = false;
  } else {
    Malformed("range", text, "Missing left parenthesis or bracket.");
  }
  ++i;
  std::optional<std::string> lower = ParseBound(text, &i);
  if (text[i] != ',') Malformed("range", text, "Missing comma after lower bound.");
  ++i;
  std::optional<std::string> upper = ParseBound(text, &i);
  bool upper_inc;
  if (text[i] == ']') {
    upper_inc = true;
  } else if (text[i] == ')') {
    upper_inc = false;
  } else {
    Malformed("range", text, "Too many commas.");
  }
  ++i;
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i != text.size()) Malformed("range", text, "Junk after right parenthesis or bracket.");
  Value lo = lower ? InputValue(info->subtype, *lower) : Value::Null(info->subtype);
  Value hi = upper ? InputValue(info->subtype, *upper) : Value::Null(info->subtype);
  return MakeRange(range_type, std::move(lo), std::move(hi), lower_inc, upper_inc);
}

std::string FormatRangeValue(const RangeValue& r) {
  if (r.empty) return "empty";
  std::string out(1, r.lower_inc ? '[' : '(');
  if (!r.lower.is_null()) AppendBound(r.lower, &out);
  out.push_back(',');
  if (!r.upper.is_null()) AppendBound(r.upper, &out);
  out.push_back(r.upper_inc ? ']' : ')');
  return out;
}

std::string FormatRange(const Value& range) { return FormatRangeValue(range.range_value()); }

Value ParseMultirange(Oid multirange_type, std::string_view text) {
  const RangeTypeInfo* info = FindRangeType(multirange_type);
  std::vector<RangeValue> ranges;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && IsSpace(text[i])) ++i;
  };
  skip_space();
  if (i >= text.size() || text[i] != '{') Malformed("multirange", text, "Missing left brace.");
  ++i;
  skip_space();
  if (i < text.size() && text[i] == '}') {
    ++i;
  } else {
    while (true) {
      skip_space();
      if (i >= text.size()) Malformed("multirange", text, "Unexpected end of input.");
      if (StartsWithEmpty(text.substr(i))) {
        i += 5;
      } else if (text[i] == '[' || text[i] == '(') {
        // The range literal runs to the first unquoted ']' or ')'.
        const size_t start = i;
        bool in_quote = false;
        ++i;
        while (true) {
          if (i >= text.size()) Malformed("multirange", text, "Unexpected end of input.");
          const char c = text[i++];
          if (c == '\\') {
            if (i >= text.size()) Malformed("multirange", text, "Unexpected end of input.");
            ++i;
          } else if (c == '"') {
            in_quote = !in_quote;
          } else if (!in_quote && (c == ']' || c == ')')) {
            break;
          }
        }
        Value r = ParseRange(info->range, text.substr(start, i - start));
        ranges.push_back(r.range_value());
      } else {
        Malformed("multirange", text, "Expected range start.");
      }
      skip_space();
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < text.size() && text[i] == '}') {
        ++i;
        break;
      }
      if (i >= text.size()) Malformed("multirange", text, "Unexpected end of input.");
      Malformed("multirange", text, "Expected comma or end of multirange.");
    }
  }
  skip_space();
  if (i != text.size()) Malformed("multirange", text, "Junk after closing right brace.");
  return MakeMultirange(multirange_type, std::move(ranges));
}

std::string FormatMultirange(const Value& multirange) {
  std::string out = "{";
  bool first = true;
  for (const RangeValue& r : multirange.multirange_value().ranges) {
    if (!first) out.push_back(',');
    first = false;
    out += FormatRangeValue(r);
  }
  out.push_back('}');
  return out;
}

}  // namespace strata::sql
