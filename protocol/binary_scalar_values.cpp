// Binary send/recv for the fixed-width and string types: bool, int2/4/8,
// float4/8, text (varchar, bpchar, json), bytea and jsonb; and the caller's
// leftover-bytes check. Layouts and error rules: binary_values.h.
#include <bit>
#include <string>

#include "common/coding.h"
#include "common/sql_error.h"
#include "protocol/binary_input.h"
#include "protocol/binary_values.h"
#include "protocol/utf8_verify.h"

namespace strata::protocol {

using internal::TakeRest;
using internal::TakeUInt16;
using internal::TakeUInt32;
using internal::TakeUInt64;
using internal::TakeUInt8;

void CheckBinaryValueConsumed(std::string_view rest, int parameter_number) {
  if (rest.empty()) return;
  // postgres.c exec_bind_message / copyfromparse.c CopyReadBinaryAttribute.
  std::string message = "incorrect binary data format";
  if (parameter_number > 0) message += " in bind parameter " + std::to_string(parameter_number);
  throw SqlError(SqlState::kInvalidBinaryRepresentation, std::move(message));
}

void SendBool(std::string* out, bool value) { out->push_back(value ? '\1' : '\0'); }

bool RecvBool(std::string_view* in) {
  // boolrecv reads with pq_getmsgbyte, whose short-read text differs.
  if (in->empty()) throw SqlError(SqlState::kProtocolViolation, "no data left in message");
  return TakeUInt8(in) != 0;
}

void SendInt2(std::string* out, int16_t value) {
  PutBigEndian16(out, static_cast<uint16_t>(value));
}
int16_t RecvInt2(std::string_view* in) { return static_cast<int16_t>(TakeUInt16(in)); }

void SendInt4(std::string* out, int32_t value) {
  PutBigEndian32(out, static_cast<uint32_t>(value));
}
int32_t RecvInt4(std::string_view* in) { return static_cast<int32_t>(TakeUInt32(in)); }

void SendInt8(std::string* out, int64_t value) {
  PutBigEndian64(out, static_cast<uint64_t>(value));
}
int64_t RecvInt8(std::string_view* in) { return static_cast<int64_t>(TakeUInt64(in)); }

void SendFloat4(std::string* out, float value) {
  PutBigEndian32(out, std::bit_cast<uint32_t>(value));
}
float RecvFloat4(std::string_view* in) { return std::bit_cast<float>(TakeUInt32(in)); }

void SendFloat8(std::string* out, double value) {
  PutBigEndian64(out, std::bit_cast<uint64_t>(value));
}
double RecvFloat8(std::string_view* in) { return std::bit_cast<double>(TakeUInt64(in)); }

void SendText(std::string* out, std::string_view text) { out->append(text); }

std::string RecvText(std::string_view* in) {
  const std::string_view text = *in;
  VerifyUtf8(text);  // before consuming, so a failed read leaves *in alone
  TakeRest(in);
  return std::string(text);
}

void SendBytea(std::string* out, std::string_view bytes) { out->append(bytes); }
std::string RecvBytea(std::string_view* in) { return std::string(TakeRest(in)); }

void SendJsonb(std::string* out, std::string_view json_text) {
  out->push_back(static_cast<char>(kJsonbVersion));
  out->append(json_text);
}

std::string RecvJsonb(std::string_view* in) {
  std::string_view rest = *in;
  const uint8_t version = TakeUInt8(&rest);
  if (version != kJsonbVersion) {
    // jsonb_recv raises this with elog(), hence internal_error.
    throw SqlError(SqlState::kInternalError,
                   "unsupported jsonb version number " + std::to_string(version));
  }
  std::string text = RecvText(&rest);
  *in = rest;
  return text;
}

}  // namespace strata::protocol
