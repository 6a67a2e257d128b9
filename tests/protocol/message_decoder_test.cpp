// Framing of typed frontend messages: incremental input, batching, limits.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "protocol/messages.h"
#include "tests/protocol/protocol_test_util.h"

using namespace strata::protocol;
using namespace strata::protocol::testing;

namespace {

void Feed(MessageDecoder* decoder, const std::string& bytes) {
  decoder->Append(bytes.data(), bytes.size());
}

}  // namespace

TEST_CASE("a Query message decodes from hand-built bytes") {
  MessageDecoder decoder;
  Feed(&decoder, B("Q\0\0\0\x0dSELECT 1\0"));
  auto msg = decoder.NextMessage();
  REQUIRE(msg.has_value());
  CHECK(msg->type == 'Q');
  CHECK(msg->body == B("SELECT 1\0"));
  CHECK(ParseQuery(*msg) == "SELECT 1");
  CHECK(decoder.buffered_bytes() == 0);
  CHECK_FALSE(decoder.NextMessage().has_value());
}

TEST_CASE("a message with an empty body (Terminate, Sync) decodes") {
  MessageDecoder decoder;
  Feed(&decoder, B("X\0\0\0\x04"));
  auto msg = decoder.NextMessage();
  REQUIRE(msg.has_value());
  CHECK(msg->type == 'X');
  CHECK(msg->body.empty());
}

TEST_CASE("feeding one byte at a time yields each message only when complete") {
  const std::string stream = Frame('Q', B("SELECT 42\0")) + Frame('S', "") +
                             Frame('p', B("hunter2\0")) + Frame('X', "");
  MessageDecoder decoder;
  std::vector<FrontendMessage> got;
  std::vector<size_t> completed_at;
  for (size_t i = 0; i < stream.size(); ++i) {
    Feed(&decoder, stream.substr(i, 1));
    while (auto msg = decoder.NextMessage()) {
      got.push_back(*msg);
      completed_at.push_back(i + 1);
    }
  }
  REQUIRE(got.size() == 4);
  CHECK(got[0].type == 'Q');
  CHECK(ParseQuery(got[0]) == "SELECT 42");
  CHECK(got[1].type == 'S');
  CHECK(got[1].body.empty());
  CHECK(got[2].type == 'p');
  CHECK(ParsePasswordMessage(got[2]) == "hunter2");
  CHECK(got[3].type == 'X');
  // Each message appears exactly when its last byte arrives.
  CHECK(completed_at == std::vector<size_t>{15, 20, 33, 38});
  CHECK(decoder.buffered_bytes() == 0);
}

TEST_CASE("several messages in one Append decode in order") {
  const std::string stream =
      Frame('Q', B("BEGIN\0")) + Frame('Q', B("COMMIT\0")) + Frame('X', "");
  MessageDecoder decoder;
  Feed(&decoder, stream);
  CHECK(decoder.buffered_bytes() == stream.size());
  auto a = decoder.NextMessage();
  auto b = decoder.NextMessage();
  auto c = decoder.NextMessage();
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  REQUIRE(c.has_value());
  CHECK(ParseQuery(*a) == "BEGIN");
  CHECK(ParseQuery(*b) == "COMMIT");
  CHECK(c->type == 'X');
  CHECK_FALSE(decoder.NextMessage().has_value());
}

TEST_CASE("truncated messages return nullopt and keep their bytes") {
  const std::string full = Frame('Q', B("SELECT 1\0"));
  for (size_t cut = 0; cut < full.size(); ++cut) {
    MessageDecoder decoder;
    Feed(&decoder, full.substr(0, cut));
    CHECK_FALSE(decoder.NextMessage().has_value());
    CHECK(decoder.buffered_bytes() == cut);
    Feed(&decoder, full.substr(cut));
    auto msg = decoder.NextMessage();
    REQUIRE(msg.has_value());
    CHECK(ParseQuery(*msg) == "SELECT 1");
  }
}

