// Extended query protocol: Parse/Bind/Describe/Close/Execute/Sync/Flush bodies,
// the backend replies, and the format-code rules. Bodies are built by hand from
// the PostgreSQL 15 "Message Formats" chapter; every error text below is what a
// real PostgreSQL 15.20 answered to the same bytes (ErrorResponse M field).
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "protocol/extended_messages.h"
#include "protocol/message_reader.h"
#include "protocol/messages.h"
#include "tests/protocol/protocol_test_util.h"

using namespace strata;
using namespace strata::protocol;
using namespace strata::protocol::testing;

namespace {

std::string Int32(int32_t v) { return Be32(static_cast<uint32_t>(v)); }
std::string Int16(int16_t v) { return Be16(static_cast<uint16_t>(v)); }

// Runs a parser on a body, which must throw ProtocolError; returns its message.
template <typename Parser>
std::string ErrorFor(Parser parser, char type, const std::string& body) {
  return ProtocolErrorOf([&] { parser(FrontendMessage{type, body}); });
}

}  // namespace

// ---------------------------------------------------------------- Parse 'P'

TEST_CASE("Parse: name, query and parameter type OIDs") {
  const std::string body = B("s1\0select $1, $2\0") + Int16(2) + Be32(23) + Be32(0xfffffff0u);
  const ParseMessage parse = ParseParseMessage(FrontendMessage{'P', body});
  CHECK(parse.statement_name == "s1");
  CHECK(parse.query == "select $1, $2");
  CHECK(parse.parameter_type_oids == std::vector<uint32_t>{23, 0xfffffff0u});
}

TEST_CASE("Parse: unnamed statement with no parameter types") {
  const ParseMessage parse = ParseParseMessage(FrontendMessage{'P', B("\0select 1\0\0\0")});
  CHECK(parse.statement_name.empty());
  CHECK(parse.query == "select 1");
  CHECK(parse.parameter_type_oids.empty());
}

TEST_CASE("Parse: malformed bodies get PostgreSQL's errors") {
  const std::string head = B("\0select 1\0");
  CHECK(ErrorFor(ParseParseMessage, 'P', "") == "invalid string in message");
  CHECK(ErrorFor(ParseParseMessage, 'P', B("\0select 1")) == "invalid string in message");
  CHECK(ErrorFor(ParseParseMessage, 'P', head) == "insufficient data left in message");
  CHECK(ErrorFor(ParseParseMessage, 'P', head + B("\0")) == "insufficient data left in message");
  CHECK(ErrorFor(ParseParseMessage, 'P', head + Int16(2) + Be32(23)) ==
        "insufficient data left in message");
  CHECK(ErrorFor(ParseParseMessage, 'P', head + Int16(0) + "x") == "invalid message format");
  CHECK(ErrorFor(ParseParseMessage, 'P', head + Int16(1) + Be32(23) + "xy") ==
        "invalid message format");
}

TEST_CASE("Parse: the count is unsigned, so -1 asks for 65535 OIDs") {
  const std::string head = B("\0select 1\0");
  CHECK(ErrorFor(ParseParseMessage, 'P', head + Int16(-1)) == "insufficient data left in message");
  std::string oids;
  for (int i = 0; i < 65535; ++i) oids += Be32(static_cast<uint32_t>(i));
  const ParseMessage parse = ParseParseMessage(FrontendMessage{'P', head + Int16(-1) + oids});
  REQUIRE(parse.parameter_type_oids.size() == 65535);
  CHECK(parse.parameter_type_oids.back() == 65534);
}

// ----------------------------------------------------------------- Bind 'B'

