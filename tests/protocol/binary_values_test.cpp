// Binary value codecs. Every hex string marked "PostgreSQL 15" came from a real
// PostgreSQL 15.20: encodings from its *_send functions (numeric_send,
// timestamp_send, date_send, time_send, interval_send, uuid_send, float8send,
// ..., shown by psql as bytea hex), decoded texts and error messages from
// binding the same bytes as a binary parameter of "select $1::<type>::text".
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>

#include "protocol/binary_values.h"
#include "protocol/utf8_verify.h"
#include "tests/protocol/protocol_test_util.h"

using namespace strata;
using namespace strata::protocol;
using namespace strata::protocol::testing;

namespace {

// Encodes with `send` and returns the bytes as hex.
template <typename T>
std::string SentHex(void (*send)(std::string*, T), T value) {
  std::string out;
  send(&out, value);
  return ToHex(out);
}

// Decodes the whole of `hex` with `recv`, requiring that it consumes everything.
template <typename Recv>
auto Received(Recv recv, std::string_view hex) {
  const std::string bytes = FromHex(hex);
  std::string_view in = bytes;
  auto value = recv(&in);
  CHECK(in.empty());
  return value;
}

// The SqlError `recv` raises for `bytes`; *in must be left unchanged.
template <typename Recv>
std::string RecvErrorOf(Recv recv, const std::string& bytes) {
  std::string_view in = bytes;
  std::string error = SqlErrorOf([&] { recv(&in); });
  CHECK(in.size() == bytes.size());
  return error;
}

std::string NumericHex(std::string_view text) {
  std::string out;
  SendNumeric(&out, text);
  return ToHex(out);
}

}  // namespace

// --------------------------------------------------------- leftover bytes

TEST_CASE("CheckBinaryValueConsumed words the error per context (PostgreSQL 15)") {
  CheckBinaryValueConsumed("", 1);
  CheckBinaryValueConsumed("", 0);
  CHECK(SqlErrorOf([] { CheckBinaryValueConsumed("x", 1); }) ==
        "22P03 incorrect binary data format in bind parameter 1");
  CHECK(SqlErrorOf([] { CheckBinaryValueConsumed("x", 12); }) ==
        "22P03 incorrect binary data format in bind parameter 12");
  // COPY ... FROM STDIN (FORMAT binary) with a 5-byte int4 field.
  CHECK(SqlErrorOf([] { CheckBinaryValueConsumed("x", 0); }) ==
        "22P03 incorrect binary data format");
}

TEST_CASE("Recv reads a value from the front and leaves the rest") {
  const std::string bytes = FromHex("00000005 00");
  std::string_view in = bytes;
  CHECK(RecvInt4(&in) == 5);
  CHECK(in.size() == 1);
  // Binding those 5 bytes as int4 parameter 1 is an error in PostgreSQL 15.
  CHECK(SqlErrorOf([&] { CheckBinaryValueConsumed(in, 1); }) ==
        "22P03 incorrect binary data format in bind parameter 1");
}

// ------------------------------------------------------------------- bool

TEST_CASE("bool (PostgreSQL 15)") {
  CHECK(SentHex(SendBool, true) == "01");
  CHECK(SentHex(SendBool, false) == "00");
  CHECK(Received(RecvBool, "01") == true);
  CHECK(Received(RecvBool, "00") == false);
  CHECK(Received(RecvBool, "02") == true);  // any nonzero byte
  CHECK(RecvErrorOf(RecvBool, "") == "08P01 no data left in message");
}

// --------------------------------------------------------------- integers

