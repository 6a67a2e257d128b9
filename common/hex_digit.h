// The value of one hexadecimal digit, for the text forms that spell bytes or
// bits in hex (COPY's \xNN escapes, uuid input, bit strings' x... form).
#pragma once

namespace strata {

// 0..15 for '0'-'9', 'a'-'f', 'A'-'F'; -1 for any other character.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace strata
