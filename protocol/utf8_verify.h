// UTF-8 verification with PostgreSQL's rules and error text, for text that
// arrives from a client (binary text values; the session may also apply it to
// Query/Parse strings, as PostgreSQL verifies every client string).
//
// Valid: well-formed UTF-8 of 1-4 bytes, no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, and no NUL byte (PostgreSQL text
// cannot hold NUL) -- pg_utf8_islegal / pg_verify_mbstr.
#pragma once

#include <cstddef>
#include <string_view>

namespace strata::protocol {

// The length of the longest valid prefix of `text` (text.size() if all valid).
size_t ValidUtf8PrefixLength(std::string_view text);

// Throws SqlError 22021 "invalid byte sequence for encoding \"UTF8\": 0x.. 0x.."
// at the first invalid sequence, naming the bytes PostgreSQL names: as many
// as the lead byte announces (1 for an invalid lead byte), at most those left.
void VerifyUtf8(std::string_view text);

}  // namespace strata::protocol
