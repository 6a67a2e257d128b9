// Body parsers for the extended query protocol's Parse, Describe, Close,
// Execute, Sync and Flush messages (Bind is in bind_message.cpp).
//
// Wire formats (PostgreSQL 15 "Message Formats"):
//   Parse    'P'  String statement name, String query, Int16 n, n x Int32 type OID
//   Describe 'D'  Byte1 'S' (statement) or 'P' (portal), String name
//   Close    'C'  Byte1 'S' or 'P', String name
//   Execute  'E'  String portal name, Int32 max rows (<= 0: no limit)
//   Sync     'S'  empty
//   Flush    'H'  empty
// Fields are read in PostgreSQL's order (postgres.c PostgresMain), so the first
// problem found is the one PostgreSQL reports: for Describe/Close the name and
// the end of the body are checked before the subtype byte. Counts are unsigned
// Int16s, as pq_getmsgint(msg, 2) reads them.
#include <algorithm>
#include <cassert>
#include <string>
#include <utility>

#include "protocol/extended_messages.h"
#include "protocol/message_reader.h"

namespace strata::protocol {
namespace {

struct Target {
  TargetKind kind;
  std::string name;
};

// Describe and Close share a layout; `message_name` goes into the error text
// ("invalid DESCRIBE message subtype 88").
Target ParseTarget(const FrontendMessage& msg, std::string_view message_name) {
  MessageReader reader(msg.body);
  const uint8_t subtype = reader.ReadByte();
  std::string name(reader.ReadCString());
  reader.ExpectEnd();
  if (subtype != static_cast<uint8_t>(TargetKind::kStatement) &&
      subtype != static_cast<uint8_t>(TargetKind::kPortal)) {
    throw ProtocolError{"invalid " + std::string(message_name) + " message subtype " +
                        std::to_string(subtype)};
  }
  return Target{static_cast<TargetKind>(subtype), std::move(name)};
}

void ParseEmptyBody(const FrontendMessage& msg) {
  MessageReader(msg.body).ExpectEnd();
}

}  // namespace

ParseMessage ParseParseMessage(const FrontendMessage& msg) {
  assert(msg.type == 'P');
  MessageReader reader(msg.body);
  ParseMessage parse;
  parse.statement_name = std::string(reader.ReadCString());
  parse.query = std::string(reader.ReadCString());
  const uint16_t count = reader.ReadUInt16();
  // Reserve only what the body can hold, so a large count with a short body
  // fails on the read instead of allocating.
  parse.parameter_type_oids.reserve(std::min<size_t>(count, reader.remaining() / 4));
  for (uint16_t i = 0; i < count; ++i) {
    parse.parameter_type_oids.push_back(static_cast<uint32_t>(reader.ReadInt32()));
  }
  reader.ExpectEnd();
  return parse;
}

DescribeMessage ParseDescribeMessage(const FrontendMessage& msg) {
  assert(msg.type == 'D');
  Target target = ParseTarget(msg, "DESCRIBE");
  return DescribeMessage{target.kind, std::move(target.name)};
}

CloseMessage ParseCloseMessage(const FrontendMessage& msg) {
  assert(msg.type == 'C');
  Target target = ParseTarget(msg, "CLOSE");
  return CloseMessage{target.kind, std::move(target.name)};
}

ExecuteMessage ParseExecuteMessage(const FrontendMessage& msg) {
  assert(msg.type == 'E');
  MessageReader reader(msg.body);
  ExecuteMessage execute;
  execute.portal_name = std::string(reader.ReadCString());
  execute.max_rows = reader.ReadInt32();
  reader.ExpectEnd();
  return execute;
}

void ParseSyncMessage(const FrontendMessage& msg) {
  assert(msg.type == 'S');
  ParseEmptyBody(msg);
}

void ParseFlushMessage(const FrontendMessage& msg) {
  assert(msg.type == 'H');
  ParseEmptyBody(msg);
}

}  // namespace strata::protocol
