// SCRAM-SHA-256 server side (server/scram_auth.h) against a client written
// here from RFC 5802: verifier format, a full exchange, a wrong password,
// tampered messages, and PostgreSQL 15's own verifier for a known password.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <catch2/catch.hpp>
#include <string>

#include "server/scram_auth.h"

namespace {

using strata::server::IsScramVerifier;
using strata::server::MakeScramVerifier;
using strata::server::ScramExchange;

std::string B64(const std::string& raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  out.resize(static_cast<size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                                 reinterpret_cast<const unsigned char*>(raw.data()),
                                                 static_cast<int>(raw.size()))));
  return out;
}

std::string Unb64(const std::string& text) {
  std::string out(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (!text.empty() && text.back() == '=') --n;
  if (text.size() > 1 && text[text.size() - 2] == '=') --n;
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string Hmac(const std::string& key, const std::string& data) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), d, &n);
  return std::string(reinterpret_cast<const char*>(d), n);
}

std::string Sha(const std::string& data) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), d);
  return std::string(reinterpret_cast<const char*>(d), sizeof(d));
}

std::string Field(const std::string& msg, char name) {
  const std::string key = std::string(1, name) + "=";
  size_t at = msg.rfind(key, 0) == 0 ? 0 : msg.find("," + key);
  if (at != 0) at += 1;
  const size_t end = msg.find(',', at);
  return msg.substr(at + 2, end == std::string::npos ? std::string::npos : end - at - 2);
}

// The client's final message for `password`, and the server signature it
// expects, after the server answered `server_first`.
struct ClientFinal {
  std::string message;
  std::string expected_server_final;
};

ClientFinal MakeClientFinal(const std::string& password, const std::string& client_first_bare,
                            const std::string& server_first) {
  const std::string salt = Unb64(Field(server_first, 's'));
  const int iterations = std::stoi(Field(server_first, 'i'));
  unsigned char salted[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), 32, salted);
  const std::string salted_password(reinterpret_cast<const char*>(salted), 32);
  const std::string client_key = Hmac(salted_password, "Client Key");
  const std::string without_proof = "c=biws,r=" + Field(server_first, 'r');
  const std::string auth = client_first_bare + "," + server_first + "," + without_proof;
  const std::string signature = Hmac(Sha(client_key), auth);
  std::string proof = client_key;
  for (size_t i = 0; i < proof.size(); ++i) proof[i] = static_cast<char>(proof[i] ^ signature[i]);
  return {without_proof + ",p=" + B64(proof),
          "v=" + B64(Hmac(Hmac(salted_password, "Server Key"), auth))};
}

bool Login(const std::string& verifier, const std::string& password) {
  ScramExchange exchange(verifier);
  const std::string bare = "n=,r=rOprNGfwEbeRWgbNEkqO";
  std::string server_first, server_final, error;
  REQUIRE(exchange.ClientFirst("n,," + bare, &server_first, &error));
  REQUIRE(Field(server_first, 'r').rfind("rOprNGfwEbeRWgbNEkqO", 0) == 0);
  const ClientFinal final_message = MakeClientFinal(password, bare, server_first);
  const bool ok = exchange.ClientFinal(final_message.message, &server_final, &error);
  CHECK(error.empty());
  if (ok) CHECK(server_final == final_message.expected_server_final);
  return ok;
}

}  // namespace

TEST_CASE("SCRAM verifiers have PostgreSQL's format and salts differ") {
  const std::string a = MakeScramVerifier("pencil");
  const std::string b = MakeScramVerifier("pencil");
  CHECK(a.rfind("SCRAM-SHA-256$4096:", 0) == 0);
  CHECK(IsScramVerifier(a));
  CHECK(a != b);
  CHECK(a.find("pencil") == std::string::npos);
  CHECK_FALSE(IsScramVerifier("pencil"));
  CHECK_FALSE(IsScramVerifier("SCRAM-SHA-256$4096:c2FsdA==$eA==:eA=="));  // short keys
  CHECK_FALSE(IsScramVerifier(""));
}

TEST_CASE("a SCRAM exchange accepts the password and refuses another") {
  const std::string verifier = MakeScramVerifier("pencil");
  CHECK(Login(verifier, "pencil"));
  CHECK_FALSE(Login(verifier, "pencil2"));
  CHECK_FALSE(Login(verifier, ""));
}

TEST_CASE("PostgreSQL 15's verifier for a known password works") {
  const std::string verifier =
      "SCRAM-SHA-256$4096:EsRXT9R1mPTxXDluG7rblw==$bKSj4HVgYV3O2t4NBYYxWprBZx1YRQsxvpFi/"
      "F2wLdA=:+/cuiCgj1b6gYjhuq0TsTSSK/Kr40d4BP4Ebr6UJ6K8=";
  CHECK(Login(verifier, "from postgres"));
  CHECK_FALSE(Login(verifier, "from postgreS"));
}

TEST_CASE("malformed SCRAM messages are protocol errors") {
  const std::string verifier = MakeScramVerifier("pencil");
  std::string reply, error;
  CHECK_FALSE(ScramExchange(verifier).ClientFirst("p=tls-server-end-point,,n=,r=x", &reply, &error));
  CHECK(error.find("channel binding") != std::string::npos);
  CHECK_FALSE(ScramExchange(verifier).ClientFirst("n,,r=x", &reply, &error));
  CHECK_FALSE(ScramExchange(verifier).ClientFirst("x", &reply, &error));

  ScramExchange exchange(verifier);
  REQUIRE(exchange.ClientFirst("n,,n=,r=abc", &reply, &error));
  // A different nonce, then a missing proof: errors, not a wrong password.
  CHECK_FALSE(exchange.ClientFinal("c=biws,r=abcX,p=" + B64(std::string(32, 'x')), &reply, &error));
  CHECK(error == "SCRAM nonce mismatch");
  CHECK_FALSE(exchange.ClientFinal("c=biws,r=" + Field(reply, 'r'), &reply, &error));
  CHECK(error == "malformed SCRAM message");
}
