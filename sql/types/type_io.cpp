// Dispatch of text input/output to the per-type functions.
#include "sql/types/type_io.h"

#include <string>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/types/datetime_io.h"

namespace strata::sql {

Value InputValue(Oid type, std::string_view text) {
  switch (type) {
    case type_oid::kBool:
      return Value::Bool(ParseBool(text));
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kInt8:
      return Value::Integer(type, ParseInteger(type, text));
    case type_oid::kFloat4:
      return Value::Float4(ParseFloat4(text));
    case type_oid::kFloat8:
      return Value::Float8(ParseFloat8(text));
    case type_oid::kNumeric:
      return Value::FromNumeric(Numeric::Parse(text));
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kUnknown:
      return Value::String(type, std::string(text));
    case type_oid::kDate:
      return Value::Date(ParseDate(text));
    case type_oid::kTime:
      return Value::Time(ParseTime(text));
    case type_oid::kTimestamp:
      return Value::Timestamp(ParseTimestamp(text));
    case type_oid::kTimestampTz:
      return Value::TimestampTz(ParseTimestampTz(text));
    case type_oid::kInterval:
      return Value::FromInterval(ParseInterval(text));
    default:
      throw SqlError(SqlState::kFeatureNotSupported,
                     "type " + FormatTypeName(type) + " is not supported yet");
  }
}

std::string OutputValue(const Value& value) {
  switch (value.type()) {
    case type_oid::kBool:
      return value.bool_value() ? "t" : "f";
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kInt8:
      return std::to_string(value.int_value());
    case type_oid::kFloat4:
      return FormatFloat4(static_cast<float>(value.float_value()));
    case type_oid::kFloat8:
      return FormatFloat8(value.float_value());
    case type_oid::kNumeric:
      return value.numeric_value().ToString();
    case type_oid::kDate:
      return FormatDate(value.date_value());
    case type_oid::kTime:
      return FormatTime(value.int_value());
    case type_oid::kTimestamp:
      return FormatTimestamp(value.int_value());
    case type_oid::kTimestampTz:
      return FormatTimestampTz(value.int_value());
    case type_oid::kInterval:
      return FormatInterval(value.interval_value());
    default:
      return value.string_value();
  }
}

}  // namespace strata::sql
