// uuid text I/O (uuid_in / uuid_out): 32 hex digits in either case, an
// optional '-' after any group of four, optionally wrapped in braces; output
// is the canonical lowercase 8-4-4-4-12 form. The payload is the 16 bytes.
#include <cctype>
#include <string>

#include "common/sql_error.h"
#include "sql/types/type_io.h"

namespace strata::sql {

std::string ParseUuid(std::string_view text) {
  auto syntax_error = [&]() -> SqlError {
    return SqlError(SqlState::kInvalidTextRepresentation,
                    "invalid input syntax for type uuid: \"" + std::string(text) + "\"");
  };
  auto hex = [](char c) {
    const int lower = std::tolower(static_cast<unsigned char>(c));
    return std::isdigit(lower) ? lower - '0' : lower - 'a' + 10;
  };
  std::string out;
  size_t p = 0;
  bool braces = false;
  if (p < text.size() && text[p] == '{') {
    braces = true;
    ++p;
  }
  for (int i = 0; i < 16; ++i) {
    if (p + 2 > text.size()) throw syntax_error();
    if (!std::isxdigit(static_cast<unsigned char>(text[p])) ||
        !std::isxdigit(static_cast<unsigned char>(text[p + 1]))) {
      throw syntax_error();
    }
    out.push_back(static_cast<char>(hex(text[p]) * 16 + hex(text[p + 1])));
    p += 2;
    if (p < text.size() && text[p] == '-' && i % 2 == 1 && i < 15) ++p;
  }
  if (braces) {
    if (p >= text.size() || text[p] != '}') throw syntax_error();
    ++p;
  }
  if (p != text.size()) throw syntax_error();
  return out;
}

std::string FormatUuid(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace strata::sql
