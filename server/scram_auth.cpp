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

using scram::Base64Decode;
using scram::Base64Encode;
using scram::HmacSha256;
using scram::RandomBytes;
using scram::Sha256;

namespace {

constexpr size_t kKeyLength = scram::kKeyLength;

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

ScramExchange::ScramExchange(std::string_view verifier) {
  scram::ScramVerifier v;
  if (!scram::ParseScramVerifier(verifier, &v)) throw std::invalid_argument("not a SCRAM-SHA-256 verifier");
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
  const std::string client_signature = HmacSha256(stored_key_, auth_message);
  std::string client_key(kKeyLength, '\0');
  for (size_t i = 0; i < kKeyLength; ++i) client_key[i] = proof[i] ^ client_signature[i];
  const std::string computed = Sha256(client_key);
  if (CRYPTO_memcmp(computed.data(), stored_key_.data(), kKeyLength) != 0) return false;
  *server_final = "v=" + Base64Encode(HmacSha256(server_key_, auth_message));
  return true;
}

}  // namespace strata::server
