// SCRAM-SHA-256 verifiers in PostgreSQL's own format (auth-scram.c)
//   SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>   (base64)
// and the primitives they are built from. Used by the server's SCRAM
// exchange (server/scram_auth.h) and by CREATE/ALTER ROLE ... PASSWORD,
// which stores a verifier, never the password.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace strata::scram {

inline constexpr size_t kKeyLength = 32;  // SHA-256 digest bytes

// A new verifier for `password` with a random 16-byte salt. The password is
// used as given (PostgreSQL first applies SASLprep, which leaves ASCII
// passwords unchanged).
std::string MakeScramVerifier(std::string_view password, int iterations = 4096);

// Whether `text` parses as a verifier in the format above.
bool IsScramVerifier(std::string_view text);

struct ScramVerifier {
  int iterations = 0;
  std::string salt, stored_key, server_key;  // raw bytes
};
// Parses a verifier; false if `text` is not one.
bool ParseScramVerifier(std::string_view text, ScramVerifier* v);

std::string Base64Encode(std::string_view raw);
// Strict base64 (no whitespace, padding required); false on bad input.
bool Base64Decode(std::string_view text, std::string* raw);
std::string HmacSha256(std::string_view key, std::string_view data);
std::string Sha256(std::string_view data);
// Throws std::runtime_error if the system has no randomness to give.
std::string RandomBytes(size_t n);

}  // namespace strata::scram
