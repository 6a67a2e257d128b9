// name (OID 19): PostgreSQL's identifier type, a fixed NAMEDATALEN (64) byte
// field holding at most 63 bytes. Input (namein) and the casts from text,
// varchar and bpchar (text_name, bpchar_name) clip longer strings silently,
// never in the middle of a UTF-8 character; output is the string itself.
#include <string>
#include <string_view>

#include "sql/types/type_io.h"

namespace strata::sql {

std::string ClipName(std::string_view text) {
  constexpr size_t kMaxBytes = kNameDataLen - 1;
  if (text.size() <= kMaxBytes) return std::string(text);
  size_t cut = kMaxBytes;
  // Back up to the start of the character that would be split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

}  // namespace strata::sql
