// Helpers shared by the protocol tests: byte literals and ProtocolError capture.
#pragma once

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/sql_error.h"
#include "protocol/messages.h"

namespace strata::protocol::testing {

// A byte string from a literal that may contain NULs: B("Z\0\0\0\x05I").
template <size_t N>
std::string B(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

// Big-endian Int32 / Int16, written out independently of common/coding.h.
inline std::string Be32(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}
inline std::string Be16(uint16_t v) { return {static_cast<char>(v >> 8), static_cast<char>(v)}; }

// A typed frontend message: type byte, length (body + 4), body.
inline std::string Frame(char type, std::string_view body) {
  return std::string(1, type) + Be32(static_cast<uint32_t>(body.size() + 4)) + std::string(body);
}

// A startup-phase packet: length (payload + 8), code, payload.
inline std::string StartupFrame(uint32_t code, std::string_view payload) {
  return Be32(static_cast<uint32_t>(payload.size() + 8)) + Be32(code) + std::string(payload);
}

// Runs f, which must throw ProtocolError; returns its message.
template <typename F>
std::string ProtocolErrorOf(F&& f) {
  try {
    f();
  } catch (const ProtocolError& e) {
    return e.message;
  }
  FAIL("expected a ProtocolError");
  return {};
}

// Bytes from hex digits: FromHex("0002ff") == B("\0\x02\xff"). Whitespace is
// skipped, so long values can be grouped. An odd digit count fails the test.
inline std::string FromHex(std::string_view hex) {
  std::string bytes;
  int high = -1;
  for (char c : hex) {
    int v;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v = c - 'A' + 10;
    } else {
      continue;
    }
    if (high < 0) {
      high = v;
    } else {
      bytes.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  REQUIRE(high < 0);
  return bytes;
}

// Lowercase hex of bytes, for readable failure output.
inline std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (char c : bytes) {
    hex.push_back(kDigits[static_cast<unsigned char>(c) >> 4]);
    hex.push_back(kDigits[static_cast<unsigned char>(c) & 0xf]);
  }
  return hex;
}

// Runs f, which must throw SqlError; returns "SQLSTATE message".
template <typename F>
std::string SqlErrorOf(F&& f) {
  try {
    f();
  } catch (const SqlError& e) {
    return std::string(SqlStateCode(e.sqlstate())) + " " + e.fields().message;
  }
  FAIL("expected a SqlError");
  return {};
}

}  // namespace strata::protocol::testing
