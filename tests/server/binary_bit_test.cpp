// Binary I/O of bit and bit varying through the binary format table
// (bit_send/bit_recv: int32 length, packed bits), and the pure conversions
// of sql/types/bit_string.h that it and the casts rest on.
#include <catch2/catch.hpp>
#include <string>

#include "common/sql_error.h"
#include "server/binary_format.h"
#include "sql/types/bit_string.h"
#include "sql/types/type_io.h"

namespace strata::server {
namespace {

using sql::Value;
namespace bits = sql::bits;

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out += static_cast<char>(b);
  return out;
}

std::string Code(const SqlError& e) { return std::string(SqlStateCode(e.sqlstate())); }

Value Recv(sql::Oid type, const std::string& bytes) {
  std::string_view in = bytes;
  return FindBinaryFormat(type)->receive(&in, type);
}

TEST_CASE("bit strings go out as bit_send does", "[binary_bit]") {
  CHECK(SendBinaryValue(sql::InputValue(bits::kBit, "1010")) == Bytes({0, 0, 0, 4, 0xa0}));
  CHECK(SendBinaryValue(sql::InputValue(bits::kVarbit, "x1F")) == Bytes({0, 0, 0, 8, 0x1f}));
  CHECK(SendBinaryValue(sql::InputValue(bits::kVarbit, "")) == Bytes({0, 0, 0, 0}));
  CHECK(SendBinaryValue(sql::InputValue(bits::kBit, "111111111")) ==
        Bytes({0, 0, 0, 9, 0xff, 0x80}));
}

TEST_CASE("bit_recv reads the length and drops the padding bits", "[binary_bit]") {
  CHECK(Recv(bits::kBit, Bytes({0, 0, 0, 4, 0xa0})).string_value() == "1010");
  CHECK(Recv(bits::kVarbit, Bytes({0, 0, 0, 3, 0xff})).string_value() == "111");
  CHECK(Recv(bits::kVarbit, Bytes({0, 0, 0, 0})).string_value().empty());
  try {
    Recv(bits::kBit, Bytes({0xff, 0xff, 0xff, 0xff}));
    FAIL("negative length accepted");
  } catch (const SqlError& e) {
    CHECK(Code(e) == "22P03");
  }
  try {
    Recv(bits::kBit, Bytes({0, 0, 0, 9, 0xff}));
    FAIL("short message accepted");
  } catch (const SqlError& e) {
    CHECK(Code(e) == "08P01");
  }
}

TEST_CASE("bit_in reads binary and hex digits", "[binary_bit]") {
  CHECK(bits::ParseBitString("b0101") == "0101");
  CHECK(bits::ParseBitString("X0f") == "00001111");
  CHECK(bits::ParseBitString("") == "");
  try {
    bits::ParseBitString("10é");
    FAIL("bad digit accepted");
  } catch (const SqlError& e) {
    CHECK(Code(e) == "22P02");
    CHECK(e.fields().message == "\"é\" is not a valid binary digit");
  }
}

TEST_CASE("integers convert to and from bit(n) as bitfromint4/bittoint4", "[binary_bit]") {
  CHECK(bits::BitFromInteger(5, 32, 8) == "00000101");
  CHECK(bits::BitFromInteger(5, 32, -1) == "1");
  CHECK(bits::BitFromInteger(-1, 32, 4) == "1111");
  CHECK(bits::BitFromInteger(-2, 32, 34) == std::string(33, '1') + "0");
  CHECK(bits::BitFromInteger(1, 32, 34) == std::string(33, '0') + "1");
  CHECK(bits::BitFromInteger(INT64_MIN, 64, 65) == "11" + std::string(63, '0'));
  CHECK(bits::BitToInteger("1010", 32) == 10);
  CHECK(bits::BitToInteger(std::string(32, '1'), 32) == -1);
  CHECK(bits::BitToInteger("1" + std::string(63, '0'), 64) == INT64_MIN);
  CHECK(bits::BitToInteger("", 32) == 0);
  CHECK_THROWS_AS(bits::BitToInteger(std::string(33, '0'), 32), SqlError);
}

TEST_CASE("bit typmods pad, truncate or reject", "[binary_bit]") {
  const Value b = Value::String(bits::kBit, "101");
  CHECK(bits::ApplyBitTypmod(b, 5, true).string_value() == "10100");
  CHECK(bits::ApplyBitTypmod(b, 2, true).string_value() == "10");
  CHECK(bits::ApplyBitTypmod(b, 3, false).string_value() == "101");
  CHECK_THROWS_AS(bits::ApplyBitTypmod(b, 4, false), SqlError);
  const Value v = Value::String(bits::kVarbit, "101");
  CHECK(bits::ApplyBitTypmod(v, 5, false).string_value() == "101");
  CHECK(bits::ApplyBitTypmod(v, 2, true).string_value() == "10");
  CHECK_THROWS_AS(bits::ApplyBitTypmod(v, 2, false), SqlError);
}

}  // namespace
}  // namespace strata::server