TEST_CASE("Bind: every field, with a NULL, an empty value and binary bytes") {
  const std::string body = B("portal\0stmt\0") + Int16(3) + Int16(0) + Int16(1) + Int16(1) +
                           Int16(3) + Int32(1) + "5" + Int32(-1) + Int32(0) +  //
                           Int16(2) + Int16(1) + Int16(0);
  const BindMessage bind = ParseBindMessage(FrontendMessage{'B', body});
  CHECK(bind.portal_name == "portal");
  CHECK(bind.statement_name == "stmt");
  CHECK(bind.parameter_formats == std::vector<int16_t>{0, 1, 1});
  REQUIRE(bind.parameter_values.size() == 3);
  CHECK(bind.parameter_values[0] == std::optional<std::string>("5"));
  CHECK_FALSE(bind.parameter_values[1].has_value());
  CHECK(bind.parameter_values[2] == std::optional<std::string>(""));
  CHECK(bind.result_formats == std::vector<int16_t>{1, 0});
  CHECK(bind.ParameterFormat(0) == 0);
  CHECK(bind.ParameterFormat(1) == 1);
  CHECK(bind.ParameterFormat(2) == 1);
}

TEST_CASE("Bind: values are raw bytes, NULs included") {
  const std::string value = B("\0\0\0\x05");
  const std::string body = B("\0\0") + Int16(1) + Int16(1) + Int16(1) + Int32(4) + value + Int16(0);
  const BindMessage bind = ParseBindMessage(FrontendMessage{'B', body});
  CHECK(bind.parameter_values == std::vector<std::optional<std::string>>{value});
  CHECK(bind.result_formats.empty());
}

TEST_CASE("Bind: one format code for several parameters") {
  const std::string body = B("\0\0") + Int16(1) + Int16(1) + Int16(3) + Int32(4) + Be32(1) +
                           Int32(4) + Be32(2) + Int32(-1) + Int16(0);
  const BindMessage bind = ParseBindMessage(FrontendMessage{'B', body});
  CHECK(bind.parameter_formats == std::vector<int16_t>{1});
  REQUIRE(bind.parameter_values.size() == 3);
  CHECK(bind.parameter_values[1] == std::optional<std::string>(Be32(2)));
  CHECK(bind.ParameterFormat(2) == 1);
}

TEST_CASE("Bind: no format codes means text, one code applies to all") {
  BindMessage bind;
  bind.parameter_values = {std::string("a"), std::nullopt};
  CHECK(bind.ParameterFormat(0) == 0);
  CHECK(bind.ParameterFormat(1) == 0);
  bind.parameter_formats = {1};
  CHECK(bind.ParameterFormat(0) == 1);
  CHECK(bind.ParameterFormat(1) == 1);
  bind.parameter_formats = {7};  // unchecked here: CheckFormatCode's job
  CHECK(bind.ParameterFormat(1) == 7);
}

TEST_CASE("Bind: the smallest body") {
  const BindMessage bind = ParseBindMessage(FrontendMessage{'B', B("\0\0\0\0\0\0\0\0")});
  CHECK(bind.portal_name.empty());
  CHECK(bind.statement_name.empty());
  CHECK(bind.parameter_formats.empty());
  CHECK(bind.parameter_values.empty());
  CHECK(bind.result_formats.empty());
}

