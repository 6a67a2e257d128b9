// Startup-phase packets: StartupMessage, SSLRequest, GSSENCRequest, CancelRequest.
#include <catch2/catch.hpp>

#include <string>

#include "protocol/messages.h"
#include "tests/protocol/protocol_test_util.h"

using namespace strata::protocol;
using namespace strata::protocol::testing;

namespace {

void Feed(MessageDecoder* decoder, const std::string& bytes) {
  decoder->Append(bytes.data(), bytes.size());
}

std::string ErrorOfStartup(const std::string& bytes) {
  MessageDecoder decoder;
  Feed(&decoder, bytes);
  return ProtocolErrorOf([&] { decoder.NextStartup(); });
}

}  // namespace

TEST_CASE("StartupMessage from hand-built bytes") {
  // What psql sends: length 34, version 3.0 (0x00030000), two pairs, terminator.
  const std::string packet =
      B("\0\0\0\x22\0\x03\0\0user\0alice\0database\0shop\0\0");
  REQUIRE(packet.size() == 34);
  MessageDecoder decoder;
  Feed(&decoder, packet);
  auto startup = decoder.NextStartup();
  REQUIRE(startup.has_value());
  CHECK(startup->kind == StartupKind::kStartup);
  CHECK(startup->protocol_version == kProtocolVersion3);
  REQUIRE(startup->parameters.size() == 2);
  CHECK(startup->parameters[0] == std::pair<std::string, std::string>("user", "alice"));
  CHECK(startup->parameters[1] == std::pair<std::string, std::string>("database", "shop"));
  CHECK(startup->Get("user") == "alice");
  CHECK(startup->Get("database") == "shop");
  CHECK_FALSE(startup->Get("application_name").has_value());
  CHECK(decoder.buffered_bytes() == 0);
}

TEST_CASE("StartupMessage keeps order, empty values, and the last duplicate") {
  auto packet = ParseStartupPacket(StartupFrame(
      kProtocolVersion3, B("user\0bob\0options\0\0application_name\0psql\0user\0carol\0\0")));
  REQUIRE(packet.parameters.size() == 4);
  CHECK(packet.parameters[1].first == "options");
  CHECK(packet.parameters[1].second.empty());
  CHECK(packet.parameters[2].first == "application_name");
  CHECK(packet.Get("options") == "");
  CHECK(packet.Get("user") == "carol");
}

TEST_CASE("StartupMessage with no parameters is just the terminator") {
  auto packet = ParseStartupPacket(StartupFrame(kProtocolVersion3, B("\0")));
  CHECK(packet.kind == StartupKind::kStartup);
  CHECK(packet.parameters.empty());
}

TEST_CASE("protocol 3.x minor versions are accepted and reported") {
  auto packet = ParseStartupPacket(StartupFrame(0x00030002, B("user\0u\0\0")));
  CHECK(packet.kind == StartupKind::kStartup);
  CHECK(packet.protocol_version == 0x00030002u);
}

TEST_CASE("StartupMessage without its terminator is rejected") {
  const std::string expected = "invalid startup packet layout: expected terminator as last byte";
  SECTION("no final NUL after the last pair") {
    CHECK(ErrorOfStartup(StartupFrame(kProtocolVersion3, B("user\0alice\0"))) == expected);
  }
  SECTION("value not terminated") {
    CHECK(ErrorOfStartup(StartupFrame(kProtocolVersion3, B("user\0alice"))) == expected);
  }
  SECTION("name without a value") {
    CHECK(ErrorOfStartup(StartupFrame(kProtocolVersion3, B("user\0"))) == expected);
  }
  SECTION("no payload at all") {
    CHECK(ErrorOfStartup(StartupFrame(kProtocolVersion3, "")) == expected);
  }
  SECTION("bytes after the terminator") {
    CHECK(ErrorOfStartup(StartupFrame(kProtocolVersion3, B("user\0a\0\0x"))) == expected);
  }
}

