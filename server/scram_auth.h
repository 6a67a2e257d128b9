// SCRAM-SHA-256 password authentication (RFC 5802 / RFC 7677) as PostgreSQL
// 15 speaks it (auth-scram.c): the server keeps only a verifier, never the
// password, in PostgreSQL's own format
//   SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>   (base64)
// so a verifier taken from PostgreSQL's pg_authid.rolpassword works here and
// ours works there. No channel binding (no TLS yet): a client asking for it
// ("p=" flag) is refused. The user name in the SCRAM messages is ignored, as
// PostgreSQL ignores it (the startup packet's user is the one checked).
#pragma once

#include <string>
#include <string_view>

#include "common/scram_verifier.h"

namespace strata::server {

// Making and recognising verifiers lives in common/ (CREATE ROLE ... PASSWORD
// makes them too).
using scram::IsScramVerifier;
using scram::MakeScramVerifier;

// One SCRAM exchange on the server side.
class ScramExchange {
 public:
  // REQUIRES: IsScramVerifier(verifier).
  explicit ScramExchange(std::string_view verifier);

  // client-first-message -> server-first-message. False (and *error, the
  // protocol violation) for a malformed message or channel binding.
  bool ClientFirst(std::string_view message, std::string* server_first, std::string* error);

  // client-final-message: true when its proof shows the client knows the
  // password; then *server_final is the server-final-message ("v=...").
  // False with an empty *error for a wrong password, with *error set for a
  // malformed message.
  bool ClientFinal(std::string_view message, std::string* server_final, std::string* error);

 private:
  int iterations_ = 0;
  std::string salt_;        // raw bytes
  std::string stored_key_;  // raw SHA-256 digest
  std::string server_key_;  // raw
  std::string client_first_bare_;
  std::string server_first_;
  std::string gs2_header_;
  std::string nonce_;  // client nonce + server nonce
};

}  // namespace strata::server
