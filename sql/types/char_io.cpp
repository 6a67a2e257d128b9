// "char" (OID 18): a single byte. Input (charin, and the text_char cast)
// takes `\ooo` (exactly a backslash and three octal digits) as that byte,
// else the first byte of the string, or 0 for an empty one. Output (charout,
// char_text) prints a byte with the high bit set as `\ooo` and 0 as the
// empty string. Values are kept as a one-byte string, so the generic
// bytewise comparison is charlt's unsigned order.
#include <string>
#include <string_view>

#include "sql/types/type_io.h"

namespace strata::sql {

namespace {
bool IsOctal(char c) { return c >= '0' && c <= '7'; }
}  // namespace

std::string ParseChar(std::string_view text) {
  if (text.size() == 4 && text[0] == '\\' && IsOctal(text[1]) && IsOctal(text[2]) &&
      IsOctal(text[3])) {
    const int v = ((text[1] - '0') << 6) + ((text[2] - '0') << 3) + (text[3] - '0');
    return std::string(1, static_cast<char>(v));
  }
  return std::string(1, text.empty() ? '\0' : text[0]);
}

std::string FormatChar(std::string_view bytes) {
  const unsigned char c = bytes.empty() ? 0 : static_cast<unsigned char>(bytes[0]);
  if (c == 0) return "";
  if (c & 0x80) {
    return std::string{'\\', static_cast<char>('0' + (c >> 6)), static_cast<char>('0' + ((c >> 3) & 7)),
                       static_cast<char>('0' + (c & 7))};
  }
  return std::string(1, static_cast<char>(c));
}

}  // namespace strata::sql
