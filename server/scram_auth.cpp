// SCRAM-SHA-256 (see scram_auth.h), on OpenSSL's libcrypto.
#include "server/scram_auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace strata::server {

namespace {

constexpr std::string_view kPrefix = "SCRAM-SHA-256$";
constexpr size_t kKeyLength = SHA256_DIGEST_LENGTH;

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

std::string Hmac(std::string_view key, std::string_view data) {
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

struct Verifier {
  int iterations = 0;
  std::string salt, stored_key, server_key;
};

bool ParseVerifier(std::string_view text, Verifier* v) {
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

// The value of attribute `name` ("r" in "r=abc") at the start of `part`.
bool Attribute(std::string_view part, char name, std::string_view* value) {
  if (part.size() < 2 || part[0] != name || part[1] != '=') return false;
  *value = part.substr(2);
  return true;
}

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t comma = s.find(',', start);
    parts.push_back(s.substr(start, comma == std::string_view::npos ? s.npos : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

// Printable ASCII except ',' (RFC 5802's "printable" for nonces).
bool IsPrintableNonce(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

}  // namespace

std::string MakeScramVerifier(std::string_view password, int iterations) {
  const std::string salt = RandomBytes(16);
  unsigned char salted[kKeyLength];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), kKeyLength, salted);
  const std::string salted_password(reinterpret_cast<const char*>(salted), kKeyLength);
  const std::string stored_key = Sha256(Hmac(salted_password, "Client Key"));
  const std::string server_key = Hmac(salted_password, "Server Key");
  return std::string(kPrefix) + std::to_string(iterations) + ":" + Base64Encode(salt) + "$" +
         Base64Encode(stored_key) + ":" + Base64Encode(server_key);
}

bool IsScramVerifier(std::string_view text) {
  Verifier v;
  return ParseVerifier(text, &v);
}

ScramExchange::ScramExchange(std::string_view verifier) {
  Verifier v;
  if (!ParseVerifier(verifier, &v)) throw std::invalid_argument("not a SCRAM-SHA-256 verifier");
  iterations_ = v.iterations;
  salt_ = std::move(v.salt);
  stored_key_ = std::move(v.stored_key);
  server_key_ = std::move(v.server_key);
}

bool ScramExchange::ClientFirst(std::string_view message, std::string* server_first,
                                std::string* error) {
  // gs2-header: n|y|p=..., then [a=authzid], then the client-first-bare.
  if (message.size() < 3 || message[0] == 'p') {
    *error = message.size() >= 1 && message[0] == 'p'
                 ? "channel binding is not supported (no SSL)"
                 : "malformed SCRAM message";
    return false;
  }
  if ((message[0] != 'n' && message[0] != 'y') || message[1] != ',') {
    *error = "malformed SCRAM message";
    return false;
  }
  const size_t second = message.find(',', 2);
  if (second == std::string_view::npos) {
    *error = "malformed SCRAM message";
    return false;
  }
  if (second != 2 && message.substr(2, 2) != "a=") {
    *error = "malformed SCRAM message";
    return false;
  }
  if (second != 2) {
    *error = "client uses authorization identity, but it is not supported";
    return false;
  }
  gs2_header_ = std::string(message.substr(0, second + 1));
  client_first_bare_ = std::string(message.substr(second + 1));
  const std::vector<std::string_view> parts = Split(client_first_bare_);
  std::string_view user, client_nonce;
  if (parts.size() < 2 || !Attribute(parts[0], 'n', &user) ||
      !Attribute(parts[1], 'r', &client_nonce) || !IsPrintableNonce(client_nonce)) {
    *error = "malformed SCRAM message";
    return false;
  }
  nonce_ = std::string(client_nonce) + Base64Encode(RandomBytes(18));
  server_first_ = "r=" + nonce_ + ",s=" + Base64Encode(salt_) + ",i=" + std::to_string(iterations_);
  *server_first = server_first_;
  return true;
}

bool ScramExchange::ClientFinal(std::string_view message, std::string* server_final,
                                std::string* error) {
  error->clear();
  const size_t proof_at = message.rfind(",p=");
  if (proof_at == std::string_view::npos) {
    *error = "malformed SCRAM message";
    return false;
  }
  const std::string_view without_proof = message.substr(0, proof_at);
  const std::vector<std::string_view> parts = Split(without_proof);
  std::string_view binding, nonce;
  std::string binding_raw, proof;
  if (parts.size() < 2 || !Attribute(parts[0], 'c', &binding) ||
      !Attribute(parts[1], 'r', &nonce) || !Base64Decode(binding, &binding_raw) ||
      !Base64Decode(message.substr(proof_at + 3), &proof) || proof.size() != kKeyLength) {
    *error = "malformed SCRAM message";
    return false;
  }
  if (binding_raw != gs2_header_) {
    *error = "SCRAM channel binding check failed";
    return false;
  }
  if (nonce != nonce_) {
    *error = "SCRAM nonce mismatch";
    return false;
  }
  const std::string auth_message =
      client_first_bare_ + "," + server_first_ + "," + std::string(without_proof);
  const std::string client_signature = Hmac(stored_key_, auth_message);
  std::string client_key(kKeyLength, '\0');
  for (size_t i = 0; i < kKeyLength; ++i) client_key[i] = proof[i] ^ client_signature[i];
  const std::string computed = Sha256(client_key);
  if (CRYPTO_memcmp(computed.data(), stored_key_.data(), kKeyLength) != 0) return false;
  *server_final = "v=" + Base64Encode(Hmac(server_key_, auth_message));
  return true;
}

}  // namespace strata::server
