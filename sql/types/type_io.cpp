// Dispatch of text input/output to the per-type functions.
#include "sql/types/output_only_types.h"
#include "sql/types/type_io.h"

#include <string>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/cast_functions.h"
#include "sql/json/json_parser.h"
#include "sql/json/jsonb.h"
#include "sql/system_relations/reg_types.h"
#include "sql/types/array_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/record_value.h"
#include "sql/types/range_value.h"
#include "sql/types/datetime_io.h"
#include "sql/types/geo_types.h"
#include "sql/types/network_types.h"
#include "sql/types/bit_string.h"
#include "sql/json/jsonpath.h"
#include "sql/types/user_types.h"

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
    case type_oid::kBpchar:
    case type_oid::kUnknown:
      return Value::String(type, std::string(text));
    case type_oid::kName:
      return Value::String(type, ClipName(text));
    case type_oid::kChar:
      return Value::String(type, ParseChar(text));
    case type_oid::kBytea:
      return Value::String(type, ParseBytea(text));
    case type_oid::kUuid:
      return Value::String(type, ParseUuid(text));
    case type_oid::kJson:
      json::ParseJson(text, /*de_escape=*/false);  // validates; json keeps its text
      return Value::String(type, std::string(text));
    case type_oid::kJsonb:
      return Value::String(type, json::JsonbFromText(text));
    case type_oid::kJsonpath:  // the payload is the canonical text (jsonpath.h)
      return Value::String(type, json::JsonPathFromText(text));
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
    case net::kInet:
    case net::kCidr:
      return Value::String(type, net::ParseInet(text, type == net::kCidr));
    case net::kMacaddr:
      return Value::String(type, net::ParseMacaddr(text));
    case net::kMacaddr8:
      return Value::String(type, net::ParseMacaddr8(text));
    case bits::kBit:
    case bits::kVarbit:
      return Value::String(type, bits::ParseBitString(text));
    default:
      if (IsRangeType(type)) return ParseRange(type, text);
      if (IsMultirangeType(type)) return ParseMultirange(type, text);
      if (geo::IsGeometricType(type)) return geo::ParseGeometric(type, text);
      if (IsOidType(type)) return InputOidValue(type, text);
      if (IsArrayType(type) && (IsSupportedType(type) || IsOutputOnlyType(type))) {
        return ParseArray(type, text);
      }
      if (IsCompositeType(type)) return ParseRecord(type, text);
      if (IsEnumType(type)) {
        CheckEnumLabel(type, text);
        return Value::String(type, std::string(text));
      }
      if (IsUserBaseType(type)) return InputValue(RuntimeTypeOf(type), text);
      if (IsDomainType(type)) {  // domain_in: the base type's input, then the checks
        const DataType base = DomainBaseType(type);
        Value value = InputValue(base.oid, text);
        if (base.typmod >= 0) value = ApplyTypmod(value, base.typmod, false);
        CheckDomainValue(type, value);
        return value;
      }
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
    case type_oid::kBytea:
      return FormatBytea(value.string_value());
    case type_oid::kChar:
      return FormatChar(value.string_value());
    case type_oid::kUuid:
      return FormatUuid(value.string_value());
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
    case type_oid::kRecord:
      return FormatRecord(value);
    case net::kInet:
    case net::kCidr:
      return net::FormatInet(value.string_value(), value.type() == net::kCidr);
    case net::kMacaddr:
    case net::kMacaddr8:
      return net::FormatMacaddr(value.string_value());
    case bits::kBit:  // bit_out, varbit_out: the payload is the digits
    case bits::kVarbit:
      return value.string_value();
    case 22:    // int2vector, oidvector: the elements separated by spaces ("1 3 2")
    case 30: {
      std::string out;
      for (const Value& e : value.array_value().elements) {
        if (!out.empty()) out += " ";
        out += std::to_string(e.int_value());
      }
      return out;
    }
    default:
      if (value.is_record()) return FormatRecord(value);
      if (IsRangeType(value.type())) return FormatRange(value);
      if (IsMultirangeType(value.type())) return FormatMultirange(value);
      if (geo::IsGeometricType(value.type())) return geo::FormatGeometric(value);
      if (IsOidType(value.type())) return OutputOidValue(value);
      if (IsArrayType(value.type())) return FormatArray(value);
      return value.string_value();
  }
}

}  // namespace strata::sql
