// uuid: binary send/recv (16 raw bytes) and text conversion as uuid_in /
// uuid_out. Input: 32 hex digits, either case, with an optional '-' after
// each group of four, optionally wrapped in {}; output: lowercase
// 8-4-4-4-12.
#include <string>

#include "common/hex_digit.h"
#include "common/sql_error.h"
#include "protocol/binary_input.h"
#include "protocol/binary_values.h"

namespace strata::protocol {

Uuid UuidFromText(std::string_view text) {
  const auto syntax_error = [&] {
    return SqlError(SqlState::kInvalidTextRepresentation,
                    "invalid input syntax for type uuid: \"" + std::string(text) + "\"");
  };
  std::string_view s = text;
  const bool braces = !s.empty() && s.front() == '{';
  if (braces) s.remove_prefix(1);
  Uuid uuid;
  for (size_t i = 0; i < uuid.size(); ++i) {
    if (s.size() < 2) throw syntax_error();
    const int high = HexDigitValue(s[0]);
    const int low = HexDigitValue(s[1]);
    if (high < 0 || low < 0) throw syntax_error();
    uuid[i] = static_cast<uint8_t>(high * 16 + low);
    s.remove_prefix(2);
    // A dash may follow any group of four hex digits but the last.
    if (!s.empty() && s.front() == '-' && i % 2 == 1 && i + 1 < uuid.size()) s.remove_prefix(1);
  }
  if (braces) {
    if (s.empty() || s.front() != '}') throw syntax_error();
    s.remove_prefix(1);
  }
  if (!s.empty()) throw syntax_error();
  return uuid;
}

std::string UuidToText(const Uuid& uuid) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (size_t i = 0; i < uuid.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text.push_back('-');
    text.push_back(kHex[uuid[i] >> 4]);
    text.push_back(kHex[uuid[i] & 0xf]);
  }
  return text;
}

void SendUuid(std::string* out, const Uuid& uuid) {
  out->append(reinterpret_cast<const char*>(uuid.data()), uuid.size());
}

Uuid RecvUuid(std::string_view* in) {
  const std::string_view bytes = internal::TakeBytes(in, 16);
  Uuid uuid;
  for (size_t i = 0; i < uuid.size(); ++i) uuid[i] = static_cast<uint8_t>(bytes[i]);
  return uuid;
}

}  // namespace strata::protocol
