// Cast function implementations; see cast_functions.h.
#include "sql/expr/cast_functions.h"
#include "sql/system_relations/reg_types.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>

#include "common/sql_error.h"
#include "sql/types/range_value.h"
#include "sql/builtin/type_table.h"
#include "sql/json/jsonb.h"
#include "sql/expr/datetime_casts.h"
#include "sql/expr/geo_functions.h"
#include "sql/expr/network_functions.h"
#include "sql/types/bit_string.h"
#include "sql/types/composite_type.h"
#include "sql/types/network_types.h"
#include "sql/types/type_io.h"
#include "sql/types/typmod.h"

namespace strata::sql {

namespace {

using type_oid::kBool;
using type_oid::kBpchar;
using type_oid::kJsonb;
using type_oid::kFloat4;
using type_oid::kFloat8;
using type_oid::kInt2;
using type_oid::kInt4;
using type_oid::kInt8;
using type_oid::kNumeric;
using type_oid::kText;
using type_oid::kUnknown;
using type_oid::kVarchar;

bool IsInteger(Oid t) { return t == kInt2 || t == kInt4 || t == kInt8; }
bool IsFloat(Oid t) { return t == kFloat4 || t == kFloat8; }
bool IsString(Oid t) {
  return t == kText || t == kVarchar || t == kBpchar || t == type_oid::kName;
}

// bpchar -> text/varchar (rtrim1): trailing spaces are not significant.
std::string StripTrailingSpaces(const std::string& s) {
  const size_t end = s.find_last_not_of(' ');
  return end == std::string::npos ? std::string() : s.substr(0, end + 1);
}


[[noreturn]] void ThrowIntOutOfRange(Oid type) {
  throw SqlError(SqlState::kNumericValueOutOfRange,
                 std::string(IntegerTypeName(type)) + " out of range");
}

Value CheckedInteger(Oid type, int64_t v) {
  if ((type == kInt2 && (v < INT16_MIN || v > INT16_MAX)) ||
      (type == kInt4 && (v < INT32_MIN || v > INT32_MAX))) {
    ThrowIntOutOfRange(type);
  }
  return Value::Integer(type, v);
}

// float8_int4 and friends: round half to even, then check the range.
Value FloatToInteger(double v, Oid type) {
  const double r = std::rint(v);
  // Bounds as PostgreSQL's FLOAT8_FITS_IN_INT64 tests them: the lower bound
  // is exact and the upper bound is exclusive.
  constexpr double kInt64Min = -9223372036854775808.0;
  if (std::isnan(r) || !(r >= kInt64Min && r < -kInt64Min)) ThrowIntOutOfRange(type);
  return CheckedInteger(type, static_cast<int64_t>(r));
}

Value NumericToInteger(const Numeric& n, Oid type) {
  if (n.is_nan()) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "cannot convert NaN to " + std::string(IntegerTypeName(type)));
  }
  if (n.is_infinite()) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "cannot convert infinity to " + std::string(IntegerTypeName(type)));
  }
  std::optional<int64_t> v = n.ToInt64();
  if (!v) ThrowIntOutOfRange(type);
  return CheckedInteger(type, *v);
}

// float8_numeric/float4_numeric: print with DBL_DIG/FLT_DIG significant
// digits, then read that as numeric.
Value FloatToNumeric(double v, int digits) {
  if (std::isnan(v)) return Value::FromNumeric(Numeric::NaN());
  if (std::isinf(v)) return Value::FromNumeric(Numeric::Infinity(v < 0));
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*g", digits, v);
  return Value::FromNumeric(Numeric::Parse(buf));
}

Value Float8ToFloat4(double v) {
  const float r = static_cast<float>(v);
  if (std::isinf(r) && !std::isinf(v)) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: overflow");
  }
  if (r == 0.0f && v != 0.0) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: underflow");
  }
  return Value::Float4(r);
}

