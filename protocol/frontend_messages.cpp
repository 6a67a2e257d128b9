// Body parsers for typed frontend messages (Query, PasswordMessage).
//
// Query ('Q'):           String query
// PasswordMessage ('p'): String password (cleartext or "md5..." hash)
// SASLInitialResponse ('p'): String mechanism, Int32 length (-1: none), Byte[n]
// Bodies must end exactly at the string's terminator.
#include <cassert>

#include "protocol/message_reader.h"
#include "protocol/messages.h"

namespace strata::protocol {

std::string ParseQuery(const FrontendMessage& msg) {
  assert(msg.type == 'Q');
  MessageReader reader(msg.body);
  std::string query(reader.ReadCString());
  reader.ExpectEnd();
  return query;
}

std::string ParsePasswordMessage(const FrontendMessage& msg) {
  assert(msg.type == 'p');
  // PostgreSQL checks strlen(body) + 1 == length and reports one error for
  // both a missing terminator and trailing bytes (auth.c recv_password_packet).
  const size_t nul = msg.body.find('\0');
  if (nul == std::string::npos || nul + 1 != msg.body.size()) {
    throw ProtocolError{"invalid password packet size"};
  }
  return msg.body.substr(0, nul);
}

SaslInitialResponse ParseSaslInitialResponse(const FrontendMessage& msg) {
  assert(msg.type == 'p');
  MessageReader reader(msg.body);
  SaslInitialResponse out;
  out.mechanism = std::string(reader.ReadCString());
  const int32_t length = reader.ReadInt32();
  if (length > 0) out.data = std::string(reader.ReadBytes(static_cast<size_t>(length)));
  reader.ExpectEnd();
  return out;
}

}  // namespace strata::protocol
