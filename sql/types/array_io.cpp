// Text input and output of one-dimensional arrays (PostgreSQL's array_in /
// array_out, with ReadArrayStr's quoting and escaping rules).
#include <strings.h>

#include <cctype>
#include <string>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/types/array_value.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

// array_isspace(): the whitespace array literals ignore.
bool IsArraySpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

class ArrayLiteralParser {
 public:
  ArrayLiteralParser(Oid array_type, std::string_view text)
      : array_type_(array_type), text_(text) {
    const PgTypeInfo* info = FindPgType(array_type);
    element_type_ = info != nullptr ? info->typelem : type_oid::kInvalid;
  }

  Value Parse() {
    size_t p = SkipSpace(0);
    bool has_bounds = false;
    int64_t lower = 1;
    int64_t upper = 0;
    if (p < text_.size() && text_[p] == '[') {
      has_bounds = true;
      ++p;
      const int64_t first = ReadBound(&p);
      if (p < text_.size() && text_[p] == ':') {
        ++p;
        lower = first;
        upper = ReadBound(&p);
      } else {
        upper = first;
      }
      if (p >= text_.size() || text_[p] != ']') Malformed("Missing \"]\" after array dimensions.");
      ++p;
      if (p < text_.size() && text_[p] == '[') {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "multidimensional arrays are not supported yet");
      }
      if (upper < lower) {
        throw SqlError(SqlState::kArraySubscriptError,
                       "upper bound cannot be less than lower bound");
      }
      p = SkipSpace(p);
      if (p >= text_.size() || text_[p] != '=') {
        Malformed("Missing \"=\" after array dimensions.");
      }
      p = SkipSpace(p + 1);
    }
    if (p >= text_.size() || text_[p] != '{') {
      Malformed("Array value must start with \"{\" or dimension information.");
    }
    std::vector<Value> elements;
    p = ReadElements(p + 1, &elements);
    p = SkipSpace(p);
    if (p < text_.size()) Malformed("Junk after closing right brace.");
    if (has_bounds && upper - lower + 1 != static_cast<int64_t>(elements.size())) {
      Malformed("Specified array dimensions do not match array contents.");
    }
    return MakeArray(array_type_, element_type_, std::move(elements),
                     static_cast<int32_t>(lower));
  }

 private:
  [[noreturn]] void Malformed(const std::string& detail) const {
    throw SqlError(SqlState::kInvalidTextRepresentation,
                   "malformed array literal: \"" + std::string(text_) + "\"")
        .WithDetail(detail);
  }

  size_t SkipSpace(size_t p) const {
    while (p < text_.size() && IsArraySpace(text_[p])) ++p;
    return p;
  }

  int64_t ReadBound(size_t* p) const {
    size_t q = *p;
    if (q < text_.size() && (text_[q] == '-' || text_[q] == '+')) ++q;
    const size_t digits = q;
    while (q < text_.size() && std::isdigit(static_cast<unsigned char>(text_[q]))) ++q;
    if (q == digits) Malformed("\"[\" must introduce explicitly-specified array dimensions.");
    const std::string s(text_.substr(*p, q - *p));
    *p = q;
    try {
      return std::stoll(s);
    } catch (...) {
      throw SqlError(SqlState::kNumericValueOutOfRange,
                     "value \"" + s + "\" is out of range for type integer");
    }
  }

  // Reads elements after the opening '{' up to and including the closing '}'.
  size_t ReadElements(size_t p, std::vector<Value>* elements) const {
    p = SkipSpace(p);
    if (p < text_.size() && text_[p] == '}') return p + 1;  // '{}'
    for (;;) {
      p = SkipSpace(p);
      if (p >= text_.size()) Malformed("Unexpected end of input.");
      const char c = text_[p];
      if (c == '{') {
        if (elements->empty()) {
          throw SqlError(SqlState::kFeatureNotSupported,
                         "multidimensional arrays are not supported yet");
        }
        Malformed("Unexpected \"{\" character.");
      }
      if (c == ',' || c == '}') Malformed(std::string("Unexpected \"") + c + "\" character.");
      std::string element;
      bool quoted_or_escaped = false;
      if (c == '"') {
        quoted_or_escaped = true;
        ++p;
        for (;;) {
          if (p >= text_.size()) Malformed("Unexpected end of input.");
          if (text_[p] == '\\') {
            if (++p >= text_.size()) Malformed("Unexpected end of input.");
            element.push_back(text_[p++]);
          } else if (text_[p] == '"') {
            ++p;
            break;
          } else {
            element.push_back(text_[p++]);
          }
        }
        p = SkipSpace(p);
        if (p >= text_.size()) Malformed("Unexpected end of input.");
        if (text_[p] != ',' && text_[p] != '}') Malformed("Unexpected array element.");
      } else {
        // Unquoted: up to ',' or '}', trailing unescaped whitespace dropped.
        size_t keep = 0;  // length of element up to its last significant char
        for (;;) {
          if (p >= text_.size()) Malformed("Unexpected end of input.");
          const char d = text_[p];
          if (d == ',' || d == '}') break;
          if (d == '{') Malformed("Unexpected \"{\" character.");
          if (d == '"') Malformed("Unexpected array element.");
          if (d == '\\') {
            if (++p >= text_.size()) Malformed("Unexpected end of input.");
            quoted_or_escaped = true;
            element.push_back(text_[p++]);
            keep = element.size();
          } else {
            element.push_back(d);
            ++p;
            if (!IsArraySpace(d)) keep = element.size();
          }
        }
        element.resize(keep);
      }
      if (!quoted_or_escaped && element.size() == 4 && strncasecmp(element.c_str(), "NULL", 4) == 0) {
        elements->push_back(Value::Null(element_type_));
      } else {
        elements->push_back(InputValue(element_type_, element));
      }
      if (text_[p] == '}') return p + 1;
      ++p;  // ','
    }
  }

  Oid array_type_;
  Oid element_type_;
  std::string_view text_;
};

// True if array_out must quote this element text.
bool NeedsQuotes(const std::string& s) {
  if (s.empty()) return true;
  if (s.size() == 4 && strncasecmp(s.c_str(), "NULL", 4) == 0) return true;
  for (const char c : s) {
    if (c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || IsArraySpace(c)) return true;
  }
  return false;
}

}  // namespace

Value MakeArray(Oid array_type, Oid element_type, std::vector<Value> elements,
                int32_t lower_bound) {
  auto array = std::make_shared<ArrayValue>();
  array->element_type = element_type;
  array->lower_bound = elements.empty() ? 1 : lower_bound;
  array->elements = std::move(elements);
  return Value::Array(array_type, std::move(array));
}

Value ParseArray(Oid array_type, std::string_view text) {
  return ArrayLiteralParser(array_type, text).Parse();
}

std::string FormatArray(const Value& value) {
  const ArrayValue& array = value.array_value();
  std::string out;
  if (array.lower_bound != 1 && !array.elements.empty()) {
    out += "[" + std::to_string(array.lower_bound) + ":" + std::to_string(array.upper_bound()) +
           "]=";
  }
  out.push_back('{');
  for (size_t i = 0; i < array.elements.size(); ++i) {
    if (i > 0) out.push_back(',');
    const Value& e = array.elements[i];
    if (e.is_null()) {
      out += "NULL";
      continue;
    }
    const std::string text = OutputValue(e);
    if (!NeedsQuotes(text)) {
      out += text;
      continue;
    }
    out.push_back('"');
    for (const char c : text) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

}  // namespace strata::sql