TEST_CASE("a complete message followed by a partial one") {
  const std::string second = Frame('Q', B("SELECT 2\0"));
  MessageDecoder decoder;
  Feed(&decoder, Frame('Q', B("SELECT 1\0")) + second.substr(0, 7));
  auto first = decoder.NextMessage();
  REQUIRE(first.has_value());
  CHECK(ParseQuery(*first) == "SELECT 1");
  CHECK_FALSE(decoder.NextMessage().has_value());
  CHECK(decoder.buffered_bytes() == 7);
  Feed(&decoder, second.substr(7));
  auto next = decoder.NextMessage();
  REQUIRE(next.has_value());
  CHECK(ParseQuery(*next) == "SELECT 2");
}

TEST_CASE("message lengths below 4 are rejected") {
  for (uint32_t length : {0u, 1u, 3u}) {
    MessageDecoder decoder;
    Feed(&decoder, "Q" + Be32(length));
    CHECK(ProtocolErrorOf([&] { decoder.NextMessage(); }) == "invalid message length");
  }
}

TEST_CASE("oversized and negative lengths are rejected before the body arrives") {
  MessageDecoder decoder(/*max_message_bytes=*/100);
  SECTION("exactly the maximum is accepted") {
    Feed(&decoder, "d" + Be32(100) + std::string(96, 'x'));
    auto msg = decoder.NextMessage();
    REQUIRE(msg.has_value());
    CHECK(msg->body == std::string(96, 'x'));
  }
  SECTION("one over the maximum throws with only the header buffered") {
    Feed(&decoder, "d" + Be32(101));
    CHECK(ProtocolErrorOf([&] { decoder.NextMessage(); }) == "invalid message length");
  }
  SECTION("a negative length (high bit set) throws") {
    Feed(&decoder, "d" + Be32(0x80000000u));
    CHECK(ProtocolErrorOf([&] { decoder.NextMessage(); }) == "invalid message length");
  }
}

TEST_CASE("the default limit is 1 GiB") {
  MessageDecoder decoder;
  Feed(&decoder, "Q" + Be32(kDefaultMaxMessageBytes));
  CHECK_FALSE(decoder.NextMessage().has_value());  // legal, just incomplete
  MessageDecoder over;
  Feed(&over, "Q" + Be32(kDefaultMaxMessageBytes + 1));
  CHECK(ProtocolErrorOf([&] { over.NextMessage(); }) == "invalid message length");
}

TEST_CASE("a long stream of messages keeps the buffer bounded") {
  // Many messages, appended in chunks that split frames, exercise compaction:
  // the pending bytes must never exceed one chunk plus one partial message.
  std::string stream;
  for (int i = 0; i < 5000; ++i) {
    stream += Frame('Q', "SELECT " + std::to_string(i) + std::string(1, '\0'));
  }
  MessageDecoder decoder;
  int next = 0;
  const size_t chunk = 1000;
  for (size_t pos = 0; pos < stream.size(); pos += chunk) {
    Feed(&decoder, stream.substr(pos, chunk));
    while (auto msg = decoder.NextMessage()) {
      REQUIRE(ParseQuery(*msg) == "SELECT " + std::to_string(next));
      ++next;
    }
    CHECK(decoder.buffered_bytes() < 32);
  }
  CHECK(next == 5000);
  CHECK(decoder.buffered_bytes() == 0);
}

TEST_CASE("a message larger than the compaction threshold survives a split") {
  const std::string body = std::string(20000, 'a') + std::string(1, '\0');
  const std::string stream = Frame('Q', B("x\0")) + Frame('Q', body) + Frame('Q', B("y\0"));
  MessageDecoder decoder;
  std::vector<std::string> got;
  for (size_t pos = 0; pos < stream.size(); pos += 4093) {
    Feed(&decoder, stream.substr(pos, 4093));
    while (auto msg = decoder.NextMessage()) got.push_back(ParseQuery(*msg));
  }
  REQUIRE(got.size() == 3);
  CHECK(got[0] == "x");
  CHECK(got[1] == std::string(20000, 'a'));
  CHECK(got[2] == "y");
}