TEST_CASE("Bind: malformed bodies get PostgreSQL's errors") {
  const std::string names = B("\0s2\0");
  const std::string two_values = Int16(2) + Int32(1) + "5" + Int32(-1);
  SECTION("format count differs from the parameter count") {
    CHECK(ErrorFor(ParseBindMessage, 'B',
                   names + Int16(3) + Int16(0) + Int16(0) + Int16(0) + two_values + Int16(0)) ==
          "bind message has 3 parameter formats but 2 parameters");
    // Checked before the values are read, as exec_bind_message does.
    CHECK(ErrorFor(ParseBindMessage, 'B', names + Int16(2) + Int16(0) + Int16(0) + Int16(3)) ==
          "bind message has 2 parameter formats but 3 parameters");
  }
  SECTION("value lengths") {
    CHECK(ErrorFor(ParseBindMessage, 'B',
                   names + Int16(0) + Int16(2) + Int32(-2) + "5" + Int32(-1) + Int16(0)) ==
          "insufficient data left in message");
    CHECK(ErrorFor(ParseBindMessage, 'B',
                   names + Int16(0) + Int16(2) + Int32(100) + "5" + Int32(-1) + Int16(0)) ==
          "insufficient data left in message");
    CHECK(ErrorFor(ParseBindMessage, 'B',
                   names + Int16(0) + Int16(1) + Int32(INT32_MIN) + Int16(0)) ==
          "insufficient data left in message");
  }
  SECTION("truncation at each field") {
    CHECK(ErrorFor(ParseBindMessage, 'B', "") == "invalid string in message");
    CHECK(ErrorFor(ParseBindMessage, 'B', B("\0s2")) == "invalid string in message");
    CHECK(ErrorFor(ParseBindMessage, 'B', names) == "insufficient data left in message");
    CHECK(ErrorFor(ParseBindMessage, 'B', names + Int16(1)) == "insufficient data left in message");
    CHECK(ErrorFor(ParseBindMessage, 'B', names + Int16(0)) == "insufficient data left in message");
    CHECK(ErrorFor(ParseBindMessage, 'B', names + Int16(0) + two_values) ==
          "insufficient data left in message");
    CHECK(ErrorFor(ParseBindMessage, 'B', names + Int16(0) + two_values + Int16(1)) ==
          "insufficient data left in message");
    CHECK(ErrorFor(ParseBindMessage, 'B', names + Int16(0) + Int16(-1)) ==
          "insufficient data left in message");  // 65535 parameters
  }
  SECTION("trailing bytes") {
    CHECK(ErrorFor(ParseBindMessage, 'B', names + Int16(0) + two_values + Int16(0) + "x") ==
          "invalid message format");
  }
}

TEST_CASE("CheckFormatCode accepts 0 and 1 only") {
  CHECK(CheckFormatCode(0) == FormatCode::kText);
  CHECK(CheckFormatCode(1) == FormatCode::kBinary);
  CHECK(SqlErrorOf([] { CheckFormatCode(2); }) == "22023 unsupported format code: 2");
  CHECK(SqlErrorOf([] { CheckFormatCode(-1); }) == "22023 unsupported format code: -1");
}

TEST_CASE("ResolveResultFormats applies none/one/each") {
  CHECK(ResolveResultFormats({}, 3) == std::vector<int16_t>{0, 0, 0});
  CHECK(ResolveResultFormats({1}, 3) == std::vector<int16_t>{1, 1, 1});
  CHECK(ResolveResultFormats({1, 0}, 2) == std::vector<int16_t>{1, 0});
  CHECK(ResolveResultFormats({7}, 2) == std::vector<int16_t>{7, 7});  // checked per row later
  CHECK(ResolveResultFormats({1}, 0).empty());
  CHECK(SqlErrorOf([] { ResolveResultFormats({0, 0, 0}, 2); }) ==
        "08P01 bind message has 3 result formats but query has 2 columns");
  CHECK(SqlErrorOf([] { ResolveResultFormats({0, 1}, 0); }) ==
        "08P01 bind message has 2 result formats but query has 0 columns");
}

// ---------------------------------------------------- Describe 'D', Close 'C'

TEST_CASE("Describe: statement or portal") {
  DescribeMessage d = ParseDescribeMessage(FrontendMessage{'D', B("Ss1\0")});
  CHECK(d.kind == TargetKind::kStatement);
  CHECK(d.name == "s1");
  d = ParseDescribeMessage(FrontendMessage{'D', B("P\0")});
  CHECK(d.kind == TargetKind::kPortal);
  CHECK(d.name.empty());
}