// Number of UTF-8 characters in s.
size_t CharLength(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Byte offset of the character after the first `chars` characters.
size_t ByteOffsetOfChar(const std::string& s, size_t chars) {
  size_t seen = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == chars) return i;
      ++seen;
    }
  }
  return s.size();
}

}  // namespace

// jsonb -> bool/int/float/numeric (jsonb_bool, jsonb_int4, ...): the document
// must be a scalar of the matching JSON type.
static Value JsonbToScalar(const Value& value, Oid target);

bool IsCastImplemented(Oid source, Oid target, CastMethod method) {
  // A composite value reads as its record_out text.
  if (IsCompositeType(source)) {
    return method == CastMethod::kInOut && IsSupportedType(target) && IsString(target);
  }
  // Text to a named composite type: record_in.
  if (IsNamedCompositeType(target)) return method == CastMethod::kInOut && IsString(source);
  if (!IsSupportedType(source) || !IsSupportedType(target)) return false;
  // oid and the reg* types: int4 and one another binary-coercible; int2,
  // int8 and text (text_regclass) by functions.
  if (IsOidType(source) || IsOidType(target)) {
    const Oid other = IsOidType(source) ? target : source;
    if (method == CastMethod::kInOut) return true;
    if (IsOidType(other) || other == kInt4) return true;
    if (method == CastMethod::kFunction) {
      return IsInteger(other) || (IsOidType(target) && IsString(source));
    }
    return false;
  }
  switch (method) {
    case CastMethod::kRelabel:
      if (source == net::kCidr && target == net::kInet) return true;
      if (bits::IsBitType(source) && bits::IsBitType(target)) return true;  // bit <-> varbit
      return (IsString(source) || source == kUnknown) && IsString(target) && source != kBpchar;
    case CastMethod::kInOut:
      return true;
    case CastMethod::kFunction:
      break;
  }
  const bool numeric_source = IsInteger(source) || IsFloat(source) || source == kNumeric;
  const bool numeric_target = IsInteger(target) || IsFloat(target) || target == kNumeric;
  if (numeric_source && numeric_target) return true;
  if (source == kInt4 && target == kBool) return true;
  if (source == kBool && target == kInt4) return true;
  if (source == kBool && IsString(target)) return true;
  if (IsString(source) && IsString(target)) return true;
  if (source == kJsonb && (numeric_target || target == kBool)) return true;
  if (source == type_oid::kChar && (target == kInt4 || IsString(target))) return true;
  if (target == type_oid::kChar && (source == kInt4 || IsString(source))) return true;
  if (IsDatetimeCast(source, target)) return true;
  if (IsGeometricCast(source, target)) return true;
  if (IsNetworkCast(source, target)) return true;
  // bitfromint4/8, bittoint4/8 (bit(n) <- int: BoundCast passes the typmod).
  if ((source == kInt4 || source == kInt8) && target == bits::kBit) return true;
  if (source == bits::kBit && (target == kInt4 || target == kInt8)) return true;
  // int4range -> int4multirange and so on (the multirange constructors).
  if (IsRangeType(source) && FindRangeType(source)->multirange == target) return true;
  return false;
}

