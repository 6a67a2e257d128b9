// record_out for composite values (see record_value.h).
#include "sql/types/record_value.h"

#include <cctype>

#include "sql/types/type_io.h"

namespace strata::sql {

Value MakeRecord(std::vector<Value> fields) {
  auto record = std::make_shared<RecordValue>();
  record->fields = std::move(fields);
  return Value::Record(type_oid::kRecord, std::move(record));
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

}  // namespace strata::sql
