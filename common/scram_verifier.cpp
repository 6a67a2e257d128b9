// SCRAM-SHA-256 verifiers and the primitives they are made of (see
// scram_verifier.h), on OpenSSL's libcrypto.
#include "common/scram_verifier.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cctype>
#include <stdexcept>

namespace strata::scram {

namespace {

constexpr std::string_view kPrefix = "SCRAM-SHA-256$";
static_assert(kKeyLength == SHA256_DIGEST_LENGTH);

}  // namespace

std::string Base64Encode(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(raw.data()),
                                static_cast<int>(raw.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// Strict base64 (no whitespace, padding required); false on bad input.
bool Base64Decode(std::string_view text, std::string* raw) {
  if (text.empty() || text.size() % 4 != 0) return false;
  for (char c : text) {
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=')) return false;
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t size = static_cast<size_t>(n);
  // EVP_DecodeBlock counts the padding's zero bytes.
  if (text.size() >= 1 && text[text.size() - 1] == '=') --size;
  if (text.size() >= 2 && text[text.size() - 2] == '=') --size;
  out.resize(size);
  *raw = std::move(out);
  return true;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Sha256(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("could not generate random bytes for SCRAM");
  }
  return out;
}

bool ParseScramVerifier(std::string_view text, ScramVerifier* v) {
  if (text.substr(0, kPrefix.size()) != kPrefix) return false;
  text.remove_prefix(kPrefix.size());
  const size_t colon = text.find(':');
  const size_t dollar = text.find('$');
  if (colon == std::string_view::npos || dollar == std::string_view::npos || colon > dollar) {
    return false;
  }
  const size_t colon2 = text.find(':', dollar);
  if (colon2 == std::string_view::npos) return false;
  int iterations = 0;
  for (char c : text.substr(0, colon)) {
    if (c < '0' || c > '9' || iterations > 100000000) return false;
    iterations = iterations * 10 + (c - '0');
  }
  if (iterations <= 0) return false;
  v->iterations = iterations;
  return Base64Decode(text.substr(colon + 1, dollar - colon - 1), &v->salt) &&
         Base64Decode(text.substr(dollar + 1, colon2 - dollar - 1), &v->stored_key) &&
         Base64Decode(text.substr(colon2 + 1), &v->server_key) &&
         v->stored_key.size() == kKeyLength && v->server_key.size() == kKeyLength;
}

std::string MakeScramVerifier(std::string_view password, int iterations) {
  const std::string salt = RandomBytes(16);
  unsigned char salted[kKeyLength];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), kKeyLength, salted);
  const std::string salted_password(reinterpret_cast<const char*>(salted), kKeyLength);
  const std::string stored_key = Sha256(HmacSha256(salted_password, "Client Key"));
  const std::string server_key = HmacSha256(salted_password, "Server Key");
  return std::string(kPrefix) + std::to_string(iterations) + ":" + Base64Encode(salt) + "$" +
         Base64Encode(stored_key) + ":" + Base64Encode(server_key);
}

bool IsScramVerifier(std::string_view text) {
  ScramVerifier v;
  return ParseScramVerifier(text, &v);
}

}  // namespace strata::scram
