// Integer bitwise operators' functions (int2/int4/int8 and, or, xor, not,
// shl, shr: & | # ~ << >>). As PostgreSQL's C code: no overflow checks; a
// shift count is taken modulo the width of the C int the operand is promoted
// to (32 bits for int2 and int4, 64 for int8), as x86 does, and int2 results
// are truncated back to 16 bits.
#include <cstdint>
#include <span>

#include "sql/expr/builtin_function.h"

namespace strata::sql {

namespace {

using type_oid::kInt2;
using type_oid::kInt4;
using type_oid::kInt8;

// Wraps a 64-bit result to the type's width (two's complement).
int64_t Wrap(Oid type, int64_t v) {
  if (type == kInt2) return static_cast<int16_t>(static_cast<uint16_t>(v));
  if (type == kInt4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return v;
}

template <Oid kType>
Value And(std::span<const Value> a) {
  return Value::Integer(kType, a[0].int_value() & a[1].int_value());
}
template <Oid kType>
Value Or(std::span<const Value> a) {
  return Value::Integer(kType, a[0].int_value() | a[1].int_value());
}
template <Oid kType>
Value Xor(std::span<const Value> a) {
  return Value::Integer(kType, a[0].int_value() ^ a[1].int_value());
}
template <Oid kType>
Value Not(std::span<const Value> a) {
  return Value::Integer(kType, ~a[0].int_value());
}
template <Oid kType>
Value Shl(std::span<const Value> a) {
  const int64_t v = a[0].int_value();
  const int64_t n = a[1].int_value();
  if (kType == kInt8) {
    return Value::Integer(kType, static_cast<int64_t>(static_cast<uint64_t>(v) << (n & 63)));
  }
  const uint32_t shifted = static_cast<uint32_t>(static_cast<int32_t>(v)) << (n & 31);
  return Value::Integer(kType, Wrap(kType, static_cast<int32_t>(shifted)));
}
template <Oid kType>
Value Shr(std::span<const Value> a) {
  const int64_t v = a[0].int_value();
  const int64_t n = a[1].int_value();
  if (kType == kInt8) return Value::Integer(kType, v >> (n & 63));
  return Value::Integer(kType, Wrap(kType, static_cast<int32_t>(v) >> (n & 31)));
}

constexpr BuiltinFunction kFunctions[] = {
    {"int2and", And<kInt2>}, {"int4and", And<kInt4>}, {"int8and", And<kInt8>},
    {"int2or", Or<kInt2>},   {"int4or", Or<kInt4>},   {"int8or", Or<kInt8>},
    {"int2xor", Xor<kInt2>}, {"int4xor", Xor<kInt4>}, {"int8xor", Xor<kInt8>},
    {"int2not", Not<kInt2>}, {"int4not", Not<kInt4>}, {"int8not", Not<kInt8>},
    {"int2shl", Shl<kInt2>}, {"int4shl", Shl<kInt4>}, {"int8shl", Shl<kInt8>},
    {"int2shr", Shr<kInt2>}, {"int4shr", Shr<kInt4>}, {"int8shr", Shr<kInt8>},
};

}  // namespace

std::span<const BuiltinFunction> IntBitwiseFunctions() { return kFunctions; }

}  // namespace strata::sql