TEST_CASE("Describe: malformed bodies get PostgreSQL's errors") {
  CHECK(ErrorFor(ParseDescribeMessage, 'D', "") == "no data left in message");
  CHECK(ErrorFor(ParseDescribeMessage, 'D', B("Xa\0")) == "invalid DESCRIBE message subtype 88");
  CHECK(ErrorFor(ParseDescribeMessage, 'D', B("\xff\0")) ==
        "invalid DESCRIBE message subtype 255");
  CHECK(ErrorFor(ParseDescribeMessage, 'D', B("s\0")) == "invalid DESCRIBE message subtype 115");
  // The name and the end of the body are checked before the subtype.
  CHECK(ErrorFor(ParseDescribeMessage, 'D', "Xa") == "invalid string in message");
  CHECK(ErrorFor(ParseDescribeMessage, 'D', B("X\0z")) == "invalid message format");
  CHECK(ErrorFor(ParseDescribeMessage, 'D', B("S\0z")) == "invalid message format");
}

TEST_CASE("Close: statement or portal") {
  CloseMessage c = ParseCloseMessage(FrontendMessage{'C', B("Snosuch\0")});
  CHECK(c.kind == TargetKind::kStatement);
  CHECK(c.name == "nosuch");
  c = ParseCloseMessage(FrontendMessage{'C', B("Pp\0")});
  CHECK(c.kind == TargetKind::kPortal);
  CHECK(c.name == "p");
}

TEST_CASE("Close: malformed bodies get PostgreSQL's errors") {
  CHECK(ErrorFor(ParseCloseMessage, 'C', "") == "no data left in message");
  CHECK(ErrorFor(ParseCloseMessage, 'C', B("x\0")) == "invalid CLOSE message subtype 120");
  CHECK(ErrorFor(ParseCloseMessage, 'C', "S") == "invalid string in message");
  CHECK(ErrorFor(ParseCloseMessage, 'C', B("P\0\0")) == "invalid message format");
}

// -------------------------------------------------- Execute, Sync and Flush

TEST_CASE("Execute: portal and row limit") {
  ExecuteMessage e = ParseExecuteMessage(FrontendMessage{'E', B("p1\0") + Int32(10)});
  CHECK(e.portal_name == "p1");
  CHECK(e.max_rows == 10);
  e = ParseExecuteMessage(FrontendMessage{'E', B("\0") + Int32(-5)});
  CHECK(e.portal_name.empty());
  CHECK(e.max_rows == -5);  // as sent; <= 0 means no limit
}

TEST_CASE("Execute: malformed bodies get PostgreSQL's errors") {
  CHECK(ErrorFor(ParseExecuteMessage, 'E', "") == "invalid string in message");
  CHECK(ErrorFor(ParseExecuteMessage, 'E', B("\0") + Int16(0)) ==
        "insufficient data left in message");
  CHECK(ErrorFor(ParseExecuteMessage, 'E', B("\0") + Int32(0) + "x") == "invalid message format");
}

TEST_CASE("Sync and Flush: empty bodies only") {
  ParseSyncMessage(FrontendMessage{'S', ""});
  ParseFlushMessage(FrontendMessage{'H', ""});
  CHECK(ErrorFor(ParseSyncMessage, 'S', "x") == "invalid message format");
  CHECK(ErrorFor(ParseFlushMessage, 'H', "x") == "invalid message format");
  CHECK(ErrorFor(ParseSyncMessage, 'S', B("\0")) == "invalid message format");
}

// ---------------------------------------------------------- MessageReader

TEST_CASE("MessageReader::ReadByte and ReadUInt16") {
  const std::string body = B("\xff") + Be16(0xfffe);
  MessageReader reader(body);
  CHECK(reader.ReadByte() == 0xff);
  CHECK(reader.ReadUInt16() == 0xfffe);
  CHECK(ProtocolErrorOf([&] { reader.ReadByte(); }) == "no data left in message");
  CHECK(ProtocolErrorOf([&] { reader.ReadUInt16(); }) == "insufficient data left in message");
}

