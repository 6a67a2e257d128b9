// Bit strings: PostgreSQL's bit(n) (OID 1560) and bit varying(n) (varbit,
// OID 1562) -- their value representation, text input/output (bit_in,
// varbit_in, bit_out), typmod (length) coercion and the integer and packed
// (wire) conversions.
//
// Payload format (Value::String of type kBit or kVarbit, also what rows and
// keys store): one ASCII '0' or '1' per bit, first bit first. Its bytewise
// order is exactly PostgreSQL's bitcmp order (compare the common bits, then
// the shorter string is less), so comparison, hashing, sorting and btree
// keys use the payload bytes unchanged. It costs 8x PostgreSQL's packed
// form; the binary wire format (bit_send/bit_recv) is packed.
//
// Typmods are the length n itself (no VARHDRSZ); -1 means no length.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/types/data_type.h"
#include "sql/types/value.h"

namespace strata::sql::bits {

inline constexpr Oid kBit = 1560;
inline constexpr Oid kVarbit = 1562;

inline bool IsBitType(Oid type) { return type == kBit || type == kVarbit; }

// bit_in / varbit_in with typmod -1: "1010", "b1010"/"B1010" (binary) or
// "x1F"/"X1F" (hex, 4 bits a digit). Throws 22P02 "\"2\" is not a valid
// binary digit" / "... hexadecimal digit".
std::string ParseBitString(std::string_view text);

// bit(n) / varbit(n) length coercion (PostgreSQL's bit() and varbit()).
// bit: a different length is 22026 "bit string length L does not match type
// bit(n)" unless explicit, which pads with zeros on the right or truncates.
// varbit: longer is 22001 "bit string too long for type bit varying(n)"
// unless explicit, which truncates. typmod < 0 returns the value.
Value ApplyBitTypmod(const Value& value, int32_t typmod, bool is_explicit);

// bittypmodin / varbittypmodin for a single modifier: the typmod, or 22023
// "length for type bit must be at least 1" ("varbit" for varbit).
int32_t BitTypmod(Oid type, int64_t length);

// bitfromint4 / bitfromint8: the rightmost `typmod` bits of the value
// (`width` 32 or 64), sign-extended on the left beyond width; typmod <= 0
// means 1 bit.
std::string BitFromInteger(int64_t value, int width, int32_t typmod);

// bittoint4 / bittoint8: the bits as an unsigned number of `width` bits.
// Throws 22003 "integer out of range" / "bigint out of range" when longer.
int64_t BitToInteger(std::string_view bits, int width);

// Packs bits into bytes, first bit as the high bit of the first byte, the
// last byte zero-padded (PostgreSQL's VARBITS), and back.
std::string PackBits(std::string_view bits);
std::string UnpackBits(std::string_view bytes, int64_t bit_length);

}  // namespace strata::sql::bits
