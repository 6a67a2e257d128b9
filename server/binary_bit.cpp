// bit/varbit binary I/O (see binary_bit.h).
#include "server/binary_bit.h"

#include <cstdint>
#include <string>

#include "common/sql_error.h"
#include "protocol/binary_values.h"
#include "sql/types/bit_string.h"

namespace strata::server {

void SendBitValue(const sql::Value& value, std::string* out) {
  const std::string& bits = value.string_value();
  protocol::SendInt4(out, static_cast<int32_t>(bits.size()));
  out->append(sql::bits::PackBits(bits));
}

sql::Value RecvBitValue(std::string_view* in, sql::Oid type) {
  const int32_t length = protocol::RecvInt4(in);
  // VARBITMAXLEN: what fits in a 1 GB varlena.
  constexpr int64_t kMaxBits = (int64_t{0x3FFFFFFF} - 8) * 8;
  if (length < 0 || length > kMaxBits) {
    throw SqlError(SqlState::kInvalidBinaryRepresentation,
                   "invalid length in external bit string");
  }
  const size_t bytes = (static_cast<size_t>(length) + 7) / 8;
  if (bytes > in->size()) {
    throw SqlError(SqlState::kProtocolViolation, "insufficient data left in message");
  }
  // Unpacking drops whatever the padding bits of the last byte held.
  sql::Value v = sql::Value::String(type, sql::bits::UnpackBits(in->substr(0, bytes), length));
  in->remove_prefix(bytes);
  return v;
}

}  // namespace strata::server