TEST_CASE("int2, int4, int8 (PostgreSQL 15)") {
  CHECK(SentHex<int16_t>(SendInt2, -2) == "fffe");
  CHECK(SentHex<int16_t>(SendInt2, 32767) == "7fff");
  CHECK(SentHex<int16_t>(SendInt2, -32768) == "8000");
  CHECK(SentHex<int32_t>(SendInt4, -2) == "fffffffe");
  CHECK(SentHex<int32_t>(SendInt4, 2147483647) == "7fffffff");
  CHECK(SentHex<int32_t>(SendInt4, std::numeric_limits<int32_t>::min()) == "80000000");
  CHECK(SentHex<int64_t>(SendInt8, -2) == "fffffffffffffffe");
  CHECK(SentHex<int64_t>(SendInt8, std::numeric_limits<int64_t>::max()) == "7fffffffffffffff");
  CHECK(SentHex<int64_t>(SendInt8, std::numeric_limits<int64_t>::min()) == "8000000000000000");
  CHECK(Received(RecvInt2, "fffe") == -2);
  CHECK(Received(RecvInt4, "80000000") == std::numeric_limits<int32_t>::min());
  CHECK(Received(RecvInt8, "0000000100000002") == 0x100000002);
  CHECK(RecvErrorOf(RecvInt2, FromHex("01")) == "08P01 insufficient data left in message");
  CHECK(RecvErrorOf(RecvInt4, FromHex("000005")) == "08P01 insufficient data left in message");
  CHECK(RecvErrorOf(RecvInt8, FromHex("00000001")) == "08P01 insufficient data left in message");
}

// ----------------------------------------------------------------- floats

TEST_CASE("float8 (PostgreSQL 15)") {
  CHECK(SentHex(SendFloat8, 1.5) == "3ff8000000000000");
  CHECK(SentHex(SendFloat8, -0.0) == "8000000000000000");
  CHECK(SentHex(SendFloat8, std::numeric_limits<double>::quiet_NaN()) == "7ff8000000000000");
  CHECK(SentHex(SendFloat8, std::numeric_limits<double>::infinity()) == "7ff0000000000000");
  CHECK(SentHex(SendFloat8, -std::numeric_limits<double>::infinity()) == "fff0000000000000");
  CHECK(SentHex(SendFloat8, 1e308) == "7fe1ccf385ebc8a0");
  CHECK(SentHex(SendFloat8, 5e-324) == "0000000000000001");
  CHECK(SentHex(SendFloat8, 0.1) == "3fb999999999999a");
  CHECK(Received(RecvFloat8, "3fb999999999999a") == 0.1);
  CHECK(std::signbit(Received(RecvFloat8, "8000000000000000")));
  CHECK(std::isnan(Received(RecvFloat8, "7ff8000000000001")));
  CHECK(RecvErrorOf(RecvFloat8, FromHex("3ff80000")) == "08P01 insufficient data left in message");
}

TEST_CASE("float4 (PostgreSQL 15)") {
  CHECK(SentHex(SendFloat4, 3.14f) == "4048f5c3");
  CHECK(SentHex(SendFloat4, -0.0f) == "80000000");
  CHECK(SentHex(SendFloat4, std::numeric_limits<float>::quiet_NaN()) == "7fc00000");
  CHECK(SentHex(SendFloat4, -std::numeric_limits<float>::infinity()) == "ff800000");
  CHECK(SentHex(SendFloat4, std::numeric_limits<float>::denorm_min()) == "00000001");  // 1e-45
  CHECK(Received(RecvFloat4, "3fc00000") == 1.5f);
  CHECK(RecvErrorOf(RecvFloat4, FromHex("3fc000")) == "08P01 insufficient data left in message");
}

// ------------------------------------------------- text, bytea, json, jsonb

TEST_CASE("text and varchar are raw UTF-8 (PostgreSQL 15)") {
  CHECK(SentHex<std::string_view>(SendText, "h\xc3\xa9llo") == "68c3a96c6c6f");
  CHECK(SentHex<std::string_view>(SendText, "abc") == "616263");
  CHECK(Received(RecvText, "68c3a96c6c6f") == "h\xc3\xa9llo");
  CHECK(Received(RecvText, "") == "");
  CHECK(Received(RecvText, "f09f9880") == "\xf0\x9f\x98\x80");
}