// ------------------------------------------------------- backend messages

TEST_CASE("ParseComplete, BindComplete, CloseComplete, NoData, PortalSuspended") {
  std::string out;
  AppendParseComplete(&out);
  AppendBindComplete(&out);
  AppendCloseComplete(&out);
  AppendNoData(&out);
  AppendPortalSuspended(&out);
  CHECK(out == B("1\0\0\0\x04" "2\0\0\0\x04" "3\0\0\0\x04" "n\0\0\0\x04" "s\0\0\0\x04"));
}

TEST_CASE("ParameterDescription") {
  std::string out;
  AppendParameterDescription(&out, {23, 25, 0xfffffff0u});
  CHECK(out == B("t\0\0\0\x12" "\0\x03" "\0\0\0\x17" "\0\0\0\x19" "\xff\xff\xff\xf0"));
  out.clear();
  AppendParameterDescription(&out, {});
  CHECK(out == B("t\0\0\0\x06\0\0"));
}

TEST_CASE("ParameterDescription with more than 32767 parameters keeps an unsigned count") {
  std::string out;
  AppendParameterDescription(&out, std::vector<uint32_t>(40000, 23));
  REQUIRE(out.size() == 1 + 4 + 2 + 40000 * 4);
  CHECK(out.substr(5, 2) == Be16(40000));
}

TEST_CASE("RowDescription for a portal carries the resolved result formats") {
  // What the server sends after Bind with result formats {1}: PostgreSQL 15
  // answered Describe portal of "select $1::int4, $2::text" with these
  // fields, format 1 in each.
  std::vector<FieldDescription> fields(2);
  fields[0].name = "int4";
  fields[0].type_oid = 23;
  fields[0].type_size = 4;
  fields[1].name = "text";
  fields[1].type_oid = 25;
  fields[1].type_size = -1;
  const std::vector<int16_t> formats = ResolveResultFormats({1}, fields.size());
  for (size_t i = 0; i < fields.size(); ++i) fields[i].format = formats[i];
  std::string out;
  AppendRowDescription(&out, fields);
  CHECK(out == B("T\0\0\0\x34" "\0\x02"
                 "int4\0" "\0\0\0\0" "\0\0" "\0\0\0\x17" "\0\x04" "\xff\xff\xff\xff" "\0\x01"
                 "text\0" "\0\0\0\0" "\0\0" "\0\0\0\x19" "\xff\xff" "\xff\xff\xff\xff" "\0\x01"));
}

TEST_CASE("an extended-protocol exchange frames and parses end to end") {
  // Client side: Parse, Bind, Describe portal, Execute, Sync in one write.
  std::string wire = Frame('P', B("\0select $1::int4\0") + Int16(1) + Be32(23)) +
                     Frame('B', B("\0\0") + Int16(1) + Int16(1) + Int16(1) + Int32(4) +
                                    Be32(42) + Int16(1) + Int16(1)) +
                     Frame('D', B("P\0")) + Frame('E', B("\0") + Int32(0)) + Frame('S', "");
  MessageDecoder decoder;
  decoder.Append(wire.data(), wire.size());
  std::vector<FrontendMessage> messages;
  while (auto m = decoder.NextMessage()) messages.push_back(*m);
  REQUIRE(messages.size() == 5);
  CHECK(ParseParseMessage(messages[0]).parameter_type_oids == std::vector<uint32_t>{23});
  const BindMessage bind = ParseBindMessage(messages[1]);
  CHECK(bind.parameter_values[0] == std::optional<std::string>(Be32(42)));
  CHECK(bind.result_formats == std::vector<int16_t>{1});
  CHECK(ParseDescribeMessage(messages[2]).kind == TargetKind::kPortal);
  CHECK(ParseExecuteMessage(messages[3]).max_rows == 0);
  ParseSyncMessage(messages[4]);
  CHECK(decoder.buffered_bytes() == 0);
}
