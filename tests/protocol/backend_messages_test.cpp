// Byte-exact encodings of backend messages, checked against hand-built bytes
// from the PostgreSQL 15 "Message Formats" chapter.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.h"
#include "tests/protocol/protocol_test_util.h"

using namespace strata::protocol;
using namespace strata::protocol::testing;

TEST_CASE("Authentication requests") {
  std::string out;
  AppendAuthenticationOk(&out);
  CHECK(out == B("R\0\0\0\x08\0\0\0\0"));
  out.clear();
  AppendAuthenticationCleartextPassword(&out);
  CHECK(out == B("R\0\0\0\x08\0\0\0\x03"));
}

TEST_CASE("ParameterStatus") {
  std::string out;
  AppendParameterStatus(&out, "client_encoding", "UTF8");
  CHECK(out == B("S\0\0\0\x19" "client_encoding\0UTF8\0"));
  out.clear();
  AppendParameterStatus(&out, "application_name", "");
  CHECK(out == B("S\0\0\0\x16" "application_name\0\0"));
}

TEST_CASE("BackendKeyData") {
  std::string out;
  AppendBackendKeyData(&out, 4242, -2);
  CHECK(out == B("K\0\0\0\x0c\0\0\x10\x92\xff\xff\xff\xfe"));
}

TEST_CASE("ReadyForQuery for each transaction status") {
  for (char status : {'I', 'T', 'E'}) {
    std::string out;
    AppendReadyForQuery(&out, status);
    CHECK(out == B("Z\0\0\0\x05") + std::string(1, status));
  }
}

TEST_CASE("RowDescription") {
  std::vector<FieldDescription> fields(2);
  fields[0].name = "id";
  fields[0].table_oid = 16384;
  fields[0].column_attnum = 1;
  fields[0].type_oid = 23;  // int4
  fields[0].type_size = 4;
  fields[1].name = "name";
  fields[1].type_oid = 25;  // text
  fields[1].type_size = -1;
  fields[1].format = 1;
  std::string out;
  AppendRowDescription(&out, fields);
  CHECK(out == B("T\0\0\0\x32" "\0\x02"
                 "id\0" "\0\0\x40\0" "\0\x01" "\0\0\0\x17" "\0\x04" "\xff\xff\xff\xff" "\0\0"
                 "name\0" "\0\0\0\0" "\0\0" "\0\0\0\x19" "\xff\xff" "\xff\xff\xff\xff" "\0\x01"));
}

TEST_CASE("RowDescription with no columns") {
  std::string out;
  AppendRowDescription(&out, {});
  CHECK(out == B("T\0\0\0\x06\0\0"));
}

TEST_CASE("RowDescription keeps a large type oid and typmod") {
  FieldDescription field;
  field.name = "n";
  field.type_oid = 0xfffffff0u;
  field.type_modifier = 0x00050008;  // numeric(5,4): ((5 << 16) | 4) + 4
  std::string out;
  AppendRowDescription(&out, {field});
  CHECK(out == B("T\0\0\0\x1a" "\0\x01" "n\0" "\0\0\0\0" "\0\0" "\xff\xff\xff\xf0" "\0\0"
                 "\0\x05\0\x08" "\0\0"));
}

TEST_CASE("DataRow with a NULL, an empty value and binary bytes") {
  std::string out;
  AppendDataRow(&out, {std::string("1"), std::nullopt, std::string(), B("ab\0c")});
  CHECK(out == B("D\0\0\0\x1b" "\0\x04"
                 "\0\0\0\x01" "1"
                 "\xff\xff\xff\xff"
                 "\0\0\0\0"
                 "\0\0\0\x04" "ab\0c"));
}

TEST_CASE("DataRow with no columns") {
  std::string out;
  AppendDataRow(&out, {});
  CHECK(out == B("D\0\0\0\x06\0\0"));
}

TEST_CASE("CommandComplete") {
  std::string out;
  AppendCommandComplete(&out, "SELECT 1");
  CHECK(out == B("C\0\0\0\x0dSELECT 1\0"));
  out.clear();
  AppendCommandComplete(&out, "INSERT 0 1");
  CHECK(out == B("C\0\0\0\x0fINSERT 0 1\0"));
}

TEST_CASE("EmptyQueryResponse") {
  std::string out;
  AppendEmptyQueryResponse(&out);
  CHECK(out == B("I\0\0\0\x04"));
}

TEST_CASE("SSL response is one raw byte") {
  std::string out;
  AppendSslResponse(&out, 'N');
  CHECK(out == "N");
  AppendSslResponse(&out, 'S');
  CHECK(out == "NS");
}

TEST_CASE("NegotiateProtocolVersion") {
  std::string out;
  AppendNegotiateProtocolVersion(&out, 0, {"_pq_.foo"});
  CHECK(out == B("v\0\0\0\x15" "\0\0\0\0" "\0\0\0\x01" "_pq_.foo\0"));
  out.clear();
  AppendNegotiateProtocolVersion(&out, 0, {});
  CHECK(out == B("v\0\0\0\x0c\0\0\0\0\0\0\0\0"));
}

TEST_CASE("encoders append after existing bytes and chain") {
  std::string out = "prefix";
  AppendCommandComplete(&out, "BEGIN");
  AppendReadyForQuery(&out, 'T');
  CHECK(out == "prefix" + B("C\0\0\0\x0a" "BEGIN\0") + B("Z\0\0\0\x05T"));
}

TEST_CASE("a string with an embedded NUL is cut at the NUL, keeping framing") {
  std::string out;
  AppendCommandComplete(&out, B("SELECT\0junk"));
  CHECK(out == B("C\0\0\0\x0bSELECT\0"));
}

TEST_CASE("encoded backend messages re-frame through the decoder") {
  // The decoder frames any typed message, so it can check lengths end to end.
  std::string out;
  AppendParameterStatus(&out, "server_version", "15.0");
  AppendDataRow(&out, {std::string(70000, 'z'), std::nullopt});
  AppendReadyForQuery(&out, 'I');
  MessageDecoder decoder;
  decoder.Append(out.data(), out.size());
  auto s = decoder.NextMessage();
  auto d = decoder.NextMessage();
  auto z = decoder.NextMessage();
  REQUIRE(s.has_value());
  REQUIRE(d.has_value());
  REQUIRE(z.has_value());
  CHECK(s->type == 'S');
  CHECK(d->type == 'D');
  CHECK(d->body.size() == 2 + 4 + 70000 + 4);
  CHECK(z->body == "I");
  CHECK(decoder.buffered_bytes() == 0);
}