TEST_CASE("text receive rejects what PostgreSQL 15 rejects, with its message") {
  const std::string prefix = "22021 invalid byte sequence for encoding \"UTF8\": ";
  CHECK(RecvErrorOf(RecvText, FromHex("61c32862")) == prefix + "0xc3 0x28");
  CHECK(RecvErrorOf(RecvText, FromHex("610062")) == prefix + "0x00");
  CHECK(RecvErrorOf(RecvText, FromHex("6162e282")) == prefix + "0xe2 0x82");
  CHECK(RecvErrorOf(RecvText, FromHex("ff")) == prefix + "0xff");
}

TEST_CASE("bytea is any bytes (PostgreSQL 15)") {
  CHECK(SentHex<std::string_view>(SendBytea, B("\0\xff")) == "00ff");
  CHECK(Received(RecvBytea, "610062ff") == B("a\0b\xff"));
  CHECK(Received(RecvBytea, "") == "");
}

TEST_CASE("json is raw text, jsonb is version 1 plus text (PostgreSQL 15)") {
  // json_send keeps the input text; jsonb_send writes the normalized text,
  // which the SQL layer produces.
  CHECK(SentHex<std::string_view>(SendText, "{\"a\":  1}") == "7b2261223a2020317d");
  CHECK(SentHex<std::string_view>(SendJsonb, "{\"a\": 1}") == "017b2261223a20317d");
  CHECK(SentHex<std::string_view>(SendJsonb, "[1, \"x\", null]") ==
        "015b312c202278222c206e756c6c5d");
  CHECK(Received(RecvJsonb, "017b2261223a20317d") == "{\"a\": 1}");
  CHECK(Received(RecvJsonb, "01") == "");
  CHECK(RecvErrorOf(RecvJsonb, FromHex("027b7d")) == "XX000 unsupported jsonb version number 2");
  CHECK(RecvErrorOf(RecvJsonb, "") == "08P01 insufficient data left in message");
  CHECK(RecvErrorOf(RecvJsonb, FromHex("0122ff22")) ==
        "22021 invalid byte sequence for encoding \"UTF8\": 0xff");
}

// ----------------------------------------------------------------- numeric

