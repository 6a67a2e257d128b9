// bytea text I/O: byteain accepts the hex format ('\x0aff', whitespace
// between digit pairs allowed) and the escape format (backslash-escaped
// octets \ooo and \\); byteaout writes the hex format, PostgreSQL's default
// bytea_output (the escape output setting is not implemented).
#include <string>

#include "common/sql_error.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[noreturn]] void InvalidHexDigit(std::string_view text, size_t i) {
  // The message shows one (possibly multibyte) character.
  size_t len = 1;
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if ((c & 0xe0) == 0xc0) len = 2;
  if ((c & 0xf0) == 0xe0) len = 3;
  if ((c & 0xf8) == 0xf0) len = 4;
  throw SqlError(SqlState::kInvalidParameterValue,
                 "invalid hexadecimal digit: \"" + std::string(text.substr(i, len)) + "\"");
}

bool IsOctal(char c) { return c >= '0' && c <= '7'; }

}  // namespace

std::string ParseBytea(std::string_view text) {
  std::string out;
  if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {
    // hex_decode(): pairs of hex digits, whitespace skipped between pairs.
    size_t i = 2;
    while (i < text.size()) {
      const char c = text[i];
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        ++i;
        continue;
      }
      const int hi = HexDigit(c);
      if (hi < 0) InvalidHexDigit(text, i);
      ++i;
      if (i >= text.size()) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "invalid hexadecimal data: odd number of digits");
      }
      const int lo = HexDigit(text[i]);
      if (lo < 0) InvalidHexDigit(text, i);
      ++i;
      out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
  }
  // Escape format.
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '\\') {
      out.push_back(text[i++]);
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '\\') {
      out.push_back('\\');
      i += 2;
      continue;
    }
    if (i + 3 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '3' &&
        IsOctal(text[i + 2]) && IsOctal(text[i + 3])) {
      out.push_back(static_cast<char>(((text[i + 1] - '0') << 6) | ((text[i + 2] - '0') << 3) |
                                      (text[i + 3] - '0')));
      i += 4;
      continue;
    }
    throw SqlError(SqlState::kInvalidTextRepresentation, "invalid input syntax for type bytea");
  }
  return out;
}

std::string FormatBytea(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (const char b : bytes) {
    const unsigned char c = static_cast<unsigned char>(b);
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace strata::sql
