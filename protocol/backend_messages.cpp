// Encoders for backend messages other than ErrorResponse/NoticeResponse.
//
// Wire formats (PostgreSQL 15 "Message Formats"; Int32 length counts itself
// and the body, never the type byte):
//   AuthenticationOk                'R' len=8  Int32 0
//   AuthenticationCleartextPassword 'R' len=8  Int32 3
//   ParameterStatus                 'S' String name, String value
//   BackendKeyData                  'K' len=12 Int32 pid, Int32 secret key
//   ReadyForQuery                   'Z' len=5  Byte1 status ('I', 'T', 'E')
//   RowDescription                  'T' Int16 n, then per field: String name,
//                                       Int32 table oid, Int16 attnum, Int32 type oid,
//                                       Int16 typlen, Int32 typmod, Int16 format
//   DataRow                         'D' Int16 n, then per value: Int32 len (-1 =
//                                       NULL) and len bytes
//   CommandComplete                 'C' String tag
//   EmptyQueryResponse              'I' len=4
//   NotificationResponse            'A' Int32 pid, String channel, String payload
//   NegotiateProtocolVersion        'v' Int32 newest minor, Int32 n, n x String
//   SSL/GSSENC answer               one raw byte, no header
#include <cassert>
#include <limits>

#include "protocol/message_writer.h"
#include "protocol/messages.h"

namespace strata::protocol {
namespace {

// AuthenticationRequest codes, fixed by the protocol.
constexpr int32_t kAuthOk = 0;
constexpr int32_t kAuthCleartextPassword = 3;
constexpr int32_t kAuthMd5Password = 5;
constexpr int32_t kAuthSasl = 10;
constexpr int32_t kAuthSaslContinue = 11;
constexpr int32_t kAuthSaslFinal = 12;

void AppendAuthentication(std::string* out, int32_t code) {
  const size_t start = BeginMessage(out, 'R');
  PutInt32(out, code);
  EndMessage(out, start);
}

}  // namespace

void AppendAuthenticationOk(std::string* out) { AppendAuthentication(out, kAuthOk); }

void AppendAuthenticationCleartextPassword(std::string* out) {
  AppendAuthentication(out, kAuthCleartextPassword);
}

void AppendAuthenticationMd5Password(std::string* out, const std::array<char, 4>& salt) {
  const size_t start = BeginMessage(out, 'R');
  PutInt32(out, kAuthMd5Password);
  out->append(salt.data(), salt.size());
  EndMessage(out, start);
}

void AppendAuthenticationSasl(std::string* out, std::string_view mechanism) {
  const size_t start = BeginMessage(out, 'R');
  PutInt32(out, kAuthSasl);
  PutCString(out, mechanism);
  out->push_back('\0');  // the list ends with an empty name
  EndMessage(out, start);
}

void AppendAuthenticationSaslContinue(std::string* out, std::string_view data) {
  const size_t start = BeginMessage(out, 'R');
  PutInt32(out, kAuthSaslContinue);
  out->append(data);
  EndMessage(out, start);
}

void AppendAuthenticationSaslFinal(std::string* out, std::string_view data) {
  const size_t start = BeginMessage(out, 'R');
  PutInt32(out, kAuthSaslFinal);
  out->append(data);
  EndMessage(out, start);
}

void AppendParameterStatus(std::string* out, std::string_view name, std::string_view value) {
  const size_t start = BeginMessage(out, 'S');
  PutCString(out, name);
  PutCString(out, value);
  EndMessage(out, start);
}

void AppendBackendKeyData(std::string* out, int32_t pid, int32_t secret_key) {
  const size_t start = BeginMessage(out, 'K');
  PutInt32(out, pid);
  PutInt32(out, secret_key);
  EndMessage(out, start);
}

void AppendReadyForQuery(std::string* out, char transaction_status) {
  assert(transaction_status == 'I' || transaction_status == 'T' || transaction_status == 'E');
  const size_t start = BeginMessage(out, 'Z');
  out->push_back(transaction_status);
  EndMessage(out, start);
}

void AppendRowDescription(std::string* out, const std::vector<FieldDescription>& fields) {
  assert(fields.size() <= static_cast<size_t>(std::numeric_limits<int16_t>::max()));
  const size_t start = BeginMessage(out, 'T');
  PutInt16(out, static_cast<int16_t>(fields.size()));
  for (const FieldDescription& field : fields) {
    PutCString(out, field.name);
    PutBigEndian32(out, field.table_oid);
    PutInt16(out, field.column_attnum);
    PutBigEndian32(out, field.type_oid);
    PutInt16(out, field.type_size);
    PutInt32(out, field.type_modifier);
    PutInt16(out, field.format);
  }
  EndMessage(out, start);
}

void AppendDataRow(std::string* out, const std::vector<std::optional<std::string>>& values) {
  assert(values.size() <= static_cast<size_t>(std::numeric_limits<int16_t>::max()));
  const size_t start = BeginMessage(out, 'D');
  PutInt16(out, static_cast<int16_t>(values.size()));
  for (const std::optional<std::string>& value : values) {
    if (!value.has_value()) {
      PutInt32(out, -1);
      continue;
    }
    assert(value->size() <= static_cast<size_t>(std::numeric_limits<int32_t>::max()));
    PutInt32(out, static_cast<int32_t>(value->size()));
    out->append(*value);
  }
  EndMessage(out, start);
}

void AppendCommandComplete(std::string* out, std::string_view tag) {
  const size_t start = BeginMessage(out, 'C');
  PutCString(out, tag);
  EndMessage(out, start);
}

void AppendEmptyQueryResponse(std::string* out) {
  EndMessage(out, BeginMessage(out, 'I'));
}

void AppendNotificationResponse(std::string* out, int32_t pid, std::string_view channel,
                                std::string_view payload) {
  const size_t start = BeginMessage(out, 'A');
  PutInt32(out, pid);
  PutCString(out, channel);
  PutCString(out, payload);
  EndMessage(out, start);
}

void AppendSslResponse(std::string* out, char answer) { out->push_back(answer); }

void AppendNegotiateProtocolVersion(std::string* out, int32_t newest_minor_version,
                                    const std::vector<std::string>& unrecognized_options) {
  const size_t start = BeginMessage(out, 'v');
  PutInt32(out, newest_minor_version);
  PutInt32(out, static_cast<int32_t>(unrecognized_options.size()));
  for (const std::string& option : unrecognized_options) PutCString(out, option);
  EndMessage(out, start);
}

}  // namespace strata::protocol