TEST_CASE("numeric send matches numeric_send (PostgreSQL 15)") {
  struct Case {
    const char* text;
    const char* hex;  // numeric_send(text::numeric)
  };
  const Case cases[] = {
      {"-123.4500", "0002000040000004007b1194"},
      {"0", "0000000000000000"},
      {"0.00", "0000000000000002"},
      {"-0.00", "0000000000000002"},
      {"-0", "0000000000000000"},
      {"000.000", "0000000000000003"},
      {"1", "00010000000000000001"},
      {"5.", "00010000000000000005"},
      {"10000", "00010001000000000001"},
      {"100000000", "00010002000000000001"},
      {"0.0001", "0001ffff000000040001"},
      {"0.5", "0001ffff000000011388"},
      {".5", "0001ffff000000011388"},
      {"-0.5", "0001ffff400000011388"},
      {"+1.5", "000200000000000100011388"},
      {"007.50", "000200000000000200071388"},
      {"1.10", "0002000000000002000103e8"},
      {"0.100", "0001ffff0000000303e8"},
      {"9999.9999", "0002000000000004270f270f"},
      {"99999999.99999999", "0004000100000008270f270f270f270f"},
      {"123456789.123456789", "0006000200000009000109291a8504d2162e2328"},
      {"12345678901234567890.5", "000600040000000104d2162e23340d801ed21388"},
      {"0.00000000000000000001", "0001fffb000000140001"},
      {"NaN", "00000000c0000000"},
      {"nan", "00000000c0000000"},
      // PostgreSQL 15 sends dscale 32 for the infinities (see binary_numeric.cpp).
      {"Infinity", "00000000d0000020"},
      {"inf", "00000000d0000020"},
      {"-Infinity", "00000000f0000020"},
      {"-inf", "00000000f0000020"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(NumericHex(c.text) == c.hex);
  }
}

TEST_CASE("numeric receive returns numeric_out's text (PostgreSQL 15)") {
  struct Case {
    const char* hex;
    const char* text;  // select $1::numeric::text with $1 = hex, binary
  };
  const Case cases[] = {
      {"0002000040000004007b1194", "-123.4500"},
      {"0000000000000000", "0"},
      {"0000000000000002", "0.00"},
      {"00010000000000000001", "1"},
      {"00010001000000000001", "10000"},
      {"0001ffff000000040001", "0.0001"},
      {"0006000200000009000109291a8504d2162e2328", "123456789.123456789"},
      {"000600040000000104d2162e23340d801ed21388", "12345678901234567890.5"},
      {"0001fffb000000140001", "0.00000000000000000001"},
      {"0002000000000004270f270f", "9999.9999"},
      {"00000000c0000000", "NaN"},
      {"00000000d0000020", "Infinity"},
      {"00000000f0000020", "-Infinity"},
      // Not what numeric_send writes, but what numeric_recv accepts:
      {"0002000040000002007b1194", "-123.45"},          // digits beyond dscale dropped
      {"0002000040000000007b1194", "-123"},
      {"0001ffff00000001162e", "0.5"},                   // 0.5678 cut to 1 decimal
      {"0001ffff00000003162e", "0.567"},                 // truncated, not rounded
      {"0001ffff400000010005", "0.0"},                   // -0.0005 cut inside a digit: zero
      {"000200004000000100010005", "-1.0"},              // -1.0005 cut inside a digit
      {"0001fffe400000020064", "0.00"},                  // -0.000001 cut to 0.00: positive
      {"00010000400000020000", "0.00"},                  // negative zero
      {"000300010000000400000001000a", "1.0010"},        // leading zero digit
      {"00010000000000060007", "7.000000"},              // dscale pads with zeros
      {"00010003000000000001", "1000000000000"},         // weight past the digits
      {"0003000000000002000100020003", "1.00"},
      {"0001fff0000000020001", "0.00"},                  // every digit truncated
      {"000280000000000a00000001", "0.0000000000"},
      {"00018000000000000001", "0"},
      {"00010005c00000030007", "NaN"},                   // NaN ignores weight, dscale, digits
      {"00000000d0000005", "Infinity"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.hex);
    CHECK(Received(RecvNumeric, c.hex) == c.text);
  }
}

TEST_CASE("numeric receive errors (PostgreSQL 15)") {
  CHECK(RecvErrorOf(RecvNumeric, FromHex("0001000012340000000a")) ==
        "22P03 invalid sign in external \"numeric\" value");
  CHECK(RecvErrorOf(RecvNumeric, FromHex("000100000000c000000a")) ==
        "22P03 invalid scale in external \"numeric\" value");
  CHECK(RecvErrorOf(RecvNumeric, FromHex("0001000000000000ffff")) ==
        "22P03 invalid digit in external \"numeric\" value");
  CHECK(RecvErrorOf(RecvNumeric, FromHex("00010000000000002710")) ==
        "22P03 invalid digit in external \"numeric\" value");
  CHECK(RecvErrorOf(RecvNumeric, FromHex("00010000c0000000ffff")) ==
        "22P03 invalid digit in external \"numeric\" value");
  CHECK(RecvErrorOf(RecvNumeric, FromHex("000200000000")) ==
        "08P01 insufficient data left in message");
  CHECK(RecvErrorOf(RecvNumeric, FromHex("00020000000000000001")) ==
        "08P01 insufficient data left in message");
  CHECK(RecvErrorOf(RecvNumeric, FromHex("ffff000000000000")) ==
        "08P01 insufficient data left in message");
}

TEST_CASE("numeric send rejects text numeric_out never writes") {
  for (const char* text : {"", "-", "+", ".", "1.2.3", "1e3", " 1", "1 ", "abc", "--1", "0x10",
                           "Infinityx", "1,5"}) {
    CAPTURE(text);
    CHECK(SqlErrorOf([&] { NumericHex(text); }) ==
          std::string("22P02 invalid input syntax for type numeric: \"") + text + "\"");
  }
  CHECK(SqlErrorOf([] { NumericHex("1" + std::string(131072, '0')); }) ==
        "22003 value overflows numeric format");
  CHECK(SqlErrorOf([] { NumericHex("0." + std::string(16384, '1')); }) ==
        "22003 value overflows numeric format");
}

TEST_CASE("numeric round trips at the edges of the format") {
  // The largest weight (131072 integer digits) and the largest dscale.
  const std::string huge = "9" + std::string(131071, '0');
  CHECK(Received(RecvNumeric, NumericHex(huge)) == huge);
  const std::string tiny = "-0." + std::string(16382, '0') + "1";
  CHECK(Received(RecvNumeric, NumericHex(tiny)) == tiny);
  // Every fraction length 0..9 and integer length 1..9 keeps its digits.
  for (int int_len = 1; int_len <= 9; ++int_len) {
    for (int frac_len = 0; frac_len <= 9; ++frac_len) {
      std::string text = std::string("123456789").substr(0, int_len);
      if (frac_len > 0) text += "." + std::string("987654321").substr(0, frac_len);
      CAPTURE(text);
      CHECK(Received(RecvNumeric, NumericHex(text)) == text);
      CHECK(Received(RecvNumeric, NumericHex("-" + text)) == "-" + text);
    }
  }
}

// ------------------------------------------------------------ date and time

TEST_CASE("date (PostgreSQL 15)") {
  CHECK(SentHex<int32_t>(SendDate, 0) == "00000000");         // 2000-01-01
  CHECK(SentHex<int32_t>(SendDate, 8825) == "00002279");      // 2024-02-29
  CHECK(SentHex<int32_t>(SendDate, -10957) == "ffffd533");    // 1970-01-01
  CHECK(SentHex<int32_t>(SendDate, -1) == "ffffffff");        // 1999-12-31
  CHECK(SentHex<int32_t>(SendDate, kDateMin) == "ffda97a7");  // 4714-11-24 BC
  CHECK(SentHex<int32_t>(SendDate, kDateEnd - 1) == "7fda970c");  // 5874897-12-31
  CHECK(SentHex<int32_t>(SendDate, kDatePosInfinity) == "7fffffff");
  CHECK(SentHex<int32_t>(SendDate, kDateNegInfinity) == "80000000");
  CHECK(Received(RecvDate, "00002279") == 8825);
  CHECK(Received(RecvDate, "ffda97a7") == kDateMin);
  CHECK(Received(RecvDate, "7fda970c") == kDateEnd - 1);
  CHECK(Received(RecvDate, "7fffffff") == kDatePosInfinity);
  CHECK(Received(RecvDate, "80000000") == kDateNegInfinity);
  CHECK(RecvErrorOf(RecvDate, FromHex("ffda97a6")) == "22008 date out of range");
  CHECK(RecvErrorOf(RecvDate, FromHex("7fda970d")) == "22008 date out of range");
  CHECK(RecvErrorOf(RecvDate, FromHex("7ffffffe")) == "22008 date out of range");
  CHECK(RecvErrorOf(RecvDate, FromHex("000022")) == "08P01 insufficient data left in message");
}

TEST_CASE("time (PostgreSQL 15)") {
  CHECK(SentHex<int64_t>(SendTime, 0) == "0000000000000000");
  CHECK(SentHex<int64_t>(SendTime, 45296789000) == "0000000a8be62608");  // 12:34:56.789
  CHECK(SentHex<int64_t>(SendTime, kTimeMax - 1) == "000000141dd75fff");  // 23:59:59.999999
  CHECK(SentHex<int64_t>(SendTime, kTimeMax) == "000000141dd76000");      // 24:00:00
  CHECK(Received(RecvTime, "000000141dd76000") == kTimeMax);
  CHECK(Received(RecvTime, "0000000a8be62608") == 45296789000);
  CHECK(RecvErrorOf(RecvTime, FromHex("000000141dd76001")) == "22008 time out of range");
  CHECK(RecvErrorOf(RecvTime, FromHex("ffffffffffffffff")) == "22008 time out of range");
}

TEST_CASE("timestamp and timestamptz (PostgreSQL 15)") {
  // Microseconds since 2000-01-01 00:00:00; 2024-02-29 is day 8825.
  constexpr int64_t kLeapDayNoon = 8825 * int64_t{86400000000} + 45296789000;
  CHECK(SentHex<int64_t>(SendTimestamp, 0) == "0000000000000000");
  // '2024-02-29 12:34:56.789' and timestamptz '2024-02-29 12:34:56.789+00'
  CHECK(SentHex<int64_t>(SendTimestamp, kLeapDayNoon) == "0002b58341728608");
  // timestamptz '2024-02-29 12:34:56.789+05:30' is 5.5 hours earlier in UTC.
  CHECK(SentHex<int64_t>(SendTimestamp, kLeapDayNoon - 19800 * int64_t{1000000}) ==
        "0002b57ea5468008");
  CHECK(SentHex<int64_t>(SendTimestamp, -1) == "ffffffffffffffff");  // 1999-12-31 23:59:59.999999
  CHECK(SentHex<int64_t>(SendTimestamp, -10957 * int64_t{86400000000}) ==
        "fffca2fec4c82000");  // 1970-01-01
  CHECK(SentHex<int64_t>(SendTimestamp, kTimestampMin) == "fd0f7cc1411fa000");  // 4714-11-24 BC
  CHECK(SentHex<int64_t>(SendTimestamp, kTimestampEnd - 1) ==
        "7fffff5bb3b29fff");  // 294276-12-31 23:59:59.999999
  CHECK(SentHex<int64_t>(SendTimestamp, kTimestampPosInfinity) == "7fffffffffffffff");
  CHECK(SentHex<int64_t>(SendTimestamp, kTimestampNegInfinity) == "8000000000000000");
  CHECK(Received(RecvTimestamp, "0002b58341728608") == kLeapDayNoon);
  CHECK(Received(RecvTimestamp, "fd0f7cc1411fa000") == kTimestampMin);
  CHECK(Received(RecvTimestamp, "7fffff5bb3b29fff") == kTimestampEnd - 1);
  CHECK(Received(RecvTimestamp, "7fffffffffffffff") == kTimestampPosInfinity);
  CHECK(Received(RecvTimestamp, "8000000000000000") == kTimestampNegInfinity);
  CHECK(RecvErrorOf(RecvTimestamp, FromHex("fd0f7cc1411f9fff")) == "22008 timestamp out of range");
  CHECK(RecvErrorOf(RecvTimestamp, FromHex("7fffff5bb3b2a000")) == "22008 timestamp out of range");
  CHECK(RecvErrorOf(RecvTimestamp, FromHex("000000")) == "08P01 insufficient data left in message");
}

TEST_CASE("interval (PostgreSQL 15)") {
  const auto hex = [](Interval v) {
    std::string out;
    SendInterval(&out, v);
    return ToHex(out);
  };
  // '1 year 2 mons 3 days 04:05:06.789'
  CHECK(hex({14706789000, 3, 14}) == "000000036c97ca88000000030000000e");
  CHECK(hex({0, -1, 0}) == "0000000000000000ffffffff00000000");   // '-1 day'
  CHECK(hex({1, 0, 0}) == "00000000000000010000000000000000");    // '00:00:00.000001'
  CHECK(hex({-1000000, 0, -3}) == "fffffffffff0bdc000000000fffffffd");  // '-3 mons -00:00:01'
  CHECK(Received(RecvInterval, "000000036c97ca88000000030000000e") == Interval{14706789000, 3, 14});
  // PostgreSQL 15 accepts any field values.
  CHECK(Received(RecvInterval, "80000000000000008000000080000000") ==
        Interval{std::numeric_limits<int64_t>::min(), std::numeric_limits<int32_t>::min(),
                 std::numeric_limits<int32_t>::min()});
  CHECK(RecvErrorOf(RecvInterval, FromHex("00000000000000000000")) ==
        "08P01 insufficient data left in message");
}

// ------------------------------------------------------------------- uuid

TEST_CASE("uuid (PostgreSQL 15)") {
  const Uuid uuid = UuidFromText("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  std::string out;
  SendUuid(&out, uuid);
  CHECK(ToHex(out) == "a0eebc999c0b4ef8bb6d6bb9bd380a11");
  CHECK(UuidToText(Received(RecvUuid, "a0eebc999c0b4ef8bb6d6bb9bd380a11")) ==
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  CHECK(UuidToText(Received(RecvUuid, "ffffffffffffffffffffffffffffffff")) ==
        "ffffffff-ffff-ffff-ffff-ffffffffffff");
  CHECK(UuidToText(Uuid{}) == "00000000-0000-0000-0000-000000000000");
  CHECK(RecvErrorOf(RecvUuid, FromHex("0011")) == "08P01 insufficient data left in message");
}

TEST_CASE("uuid text input accepts uuid_in's forms (PostgreSQL 15)") {
  const Uuid expected = UuidFromText("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  for (const char* text :
       {"{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}", "a0eebc999c0b4ef8bb6d6bb9bd380a11",
        "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11",
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"}) {
    CAPTURE(text);
    CHECK(UuidFromText(text) == expected);
  }
  for (const char* text :
       {"zz", "", "{a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1-1",
        " a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc999c0b4ef8bb6d6bb9bd380a11-",
        "a0eebc999c0b4ef8bb6d6bb9bd380a1", "a0eebc999c0b4ef8bb6d6bb9bd380a110",
        "a0e-ebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11"}) {
    CAPTURE(text);
    CHECK(SqlErrorOf([&] { UuidFromText(text); }) ==
          std::string("22P02 invalid input syntax for type uuid: \"") + text + "\"");
  }
}

// -------------------------------------------------------------------- UTF-8

TEST_CASE("VerifyUtf8 accepts valid UTF-8 up to U+10FFFF") {
  VerifyUtf8("");
  VerifyUtf8("plain ascii");
  VerifyUtf8("\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 "
             "\xf0\x90\x80\x80 \xf4\x8f\xbf\xbf");
  CHECK(ValidUtf8PrefixLength("ab\xc3\xa9" "cd") == 6);
}

TEST_CASE("VerifyUtf8 names the bytes PostgreSQL 15 names") {
  struct Case {
    const char* hex;
    const char* bytes;
  };
  const Case cases[] = {
      {"78eda080", "0xed 0xa0 0x80"},      // surrogate U+D800
      {"f5808080", "0xf5 0x80 0x80 0x80"},  // above U+10FFFF
      {"f4908080", "0xf4 0x90 0x80 0x80"},
      {"c080", "0xc0 0x80"},               // overlong
      {"c1bf", "0xc1 0xbf"},
      {"e08080", "0xe0 0x80 0x80"},
      {"6162806364", "0x80"},              // lone continuation byte
      {"f09f", "0xf0 0x9f"},               // truncated: only the bytes left
      {"f888808080", "0xf8"},              // 5-byte form: one byte
      {"fe", "0xfe"},
      {"e228a1", "0xe2 0x28 0xa1"},
      {"00", "0x00"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.hex);
    const std::string text = FromHex(c.hex);
    CHECK(SqlErrorOf([&] { VerifyUtf8(text); }) ==
          std::string("22021 invalid byte sequence for encoding \"UTF8\": ") + c.bytes);
  }
  CHECK(ValidUtf8PrefixLength(FromHex("6162806364")) == 2);
}