Value CastValue(const Value& value, Oid target, CastMethod method) {
  const Oid source = value.type();
  if (IsOidType(source) && IsOidType(target)) return value.Relabel(target);
  if (IsOidType(target) && IsInteger(source)) {
    // int4 -> oid is binary (-1 is 4294967295); int8 -> oid checks the range.
    const int64_t v = value.int_value();
    if (source == kInt8 && (v < 0 || v > 0xFFFFFFFFll)) {
      throw SqlError(SqlState::kNumericValueOutOfRange, "OID out of range");
    }
    return Value::Integer(target, v & 0xFFFFFFFFll);
  }
  if (IsOidType(source) && IsInteger(target)) {
    const int64_t v = value.int_value();
    if (target == kInt8) return Value::Int8(v);  // oidtoi8: unsigned
    return Value::Integer(target, static_cast<int32_t>(static_cast<uint32_t>(v)));
  }
  if (IsOidType(target) && IsString(source) && method == CastMethod::kFunction) {
    return InputValue(target, value.string_value());  // text_regclass
  }
  if (method == CastMethod::kRelabel) return value.Relabel(target);
  if (method == CastMethod::kFunction && IsRangeType(source) && IsMultirangeType(target)) {
    return MakeMultirange(target, {value.range_value()});
  }
  if (method == CastMethod::kInOut) {
    return InputValue(
        target, IsString(source) || source == kUnknown ? value.string_value() : OutputValue(value));
  }
  if (IsInteger(source)) {
    const int64_t v = value.int_value();
    if (IsInteger(target)) return CheckedInteger(target, v);
    if (target == kFloat4) return Value::Float4(static_cast<float>(v));
    if (target == kFloat8) return Value::Float8(static_cast<double>(v));
    if (target == kNumeric) return Value::FromNumeric(Numeric::FromInt64(v));
    if (target == kBool) return Value::Bool(v != 0);
  }
  if (IsFloat(source)) {
    const double v = value.float_value();
    if (IsInteger(target)) return FloatToInteger(v, target);
    if (target == kFloat8) return Value::Float8(v);
    if (target == kFloat4) return Float8ToFloat4(v);
    if (target == kNumeric) return FloatToNumeric(v, source == kFloat4 ? 6 : 15);
  }
  if (source == kNumeric) {
    const Numeric& n = value.numeric_value();
    if (IsInteger(target)) return NumericToInteger(n, target);
    if (target == kNumeric) return value;
    if (IsFloat(target)) {
      if (n.is_nan()) return target == kFloat4 ? Value::Float4(NAN) : Value::Float8(NAN);
      if (n.is_infinite()) {
        const double inf = n.Sign() < 0 ? -HUGE_VAL : HUGE_VAL;
        return target == kFloat4 ? Value::Float4(static_cast<float>(inf)) : Value::Float8(inf);
      }
      const std::string text = n.ToString();
      return target == kFloat4 ? Value::Float4(ParseFloat4(text))
                               : Value::Float8(ParseFloat8(text));
    }
  }
  if (source == kBool) {
    if (target == kInt4) return Value::Int4(value.bool_value() ? 1 : 0);
    if (IsString(target)) return Value::String(target, ValueToText(value));
  }
  if (source == type_oid::kChar) {
    const char c = value.string_value().empty() ? '\0' : value.string_value()[0];
    if (target == kInt4) return Value::Int4(static_cast<int8_t>(c));  // chartoi4: signed
    if (target == kText || target == kVarchar || target == type_oid::kName) {
      return Value::String(target, FormatChar(value.string_value()));  // char_text
    }
    if (target == kBpchar) return Value::String(target, std::string(1, c));  // char_bpchar
  }
  if (target == type_oid::kChar) {
    if (source == kInt4) {  // i4tochar
      const int64_t v = value.int_value();
      if (v < -128 || v > 127) {
        throw SqlError(SqlState::kNumericValueOutOfRange, "\"char\" out of range");
      }
      return Value::String(target, std::string(1, static_cast<char>(v)));
    }
    if (IsString(source)) return Value::String(target, ParseChar(value.string_value()));
  }
  if (target == type_oid::kName && IsString(source)) {
    // text_name, bpchar_name (which drops trailing spaces first).
    const std::string& s = value.string_value();
    return Value::String(type_oid::kName,
                         ClipName(source == kBpchar ? StripTrailingSpaces(s) : s));
  }
  if (source == kBpchar && IsString(target)) {
    if (target == kBpchar) return value;
    return Value::String(target, StripTrailingSpaces(value.string_value()));
  }
  if (IsString(source) && IsString(target)) return value.Relabel(target);
  if (source == kJsonb) return JsonbToScalar(value, target);
  if (IsDatetimeCast(source, target)) return DatetimeCast(value, target);
  if (IsGeometricCast(source, target)) return GeometricCast(value, target);
  if (IsNetworkCast(source, target)) return NetworkCast(value, target);
  if ((source == kInt4 || source == kInt8) && target == bits::kBit) {
    return CastIntegerToBit(value, -1);
  }
  if (source == bits::kBit && (target == kInt4 || target == kInt8)) {
    return Value::Integer(target,
                          bits::BitToInteger(value.string_value(), target == kInt8 ? 64 : 32));
  }
  throw SqlError(SqlState::kFeatureNotSupported, "cast from " + FormatTypeName(source) + " to " +
                                                     FormatTypeName(target) +
                                                     " is not supported yet");
}