TEST_CASE("protocol 2.0 and other majors are rejected with PostgreSQL's message") {
  // A v2 startup packet: length 296, version 2.0, fixed-size fields.
  std::string v2 = Be32(296) + Be32(0x00020000) + std::string(288, '\0');
  CHECK(ErrorOfStartup(v2) == "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
  CHECK(ErrorOfStartup(StartupFrame(0x00040001, B("\0"))) ==
        "unsupported frontend protocol 4.1: server supports 3.0 to 3.0");
  // An unknown 1234.x request code is judged as a version too.
  CHECK(ErrorOfStartup(StartupFrame((1234u << 16) | 5681u, "")) ==
        "unsupported frontend protocol 1234.5681: server supports 3.0 to 3.0");
}

TEST_CASE("SSLRequest and GSSENCRequest") {
  MessageDecoder decoder;
  Feed(&decoder, B("\0\0\0\x08\x04\xd2\x16\x2f"));  // 1234.5679
  auto ssl = decoder.NextStartup();
  REQUIRE(ssl.has_value());
  CHECK(ssl->kind == StartupKind::kSSLRequest);
  CHECK(ssl->parameters.empty());

  Feed(&decoder, B("\0\0\0\x08\x04\xd2\x16\x30"));  // 1234.5680
  auto gss = decoder.NextStartup();
  REQUIRE(gss.has_value());
  CHECK(gss->kind == StartupKind::kGSSENCRequest);

  // The usual sequence: SSLRequest, answer 'N', then the real StartupMessage.
  Feed(&decoder, B("\0\0\0\x08\x04\xd2\x16\x2f"));
  Feed(&decoder, StartupFrame(kProtocolVersion3, B("user\0u\0\0")));
  auto first = decoder.NextStartup();
  auto second = decoder.NextStartup();
  REQUIRE(first.has_value());
  REQUIRE(second.has_value());
  CHECK(first->kind == StartupKind::kSSLRequest);
  CHECK(second->kind == StartupKind::kStartup);
  CHECK(second->Get("user") == "u");
}

TEST_CASE("SSLRequest and GSSENCRequest must be exactly 8 bytes") {
  CHECK(ErrorOfStartup(StartupFrame(kSSLRequestCode, B("\0\0\0\0"))) ==
        "invalid length of SSL request packet");
  CHECK(ErrorOfStartup(StartupFrame(kGSSENCRequestCode, B("\0"))) ==
        "invalid length of GSSAPI encryption request packet");
}

TEST_CASE("CancelRequest carries pid and key") {
  MessageDecoder decoder;
  // length 16, 1234.5678, pid 4242 (0x1092), key -2 (0xfffffffe)
  Feed(&decoder, B("\0\0\0\x10\x04\xd2\x16\x2e\0\0\x10\x92\xff\xff\xff\xfe"));
  auto cancel = decoder.NextStartup();
  REQUIRE(cancel.has_value());
  CHECK(cancel->kind == StartupKind::kCancelRequest);
  CHECK(cancel->cancel_pid == 4242);
  CHECK(cancel->cancel_key == -2);
}

TEST_CASE("CancelRequest must be exactly 16 bytes") {
  CHECK(ErrorOfStartup(StartupFrame(kCancelRequestCode, Be32(1))) ==
        "invalid length of cancel request packet");
  CHECK(ErrorOfStartup(StartupFrame(kCancelRequestCode, Be32(1) + Be32(2) + Be32(3))) ==
        "invalid length of cancel request packet");
}

TEST_CASE("startup packet lengths outside [8, 10000] are rejected from the length word") {
  for (uint32_t length : {0u, 4u, 7u, kMaxStartupPacketBytes + 1, 0xffffffffu}) {
    CAPTURE(length);
    CHECK(ErrorOfStartup(Be32(length)) == "invalid length of startup packet");
  }
}

TEST_CASE("a startup packet of exactly the maximum length is accepted") {
  const std::string value(kMaxStartupPacketBytes - 8 - 4, 'v');  // "o\0" + value + "\0\0"
  const std::string packet =
      StartupFrame(kProtocolVersion3, B("o\0") + value + std::string(2, '\0'));
  REQUIRE(packet.size() == kMaxStartupPacketBytes);
  auto parsed = ParseStartupPacket(packet);
  CHECK(parsed.Get("o") == value);
}

TEST_CASE("a startup packet arriving one byte at a time") {
  const std::string packet = StartupFrame(kProtocolVersion3, B("user\0alice\0\0"));
  MessageDecoder decoder;
  for (size_t i = 0; i + 1 < packet.size(); ++i) {
    Feed(&decoder, packet.substr(i, 1));
    REQUIRE_FALSE(decoder.NextStartup().has_value());
  }
  Feed(&decoder, packet.substr(packet.size() - 1));
  auto startup = decoder.NextStartup();
  REQUIRE(startup.has_value());
  CHECK(startup->Get("user") == "alice");
}

TEST_CASE("startup then typed messages from one buffer") {
  MessageDecoder decoder;
  Feed(&decoder, StartupFrame(kProtocolVersion3, B("user\0u\0\0")) + Frame('Q', B("SELECT 1\0")));
  auto startup = decoder.NextStartup();
  REQUIRE(startup.has_value());
  auto query = decoder.NextMessage();
  REQUIRE(query.has_value());
  CHECK(ParseQuery(*query) == "SELECT 1");
}

TEST_CASE("ParseStartupPacket rejects a length word that disagrees with the bytes") {
  std::string packet = StartupFrame(kProtocolVersion3, B("\0"));
  packet[3] = static_cast<char>(packet[3] + 1);
  CHECK(ProtocolErrorOf([&] { ParseStartupPacket(packet); }) ==
        "invalid length of startup packet");
}
