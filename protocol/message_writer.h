// Helpers for building backend messages: frame header, length patching, strings.
//
// Backend message layout: Byte1 type, Int32 length (counts itself and the body,
// not the type byte), body. BeginMessage writes the type and a placeholder
// length; EndMessage patches the length once the body is appended. Integers are
// big-endian. Strings are C strings: bytes up to the first NUL, then a NUL.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "common/coding.h"

namespace strata::protocol {

// Appends the type byte and a placeholder length; returns the offset of the
// length word, to be passed to EndMessage.
inline size_t BeginMessage(std::string* out, char type) {
  out->push_back(type);
  const size_t length_offset = out->size();
  PutBigEndian32(out, 0);
  return length_offset;
}

// REQUIRES: length_offset came from BeginMessage on the same *out, and the
// body appended since is shorter than 2 GiB.
inline void EndMessage(std::string* out, size_t length_offset) {
  const size_t length = out->size() - length_offset;
  assert(length <= static_cast<size_t>(std::numeric_limits<int32_t>::max()));
  EncodeBigEndian32(out->data() + length_offset, static_cast<uint32_t>(length));
}

// Appends s up to its first NUL byte, then a NUL terminator.
inline void PutCString(std::string* out, std::string_view s) {
  const size_t nul = s.find('\0');
  if (nul != std::string_view::npos) s = s.substr(0, nul);
  out->append(s);
  out->push_back('\0');
}

inline void PutInt16(std::string* out, int16_t v) {
  PutBigEndian16(out, static_cast<uint16_t>(v));
}
inline void PutInt32(std::string* out, int32_t v) {
  PutBigEndian32(out, static_cast<uint32_t>(v));
}

}  // namespace strata::protocol
