// The binary format table: Values out in PostgreSQL's typsend layout and back
// through typreceive, the leftover-bytes rule, and 0A000 for types without a
// row. Expected bytes are PostgreSQL 15's (int4send, numeric_send, ...).
#include <catch2/catch.hpp>
#include <string>

#include "common/sql_error.h"
#include "server/binary_format.h"
#include "sql/types/numeric.h"

namespace strata::server {
namespace {

using sql::Value;

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out += static_cast<char>(b);
  return out;
}

std::string Code(const SqlError& e) { return std::string(SqlStateCode(e.sqlstate())); }

TEST_CASE("values go out in PostgreSQL's binary layouts", "[binary_format]") {
  CHECK(SendBinaryValue(Value::Bool(true)) == Bytes({1}));
  CHECK(SendBinaryValue(Value::Int2(-2)) == Bytes({0xff, 0xfe}));
  CHECK(SendBinaryValue(Value::Int4(42)) == Bytes({0, 0, 0, 42}));
  CHECK(SendBinaryValue(Value::Int8(2)) == Bytes({0, 0, 0, 0, 0, 0, 0, 2}));
  CHECK(SendBinaryValue(Value::Float4(1.5f)) == Bytes({0x3f, 0xc0, 0, 0}));
  CHECK(SendBinaryValue(Value::Float8(-0.1)) ==
        Bytes({0xbf, 0xb9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a}));
  CHECK(SendBinaryValue(Value::Text("h\xc3\xa9")) == "h\xc3\xa9");
  CHECK(SendBinaryValue(Value::String(sql::type_oid::kVarchar, "a")) == "a");
  // -12.5: ndigits 2, weight 0, sign 0x4000, dscale 1, digits 12 5000
  CHECK(SendBinaryValue(Value::FromNumeric(sql::Numeric::Parse("-12.5"))) ==
        Bytes({0, 2, 0, 0, 0x40, 0, 0, 1, 0, 12, 0x13, 0x88}));
}

TEST_CASE("binary parameters come back as typed values", "[binary_format]") {
  for (const Value& v :
       {Value::Bool(false), Value::Int2(-300), Value::Int4(-7), Value::Int8(1LL << 40),
        Value::Float4(0.25f), Value::Float8(1e300), Value::Text("x y"),
        Value::String(sql::type_oid::kVarchar, "v")}) {
    const Value back = ReceiveBinaryParameter(v.type(), SendBinaryValue(v), 1);
    CHECK(back.type() == v.type());
    CHECK(SendBinaryValue(back) == SendBinaryValue(v));
  }
  const Value n = ReceiveBinaryParameter(
      sql::type_oid::kNumeric, Bytes({0, 2, 0, 0, 0, 0, 0, 4, 0x04, 0xd2, 0x15, 0xe0}), 1);
  CHECK(n.numeric_value().ToString() == "1234.5600");
}

TEST_CASE("binary parameter errors", "[binary_format]") {
  try {
    ReceiveBinaryParameter(sql::type_oid::kInt4, Bytes({0, 0, 0, 1, 1}), 2);
    FAIL("expected 22P03");
  } catch (const SqlError& e) {
    CHECK(Code(e) == "22P03");
    CHECK(e.fields().message == "incorrect binary data format in bind parameter 2");
  }
  try {
    ReceiveBinaryParameter(sql::type_oid::kInt8, Bytes({0, 0, 1}), 1);
    FAIL("expected 08P01");
  } catch (const SqlError& e) {
    CHECK(Code(e) == "08P01");
    CHECK(e.fields().message == "insufficient data left in message");
  }
  try {
    ReceiveBinaryParameter(sql::type_oid::kText, "a\xff", 1);
    FAIL("expected 22021");
  } catch (const SqlError& e) {
    CHECK(Code(e) == "22021");
  }
  CHECK(FindBinaryFormat(3614) == nullptr);  // tsvector: not a type we have
  try {
    ReceiveBinaryParameter(3614, Bytes({0, 0, 0, 0}), 1);
    FAIL("expected 0A000");
  } catch (const SqlError& e) {
    CHECK(Code(e) == "0A000");
  }
}

}  // namespace
}  // namespace strata::server
