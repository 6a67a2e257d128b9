// inet/cidr/macaddr/macaddr8 binary I/O (see binary_network.h).
#include "server/binary_network.h"

#include <cstdint>
#include <string>

#include "common/sql_error.h"
#include "sql/types/network_types.h"

namespace strata::server {

namespace {

std::string_view Take(std::string_view* in, size_t n) {
  if (n > in->size()) {
    throw SqlError(SqlState::kProtocolViolation, "insufficient data left in message");
  }
  const std::string_view bytes = in->substr(0, n);
  in->remove_prefix(n);
  return bytes;
}

uint8_t TakeByte(std::string_view* in) { return static_cast<uint8_t>(Take(in, 1)[0]); }

}  // namespace

void SendInetValue(const sql::Value& value, std::string* out) {
  const sql::net::InetAddr a = sql::net::DecodeInet(value.string_value());
  out->push_back(static_cast<char>(a.family));
  out->push_back(static_cast<char>(a.bits));
  out->push_back(value.type() == sql::net::kCidr ? 1 : 0);
  out->push_back(static_cast<char>(a.size()));
  out->append(reinterpret_cast<const char*>(a.addr), static_cast<size_t>(a.size()));
}

sql::Value RecvInetValue(std::string_view* in, sql::Oid type) {
  const std::string name = type == sql::net::kCidr ? "cidr" : "inet";
  sql::net::InetAddr a;
  a.family = TakeByte(in);
  if (a.family != sql::net::kFamilyInet4 && a.family != sql::net::kFamilyInet6) {
    throw SqlError(SqlState::kInvalidBinaryRepresentation,
                   "invalid address family in external \"" + name + "\" value");
  }
  const uint8_t bits = TakeByte(in);
  if (bits > a.max_bits()) {
    throw SqlError(SqlState::kInvalidBinaryRepresentation,
                   "invalid bits in external \"" + name + "\" value");
  }
  a.bits = bits;
  TakeByte(in);  // is_cidr: ignored, the type decides
  const uint8_t nb = TakeByte(in);
  if (nb != a.size()) {
    throw SqlError(SqlState::kInvalidBinaryRepresentation,
                   "invalid length in external \"" + name + "\" value");
  }
  const std::string_view addr = Take(in, nb);
  for (int i = 0; i < nb; ++i) a.addr[i] = static_cast<uint8_t>(addr[i]);
  if (type == sql::net::kCidr) {
    for (int i = 0; i < nb; ++i) {
      const int keep = a.bits - i * 8;
      const uint8_t mask =
          keep >= 8 ? 0xFF : (keep <= 0 ? 0 : static_cast<uint8_t>(0xFF << (8 - keep)));
      if ((a.addr[i] & ~mask) != 0) {
        throw SqlError(SqlState::kInvalidBinaryRepresentation, "invalid external \"cidr\" value")
            .WithDetail("Value has bits set to right of mask.");
      }
    }
  }
  return sql::Value::String(type, sql::net::EncodeInet(a));
}

void SendMacValue(const sql::Value& value, std::string* out) { out->append(value.string_value()); }

sql::Value RecvMacaddrValue(std::string_view* in, sql::Oid type) {
  return sql::Value::String(type, std::string(Take(in, 6)));
}

sql::Value RecvMacaddr8Value(std::string_view* in, sql::Oid type) {
  // macaddr8_recv takes 6 bytes as an EUI-48 address when that is all there is.
  if (in->size() == 6) {
    const std::string_view b = Take(in, 6);
    return sql::Value::String(type, std::string(b.substr(0, 3)) + "\xFF\xFE" +
                                        std::string(b.substr(3, 3)));
  }
  return sql::Value::String(type, std::string(Take(in, 8)));
}

}  // namespace strata::server
