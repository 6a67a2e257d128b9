// COPY sub-protocol messages and NotificationResponse. Expected bodies marked
// "PostgreSQL 15" are the bytes a real PostgreSQL 15.20 sent (COPY t FROM
// STDIN on a two-column table, COPY (select 1, 'a') TO STDOUT (FORMAT binary),
// LISTEN/NOTIFY); the rest are built by hand from the "Message Formats" chapter.
#include <catch2/catch.hpp>

#include <string>

#include "protocol/copy_messages.h"
#include "protocol/messages.h"
#include "tests/protocol/protocol_test_util.h"

using namespace strata::protocol;
using namespace strata::protocol::testing;

TEST_CASE("CopyInResponse, text and binary (PostgreSQL 15)") {
  std::string out;
  AppendCopyInResponse(&out, CopyFormat::kText, 2);
  CHECK(out == B("G\0\0\0\x0b") + B("\x00\x00\x02\x00\x00\x00\x00"));
  out.clear();
  AppendCopyInResponse(&out, CopyFormat::kBinary, 2);
  CHECK(out == B("G\0\0\0\x0b") + B("\x01\x00\x02\x00\x01\x00\x01"));
}

TEST_CASE("CopyOutResponse binary (PostgreSQL 15) and CopyBothResponse") {
  std::string out;
  AppendCopyOutResponse(&out, CopyFormat::kBinary, 2);
  CHECK(out == B("H\0\0\0\x0b") + B("\x01\x00\x02\x00\x01\x00\x01"));
  out.clear();
  AppendCopyBothResponse(&out, CopyFormat::kText, 0);
  CHECK(out == B("W\0\0\0\x07\0\0\0"));
  out.clear();
  AppendCopyOutResponse(&out, CopyFormat::kText, 1);
  CHECK(out == B("H\0\0\0\x09\0\0\x01\0\0"));
}

TEST_CASE("CopyData and CopyDone from the backend (PostgreSQL 15)") {
  // The binary COPY trailer and the end of COPY TO STDOUT.
  std::string out;
  AppendCopyData(&out, B("\xff\xff"));
  AppendCopyDone(&out);
  CHECK(out == B("d\0\0\0\x06\xff\xff" "c\0\0\0\x04"));
  out.clear();
  AppendCopyData(&out, "");
  CHECK(out == B("d\0\0\0\x04"));
}

TEST_CASE("CopyData carries any bytes and re-frames through the decoder") {
  std::string data;
  for (int i = 0; i < 256; ++i) data.push_back(static_cast<char>(i));
  data += std::string(100000, '\0');
  std::string out;
  AppendCopyData(&out, data);
  MessageDecoder decoder;
  decoder.Append(out.data(), out.size());
  auto message = decoder.NextMessage();
  REQUIRE(message.has_value());
  CHECK(message->type == 'd');
  CHECK(ParseCopyData(*message) == data);
}

TEST_CASE("frontend CopyData, CopyDone and CopyFail") {
  const FrontendMessage data{'d', B("1\tx\n\0")};
  CHECK(ParseCopyData(data) == B("1\tx\n\0"));
  ParseCopyDone(FrontendMessage{'c', ""});
  // PostgreSQL ends COPY on CopyDone without looking at its body.
  ParseCopyDone(FrontendMessage{'c', "junk"});
  CHECK(ParseCopyFail(FrontendMessage{'f', B("boom\0")}) == "boom");
  CHECK(ParseCopyFail(FrontendMessage{'f', B("\0")}).empty());
  // PostgreSQL 15 reported "COPY from stdin failed: boom" for this body too.
  CHECK(ParseCopyFail(FrontendMessage{'f', B("boom\0zz")}) == "boom");
  CHECK(ProtocolErrorOf([] { ParseCopyFail(FrontendMessage{'f', "boom"}); }) ==
        "invalid string in message");
}

TEST_CASE("ClassifyCopyInMessage: what is legal during COPY FROM STDIN") {
  CHECK(ClassifyCopyInMessage('d') == CopyInAction::kData);
  CHECK(ClassifyCopyInMessage('c') == CopyInAction::kDone);
  CHECK(ClassifyCopyInMessage('f') == CopyInAction::kFail);
  CHECK(ClassifyCopyInMessage('H') == CopyInAction::kIgnore);
  CHECK(ClassifyCopyInMessage('S') == CopyInAction::kIgnore);
  // PostgreSQL 15's text for a Query sent mid-COPY.
  CHECK(ProtocolErrorOf([] { ClassifyCopyInMessage('Q'); }) ==
        "unexpected message type 0x51 during COPY from stdin");
  CHECK(ProtocolErrorOf([] { ClassifyCopyInMessage('\xff'); }) ==
        "unexpected message type 0xFF during COPY from stdin");
  CHECK(ProtocolErrorOf([] { ClassifyCopyInMessage('\0'); }) ==
        "unexpected message type 0x00 during COPY from stdin");
}

TEST_CASE("NotificationResponse (PostgreSQL 15)") {
  // NOTIFY ch, 'pay' from backend pid 27991 (0x6d57).
  std::string out;
  AppendNotificationResponse(&out, 27991, "ch", "pay");
  CHECK(out == B("A\0\0\0\x0f") + B("\x00\x00mWch\x00pay\x00"));
  out.clear();
  AppendNotificationResponse(&out, -1, "", "");
  CHECK(out == B("A\0\0\0\x0a\xff\xff\xff\xff\0\0"));
}
