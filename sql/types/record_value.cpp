// record_out for composite values (see record_value.h).
#include "sql/types/record_value.h"

#include <cctype>

#include "common/sql_error.h"
#include "sql/types/composite_type.h"
#include "sql/types/type_io.h"
#include "sql/expr/cast_functions.h"

namespace strata::sql {

Value MakeRecord(std::vector<Value> fields, Oid type, int32_t typmod) {
  auto record = std::make_shared<RecordValue>();
  record->fields = std::move(fields);
  record->typmod = type == type_oid::kRecord ? typmod : -1;
  return Value::Record(type, std::move(record));
}

namespace {

// record_out quotes a field when it would not read back as itself: empty, or
// holding a delimiter, a quote, a backslash or whitespace.
bool NeedsQuotes(const std::string& text) {
  if (text.empty()) return true;
  for (unsigned char c : text) {
    if (c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || std::isspace(c)) return true;
  }
  return false;
}

}  // namespace

std::string FormatRecord(const Value& record) {
  std::string out = "(";
  bool first = true;
  for (const Value& field : record.record_value().fields) {
    if (!first) out += ',';
    first = false;
    if (field.is_null()) continue;
    const std::string text = OutputValue(field);
    if (!NeedsQuotes(text)) {
      out += text;
      continue;
    }
    out += '"';
    for (char c : text) {
      if (c == '"' || c == '\\') out += c;
      out += c;
    }
    out += '"';
  }
  out += ')';
  return out;
}

namespace {

[[noreturn]] void ThrowMalformed(std::string_view text, const char* detail) {
  throw SqlError(SqlState::kInvalidTextRepresentation,
                 "malformed record literal: \"" + std::string(text) + "\"")
      .WithDetail(detail);
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

Value ParseRecord(Oid type, std::string_view text, bool stored) {
  if (type == type_oid::kRecord) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "input of anonymous composite types is not implemented");
  }
  const std::vector<RecordField>& fields = RequireCompositeFields(DataType{type, -1});
  size_t pos = 0;
  const auto at = [&]() { return pos < text.size() ? text[pos] : '\0'; };
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  if (at() != '(') ThrowMalformed(text, "Missing left parenthesis.");
  ++pos;
  std::vector<Value> values;
  values.reserve(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      if (stored && at() == ')') {
        values.push_back(Value::Null(fields[i].type.oid));
        continue;
      }
      if (at() != ',') ThrowMalformed(text, "Too few columns.");
      ++pos;
    }
    const DataType field_type = fields[i].type;
    if (at() == ',' || at() == ')') {
      values.push_back(Value::Null(field_type.oid));
      continue;
    }
    std::string field;
    bool in_quotes = false;
    while (in_quotes || (at() != ',' && at() != ')')) {
      if (pos >= text.size()) ThrowMalformed(text, "Unexpected end of input.");
      const char c = text[pos++];
      if (c == '\\') {
        if (pos >= text.size()) ThrowMalformed(text, "Unexpected end of input.");
        field += text[pos++];
      } else if (c == '"') {
        if (!in_quotes) {
          in_quotes = true;
        } else if (at() == '"') {
          field += '"';
          ++pos;
        } else {
          in_quotes = false;
        }
      } else {
        field += c;
      }
    }
    Value v = InputValue(field_type.oid, field);
    if (field_type.typmod >= 0) v = ApplyTypmod(v, field_type.typmod, false);
    values.push_back(std::move(v));
  }
  if (at() != ')') ThrowMalformed(text, "Too many columns.");
  ++pos;
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  if (pos < text.size()) ThrowMalformed(text, "Junk after right parenthesis.");
  return MakeRecord(std::move(values), type);
}

}  // namespace strata::sql
