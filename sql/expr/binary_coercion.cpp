// The binary_coercion built-in (see binary_coercion.h).
#include "sql/expr/binary_coercion.h"

#include <bit>
#include <cstdint>
#include <string>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"

namespace strata::sql {

namespace {

// The width in bytes of a fixed-width integer-like or float type's datum; 0
// for others.
int FixedWidth(Oid type) {
  switch (type) {
    case type_oid::kInt8:
    case type_oid::kFloat8:
      return 8;
    case type_oid::kInt4:
    case type_oid::kFloat4:
    case type_oid::kOid:
      return 4;
    case type_oid::kInt2:
      return 2;
    default:
      return 0;
  }
}

bool IsStringType(Oid type) {
  return type == type_oid::kText || type == type_oid::kVarchar || type == type_oid::kBpchar;
}

// The datum's bits (zero-extended to 64).
uint64_t Bits(const Value& v) {
  switch (v.type()) {
    case type_oid::kFloat8:
      return std::bit_cast<uint64_t>(v.float_value());
    case type_oid::kFloat4:
      return std::bit_cast<uint32_t>(static_cast<float>(v.float_value()));
    case type_oid::kInt2:
      return static_cast<uint16_t>(v.int_value());
    case type_oid::kInt4:
    case type_oid::kOid:
      return static_cast<uint32_t>(v.int_value());
    default:
      return static_cast<uint64_t>(v.int_value());
  }
}

Value FromBits(Oid type, uint64_t bits) {
  switch (type) {
    case type_oid::kFloat8:
      return Value::Float8(std::bit_cast<double>(bits));
    case type_oid::kFloat4:
      return Value::Float4(std::bit_cast<float>(static_cast<uint32_t>(bits)));
    case type_oid::kInt2:
      return Value::Integer(type, static_cast<int16_t>(bits));
    case type_oid::kInt4:
      return Value::Integer(type, static_cast<int32_t>(bits));
    case type_oid::kOid:
      return Value::Integer(type, static_cast<uint32_t>(bits));
    default:
      return Value::Integer(type, static_cast<int64_t>(bits));
  }
}

Value BinaryCoerce(std::span<const Value> args) {
  const Value& value = args[0];
  const Oid target = static_cast<Oid>(args[1].int_value());
  const Oid source = value.type();
  if (source == target) return value;
  if (FixedWidth(source) != 0 && FixedWidth(source) == FixedWidth(target)) {
    return FromBits(target, Bits(value));
  }
  if (IsStringType(source) && IsStringType(target)) {
    return Value::String(target, value.string_value());
  }
  throw SqlError(SqlState::kFeatureNotSupported,
                 "binary coercion from type " + FormatTypeName(source) + " to " +
                     FormatTypeName(target) + " is not supported yet");
}

constexpr BuiltinFunction kBinaryCoercion = {"binary_coercion", BinaryCoerce, true};

}  // namespace

const BuiltinFunction* BinaryCoercionFunction() { return &kBinaryCoercion; }

}  // namespace strata::sql
