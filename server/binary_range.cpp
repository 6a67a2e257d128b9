// Range and multirange binary I/O (see binary_range.h).
#include "server/binary_range.h"

#include <cstdint>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "protocol/binary_values.h"
#include "server/binary_format.h"
#include "sql/types/range_value.h"

namespace strata::server {

namespace {

constexpr uint8_t kEmpty = 0x01;
constexpr uint8_t kLowerInc = 0x02;
constexpr uint8_t kUpperInc = 0x04;
constexpr uint8_t kLowerInf = 0x08;
constexpr uint8_t kUpperInf = 0x10;

void SendRange(const sql::RangeValue& r, std::string* out) {
  uint8_t flags = 0;
  if (r.empty) {
    flags = kEmpty;
  } else {
    if (r.lower_inc) flags |= kLowerInc;
    if (r.upper_inc) flags |= kUpperInc;
    if (r.lower.is_null()) flags |= kLowerInf;
    if (r.upper.is_null()) flags |= kUpperInf;
  }
  out->push_back(static_cast<char>(flags));
  for (const sql::Value* bound : {&r.lower, &r.upper}) {
    if (r.empty || bound->is_null()) continue;
    const std::string bytes = SendBinaryValue(*bound);
    protocol::SendInt4(out, static_cast<int32_t>(bytes.size()));
    out->append(bytes);
  }
}

std::string_view TakeBytes(std::string_view* in, int32_t length) {
  if (length < 0 || static_cast<size_t>(length) > in->size()) {
    throw SqlError(SqlState::kProtocolViolation, "insufficient data left in message");
  }
  std::string_view bytes = in->substr(0, static_cast<size_t>(length));
  in->remove_prefix(static_cast<size_t>(length));
  return bytes;
}

sql::Value RecvBound(std::string_view* in, sql::Oid subtype) {
  std::string_view bytes = TakeBytes(in, protocol::RecvInt4(in));
  const BinaryFormat* format = FindBinaryFormat(subtype);
  sql::Value v = format->receive(&bytes, subtype);
  if (!bytes.empty()) {
    throw SqlError(SqlState::kInvalidBinaryRepresentation,
                   "improper binary format in range bound");
  }
  return v;
}

sql::Value RecvRange(std::string_view* in, sql::Oid range_type) {
  const sql::Oid subtype = sql::FindRangeType(range_type)->subtype;
  if (in->empty()) throw SqlError(SqlState::kProtocolViolation, "insufficient data left in message");
  const auto flags = static_cast<uint8_t>(in->front());
  in->remove_prefix(1);
  if ((flags & kEmpty) != 0) return sql::EmptyRange(range_type);
  sql::Value lower = sql::Value::Null(subtype);
  sql::Value upper = sql::Value::Null(subtype);
  if ((flags & kLowerInf) == 0) lower = RecvBound(in, subtype);
  if ((flags & kUpperInf) == 0) upper = RecvBound(in, subtype);
  return sql::MakeRange(range_type, std::move(lower), std::move(upper), (flags & kLowerInc) != 0,
                        (flags & kUpperInc) != 0);
}

}  // namespace

void SendRangeValue(const sql::Value& value, std::string* out) {
  SendRange(value.range_value(), out);
}

sql::Value RecvRangeValue(std::string_view* in, sql::Oid type) { return RecvRange(in, type); }

void SendMultirangeValue(const sql::Value& value, std::string* out) {
  const std::vector<sql::RangeValue>& ranges = value.multirange_value().ranges;
  protocol::SendInt4(out, static_cast<int32_t>(ranges.size()));
  for (const sql::RangeValue& r : ranges) {
    std::string bytes;
    SendRange(r, &bytes);
    protocol::SendInt4(out, static_cast<int32_t>(bytes.size()));
    out->append(bytes);
  }
}

sql::Value RecvMultirangeValue(std::string_view* in, sql::Oid type) {
  const sql::Oid range_type = sql::FindRangeType(type)->range;
  const int32_t count = protocol::RecvInt4(in);
  if (count < 0) {
    throw SqlError(SqlState::kInvalidBinaryRepresentation, "invalid multirange range count");
  }
  std::vector<sql::RangeValue> ranges;
  for (int32_t i = 0; i < count; ++i) {
    std::string_view bytes = TakeBytes(in, protocol::RecvInt4(in));
    sql::Value r = RecvRange(&bytes, range_type);
    if (!bytes.empty()) {
      throw SqlError(SqlState::kInvalidBinaryRepresentation, "improper binary format in range");
    }
    ranges.push_back(r.range_value());
  }
  return sql::MakeMultirange(type, std::move(ranges));
}

}  // namespace strata::server
