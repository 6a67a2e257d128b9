// PostgreSQL v3 wire protocol codec: pure functions over bytes, no sockets.
//
// Frontend (client -> server) messages are decoded incrementally by
// MessageDecoder; backend (server -> client) messages are appended to an output
// buffer by the Append* encoders. All integers on the wire are big-endian.
// Reference: PostgreSQL 15 docs, "Frontend/Backend Protocol" (protocol-message-formats).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/sql_error.h"

namespace strata::protocol {

// Startup-phase request codes (the int32 after the length).
inline constexpr uint32_t kProtocolVersion3 = 196608;        // 3.0
inline constexpr uint32_t kCancelRequestCode = 80877102;
inline constexpr uint32_t kSSLRequestCode = 80877103;
inline constexpr uint32_t kGSSENCRequestCode = 80877104;
// Largest message we accept; bigger lengths are a protocol violation (08P01).
inline constexpr uint32_t kDefaultMaxMessageBytes = 1u << 30;
inline constexpr uint32_t kMaxStartupPacketBytes = 10000;  // PostgreSQL's MAX_STARTUP_PACKET_LENGTH

// A violation of the wire protocol: the session answers ErrorResponse 08P01
// with this message and closes the connection. (Body parsers of typed
// messages after startup are milder in PostgreSQL -- ERROR, connection kept;
// see README.md.)
struct ProtocolError {
  std::string message;
};

enum class StartupKind { kStartup, kSSLRequest, kGSSENCRequest, kCancelRequest };

struct StartupPacket {
  StartupKind kind = StartupKind::kStartup;
  uint32_t protocol_version = 0;
  // Startup parameters in the order sent ("user", "database", "application_name", ...).
  std::vector<std::pair<std::string, std::string>> parameters;
  // CancelRequest only.
  int32_t cancel_pid = 0;
  int32_t cancel_key = 0;

  // Value of a startup parameter, or nullopt. A name sent twice yields the
  // last value, as PostgreSQL applies them in order.
  std::optional<std::string> Get(std::string_view name) const;
};

// A typed frontend message: the type byte and the body after the length word.
struct FrontendMessage {
  char type = 0;      // 'Q' Query, 'X' Terminate, 'p' PasswordMessage, 'P' Parse, ...
  std::string body;   // bytes after the int32 length
};

// Decodes a byte stream into startup packets (untyped, first phase) and then
// typed messages. Feed bytes with Append(); call the Next* matching the phase.
// Each Next* returns:
//   - a value when a whole message is buffered (consumed from the buffer),
//   - std::nullopt when more bytes are needed,
//   - and throws ProtocolError for malformed or oversized input. A length word
//     is checked as soon as it is buffered, so an oversized message throws
//     without waiting for its body. After a throw the stream has lost framing:
//     answer 08P01 and close the connection; do not call Next* again.
// Not thread-safe: one decoder per connection, used by one thread at a time.
class MessageDecoder {
 public:
  explicit MessageDecoder(uint32_t max_message_bytes = kDefaultMaxMessageBytes)
      : max_message_bytes_(max_message_bytes) {}

  void Append(const char* data, size_t size) { buffer_.append(data, size); }
  std::optional<StartupPacket> NextStartup();
  std::optional<FrontendMessage> NextMessage();
  size_t buffered_bytes() const { return buffer_.size() - consumed_; }

 private:
  void Compact();
  std::string buffer_;
  size_t consumed_ = 0;
  uint32_t max_message_bytes_;
};

// Parses one whole startup packet (length word included), as NextStartup does
// once the packet is buffered. Throws ProtocolError.
StartupPacket ParseStartupPacket(std::string_view packet);

// Body parsers for typed messages. Throw ProtocolError on malformed bodies
// (missing terminator, trailing bytes, negative lengths ...).
std::string ParseQuery(const FrontendMessage& msg);            // 'Q': the query string
std::string ParsePasswordMessage(const FrontendMessage& msg);  // 'p': the password
// 'p' as SASLInitialResponse: the mechanism chosen and the client's first
// message (empty when its length is -1).
struct SaslInitialResponse {
  std::string mechanism;
  std::string data;
};
SaslInitialResponse ParseSaslInitialResponse(const FrontendMessage& msg);
// 'p' as SASLResponse: the whole body is the mechanism's data.
inline std::string_view SaslResponseData(const FrontendMessage& msg) { return msg.body; }

// A column of a RowDescription.
struct FieldDescription {
  std::string name;
  uint32_t table_oid = 0;
  int16_t column_attnum = 0;
  uint32_t type_oid = 0;
  int16_t type_size = 0;   // pg_type.typlen
  int32_t type_modifier = -1;
  int16_t format = 0;      // 0 text, 1 binary
};

// Backend message encoders: each appends one complete message to *out.
// Wire strings are NUL-terminated, so a string argument is written up to its
// first NUL byte (SQL text never contains NUL; truncating keeps the framing).
// DataRow values are length-prefixed and may hold any bytes.
void AppendAuthenticationOk(std::string* out);
void AppendAuthenticationCleartextPassword(std::string* out);
// AuthenticationMD5Password (5) with the 4-byte salt the client hashes in.
void AppendAuthenticationMd5Password(std::string* out, const std::array<char, 4>& salt);
// AuthenticationSASL (10) offering `mechanism`, then SASLContinue (11) and
// SASLFinal (12) carrying the mechanism's server messages.
void AppendAuthenticationSasl(std::string* out, std::string_view mechanism);
void AppendAuthenticationSaslContinue(std::string* out, std::string_view data);
void AppendAuthenticationSaslFinal(std::string* out, std::string_view data);
void AppendParameterStatus(std::string* out, std::string_view name, std::string_view value);
void AppendBackendKeyData(std::string* out, int32_t pid, int32_t secret_key);
void AppendReadyForQuery(std::string* out, char transaction_status);
void AppendRowDescription(std::string* out, const std::vector<FieldDescription>& fields);
// nullopt = SQL NULL (length -1).
void AppendDataRow(std::string* out, const std::vector<std::optional<std::string>>& values);
void AppendCommandComplete(std::string* out, std::string_view tag);
void AppendEmptyQueryResponse(std::string* out);
// ErrorResponse ('E') or NoticeResponse ('N') with every non-empty field:
// S (localized severity), V (severity), C (SQLSTATE), M, D, H, P, W, F, L, R.
void AppendErrorResponse(std::string* out, const SqlErrorFields& error);
void AppendNoticeResponse(std::string* out, const SqlErrorFields& notice,
                          std::string_view severity = "NOTICE");
// NotificationResponse ('A'): a NOTIFY delivered to a listening session, from
// the backend with process id `pid`.
void AppendNotificationResponse(std::string* out, int32_t pid, std::string_view channel,
                                std::string_view payload);
// The single byte answering SSLRequest/GSSENCRequest: 'N' (not supported) or 'S'.
void AppendSslResponse(std::string* out, char answer);
// NegotiateProtocolVersion ('v'): the answer to a 3.x startup with x > 0 or with
// "_pq_." options we do not know: the newest 3.x minor we speak (0) and the
// option names we ignored.
void AppendNegotiateProtocolVersion(std::string* out, int32_t newest_minor_version,
                                    const std::vector<std::string>& unrecognized_options);

}  // namespace strata::protocol
