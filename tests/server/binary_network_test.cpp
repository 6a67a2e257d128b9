// Binary I/O of inet, cidr, macaddr, macaddr8 through the binary format
// table: PostgreSQL 15's inet_send/macaddr_send bytes (taken from a real
// server) and their receive functions' checks.
#include <catch2/catch.hpp>
#include <string>

#include "common/sql_error.h"
#include "server/binary_format.h"
#include "sql/types/network_types.h"
#include "sql/types/type_io.h"

namespace strata::server {
namespace {

using sql::Value;

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out += static_cast<char>(b);
  return out;
}

std::string Code(const SqlError& e) { return std::string(SqlStateCode(e.sqlstate())); }

TEST_CASE("network types go out as inet_send/macaddr_send do", "[binary_network]") {
  CHECK(SendBinaryValue(sql::InputValue(sql::net::kInet, "192.168.1.5/24")) ==
        Bytes({0x02, 0x18, 0x00, 0x04, 0xc0, 0xa8, 0x01, 0x05}));
  CHECK(SendBinaryValue(sql::InputValue(sql::net::kCidr, "10.0.0.0/8")) ==
        Bytes({0x02, 0x08, 0x01, 0x04, 0x0a, 0, 0, 0}));
  CHECK(SendBinaryValue(sql::InputValue(sql::net::kInet, "::1")) ==
        Bytes({0x03, 0x80, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
  CHECK(SendBinaryValue(sql::InputValue(sql::net::kMacaddr, "08:00:2b:01:02:03")) ==
        Bytes({0x08, 0x00, 0x2b, 0x01, 0x02, 0x03}));
  CHECK(SendBinaryValue(sql::InputValue(sql::net::kMacaddr8, "08:00:2b:01:02:03")) ==
        Bytes({0x08, 0x00, 0x2b, 0xff, 0xfe, 0x01, 0x02, 0x03}));
}

TEST_CASE("network types come back from binary parameters", "[binary_network]") {
  const Value inet = ReceiveBinaryParameter(
      sql::net::kInet, Bytes({0x02, 0x18, 0x00, 0x04, 0xc0, 0xa8, 0x01, 0x05}), 1);
  CHECK(sql::OutputValue(inet) == "192.168.1.5/24");
  const Value mac8 =
      ReceiveBinaryParameter(sql::net::kMacaddr8, Bytes({0x08, 0x00, 0x2b, 0x01, 0x02, 0x03}), 1);
  CHECK(sql::OutputValue(mac8) == "08:00:2b:ff:fe:01:02:03");
  try {
    ReceiveBinaryParameter(sql::net::kCidr, Bytes({0x02, 0x08, 0x01, 0x04, 0x0a, 1, 0, 0}), 1);
    FAIL("no error");
  } catch (const SqlError& e) {
    CHECK(Code(e) == "22P03");
    CHECK(std::string(e.what()) == "invalid external \"cidr\" value");
  }
  try {
    ReceiveBinaryParameter(sql::net::kInet, Bytes({0x07, 0x08, 0x01, 0x04, 0x0a, 1, 0, 0}), 1);
    FAIL("no error");
  } catch (const SqlError& e) {
    CHECK(std::string(e.what()) == "invalid address family in external \"inet\" value");
  }
}

}  // namespace
}  // namespace strata::server
