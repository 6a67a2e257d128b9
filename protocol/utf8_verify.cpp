// UTF-8 verification (pg_utf8_verifychar / pg_utf8_islegal semantics).
//
// A sequence's length comes from its lead byte: 0xxxxxxx 1, 110xxxxx 2,
// 1110xxxx 3, 11110xxx 4, anything else 1 (and is then illegal). Beyond the
// continuation-byte check (10xxxxxx), the second byte is narrowed after
// E0 (A0..BF, no overlong), ED (80..9F, no surrogates), F0 (90..BF, no
// overlong) and F4 (80..8F, <= U+10FFFF); lead bytes C0, C1 and F5..FF are
// illegal.
#include "protocol/utf8_verify.h"

#include <cstdint>
#include <cstdio>
#include <string>

#include "common/sql_error.h"

namespace strata::protocol {
namespace {

size_t SequenceLength(uint8_t lead) {
  if ((lead & 0x80) == 0) return 1;
  if ((lead & 0xe0) == 0xc0) return 2;
  if ((lead & 0xf0) == 0xe0) return 3;
  if ((lead & 0xf8) == 0xf0) return 4;
  return 1;
}

bool IsContinuation(uint8_t b) { return b >= 0x80 && b <= 0xbf; }

// REQUIRES: s holds `length` = SequenceLength(s[0]) bytes.
bool IsLegalSequence(const uint8_t* s, size_t length) {
  const uint8_t lead = s[0];
  if (lead == 0) return false;  // NUL is valid UTF-8 but not valid PostgreSQL text
  if (length == 1) return lead < 0x80;
  if (lead < 0xc2 || lead > 0xf4) return false;
  for (size_t i = 2; i < length; ++i) {
    if (!IsContinuation(s[i])) return false;
  }
  const uint8_t second = s[1];
  switch (lead) {
    case 0xe0:
      return second >= 0xa0 && second <= 0xbf;
    case 0xed:
      return second >= 0x80 && second <= 0x9f;
    case 0xf0:
      return second >= 0x90 && second <= 0xbf;
    case 0xf4:
      return second >= 0x80 && second <= 0x8f;
    default:
      return IsContinuation(second);
  }
}

}  // namespace

size_t ValidUtf8PrefixLength(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    // ASCII fast path.
    if (bytes[i] != 0 && bytes[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t length = SequenceLength(bytes[i]);
    if (length > text.size() - i || !IsLegalSequence(bytes + i, length)) return i;
    i += length;
  }
  return i;
}

void VerifyUtf8(std::string_view text) {
  const size_t valid = ValidUtf8PrefixLength(text);
  if (valid == text.size()) return;
  const std::string_view bad = text.substr(valid);
  size_t shown = SequenceLength(static_cast<uint8_t>(bad[0]));
  if (shown > bad.size()) shown = bad.size();
  std::string message = "invalid byte sequence for encoding \"UTF8\": ";
  for (size_t i = 0; i < shown; ++i) {
    char hex[8];
    std::snprintf(hex, sizeof(hex), "0x%02x", static_cast<unsigned>(static_cast<uint8_t>(bad[i])));
    if (i > 0) message.push_back(' ');
    message += hex;
  }
  throw SqlError(SqlState::kCharacterNotInRepertoire, std::move(message));
}

}  // namespace strata::protocol
