// Bounded reads for the binary value decoders (binary_values.h), as
// PostgreSQL's pq_getmsg* read a typreceive buffer. Internal to protocol/.
//
// Unlike MessageReader, a short read here ends the statement, not the
// connection: it throws SqlError 08P01 "insufficient data left in message".
// Each function consumes from the front of *in only on success.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/coding.h"
#include "common/sql_error.h"

namespace strata::protocol::internal {

inline std::string_view TakeBytes(std::string_view* in, size_t n) {
  if (n > in->size()) {
    throw SqlError(SqlState::kProtocolViolation, "insufficient data left in message");
  }
  const std::string_view bytes = in->substr(0, n);
  in->remove_prefix(n);
  return bytes;
}

inline uint8_t TakeUInt8(std::string_view* in) {
  return static_cast<uint8_t>(TakeBytes(in, 1)[0]);
}
inline uint16_t TakeUInt16(std::string_view* in) {
  return DecodeBigEndian16(TakeBytes(in, 2).data());
}
inline uint32_t TakeUInt32(std::string_view* in) {
  return DecodeBigEndian32(TakeBytes(in, 4).data());
}
inline uint64_t TakeUInt64(std::string_view* in) {
  return DecodeBigEndian64(TakeBytes(in, 8).data());
}

// Every remaining byte.
inline std::string_view TakeRest(std::string_view* in) {
  const std::string_view rest = *in;
  in->remove_prefix(in->size());
  return rest;
}

}  // namespace strata::protocol::internal