Value CastIntegerToBit(const Value& value, int32_t typmod) {
  const int width = value.type() == kInt8 ? 64 : 32;
  return Value::String(bits::kBit, bits::BitFromInteger(value.int_value(), width, typmod));
}

std::string ValueToText(const Value& value) {
  if (value.type() == kBool) return value.bool_value() ? "true" : "false";
  return OutputValue(value);
}

static Value JsonbToScalar(const Value& value, Oid target) {
  const json::JsonValue doc = json::ParseJsonb(value.string_value());
  using Kind = json::JsonValue::Kind;
  const Kind wanted = target == kBool ? Kind::kBool : Kind::kNumber;
  if (doc.kind != wanted) {
    static constexpr const char* kNames[] = {"null", "string", "numeric", "boolean", "array",
                                             "object"};
    throw SqlError(SqlState::kInvalidParameterValue,
                   std::string("cannot cast jsonb ") + kNames[static_cast<int>(doc.kind)] +
                       " to type " + FormatTypeName(target));
  }
  if (target == kBool) return Value::Bool(doc.bool_value);
  const Value number = Value::FromNumeric(Numeric::Parse(doc.text));
  if (target == kNumeric) return number;
  return CastValue(number, target, CastMethod::kFunction);
}

bool HasTypmodCoercion(Oid type) {
  return type == kNumeric || type == kVarchar || type == kBpchar || bits::IsBitType(type) ||
         (IsDatetimeType(type) && type != type_oid::kDate);
}

Value ApplyTypmod(const Value& value, int32_t typmod, bool is_explicit) {
  if (value.is_null() || typmod < 0) return value;
  if (value.type() == kNumeric) {
    return Value::FromNumeric(value.numeric_value().ApplyTypmod(typmod));
  }
  if (value.type() == kVarchar && typmod >= kVarHdrSize) {
    const size_t max_chars = static_cast<size_t>(typmod - kVarHdrSize);
    const std::string& s = value.string_value();
    if (CharLength(s) <= max_chars) return value;
    const size_t cut = ByteOffsetOfChar(s, max_chars);
    if (!is_explicit && s.find_first_not_of(' ', cut) != std::string::npos) {
      throw SqlError(
          SqlState::kStringDataRightTruncation,
          "value too long for type character varying(" + std::to_string(max_chars) + ")");
    }
    return Value::String(kVarchar, s.substr(0, cut));
  }
  if (value.type() == kBpchar && typmod >= kVarHdrSize) {
    // bpchar(): pad to n characters; longer values lose only spaces unless
    // the cast is explicit (which truncates).
    const size_t max_chars = static_cast<size_t>(typmod - kVarHdrSize);
    const std::string& s = value.string_value();
    const size_t chars = CharLength(s);
    if (chars == max_chars) return value;
    if (chars < max_chars) return Value::String(kBpchar, s + std::string(max_chars - chars, ' '));
    const size_t cut = ByteOffsetOfChar(s, max_chars);
    if (!is_explicit && s.find_first_not_of(' ', cut) != std::string::npos) {
      throw SqlError(SqlState::kStringDataRightTruncation,
                     "value too long for type character(" + std::to_string(max_chars) + ")");
    }
    return Value::String(kBpchar, s.substr(0, cut));
  }
  if (IsDatetimeType(value.type())) return ApplyDatetimeTypmod(value, typmod);
  if (bits::IsBitType(value.type())) return bits::ApplyBitTypmod(value, typmod, is_explicit);
  return value;
}

}  // namespace strata::sql
