// Type modifier (typmod) encodings PostgreSQL uses on the wire and in its
// catalogs: numeric(p,s) packs precision and scale, varchar(n)/char(n) store
// n + VARHDRSZ. Clients decode these from RowDescription, so they must match.
#pragma once

#include <cstdint>

namespace strata::sql {

inline constexpr int32_t kVarHdrSize = 4;  // PostgreSQL's VARHDRSZ

inline constexpr int32_t MakeNumericTypmod(int precision, int scale) {
  return ((precision << 16) | (scale & 0x7ff)) + kVarHdrSize;
}
inline constexpr bool IsValidNumericTypmod(int32_t typmod) { return typmod >= kVarHdrSize; }
inline constexpr int NumericTypmodPrecision(int32_t typmod) {
  return ((typmod - kVarHdrSize) >> 16) & 0xffff;
}
// The scale is an 11-bit two's-complement field (scale may be negative).
inline constexpr int NumericTypmodScale(int32_t typmod) {
  return (((typmod - kVarHdrSize) & 0x7ff) ^ 1024) - 1024;
}

}  // namespace strata::sql
