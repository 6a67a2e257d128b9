// Body parsers for Query and PasswordMessage, and MessageReader.
#include <catch2/catch.hpp>

#include <string>

#include "protocol/message_reader.h"
#include "protocol/messages.h"
#include "tests/protocol/protocol_test_util.h"

using namespace strata::protocol;
using namespace strata::protocol::testing;

TEST_CASE("ParseQuery returns the string before the terminator") {
  CHECK(ParseQuery(FrontendMessage{'Q', B("SELECT 'a';\0")}) == "SELECT 'a';");
  CHECK(ParseQuery(FrontendMessage{'Q', B("\0")}).empty());  // empty query string
}

TEST_CASE("ParseQuery rejects malformed bodies") {
  CHECK(ProtocolErrorOf([] { ParseQuery(FrontendMessage{'Q', "SELECT 1"}); }) ==
        "invalid string in message");
  CHECK(ProtocolErrorOf([] { ParseQuery(FrontendMessage{'Q', ""}); }) ==
        "invalid string in message");
  CHECK(ProtocolErrorOf([] { ParseQuery(FrontendMessage{'Q', B("SELECT 1\0x")}); }) ==
        "invalid message format");
  CHECK(ProtocolErrorOf([] { ParseQuery(FrontendMessage{'Q', B("SELECT\0 1\0")}); }) ==
        "invalid message format");
}

TEST_CASE("ParsePasswordMessage returns the password") {
  CHECK(ParsePasswordMessage(FrontendMessage{'p', B("s3cret\0")}) == "s3cret");
  CHECK(ParsePasswordMessage(FrontendMessage{'p', B("md5abc\0")}) == "md5abc");
}

TEST_CASE("ParsePasswordMessage rejects malformed bodies with PostgreSQL's message") {
  for (const std::string& body : {std::string("nonul"), std::string(), B("pw\0extra"),
                                  B("pw\0\0")}) {
    CAPTURE(body);
    CHECK(ProtocolErrorOf([&] { ParsePasswordMessage(FrontendMessage{'p', body}); }) ==
          "invalid password packet size");
  }
}

TEST_CASE("MessageReader reads fields and checks bounds") {
  const std::string body = B("stmt\0") + Be16(0xfffe) + Be32(0x01020304) + "raw";
  MessageReader reader(body);
  CHECK(reader.ReadCString() == "stmt");
  CHECK(reader.ReadInt16() == -2);
  CHECK(reader.ReadInt32() == 0x01020304);
  CHECK(ProtocolErrorOf([&] { reader.ExpectEnd(); }) == "invalid message format");
  CHECK(reader.ReadBytes(3) == "raw");
  CHECK(reader.remaining() == 0);
  reader.ExpectEnd();
  CHECK(ProtocolErrorOf([&] { reader.ReadInt16(); }) == "insufficient data left in message");
  CHECK(ProtocolErrorOf([&] { reader.ReadCString(); }) == "invalid string in message");
}

TEST_CASE("MessageReader does not consume on a short read") {
  const std::string body = "ab";
  MessageReader reader(body);
  CHECK(ProtocolErrorOf([&] { reader.ReadInt32(); }) == "insufficient data left in message");
  CHECK(reader.remaining() == 2);
}
