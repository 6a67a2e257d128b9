// Extended query protocol codec: the bodies of Parse, Bind, Describe, Close,
// Execute, Sync and Flush, and the backend replies ParseComplete, BindComplete,
// CloseComplete, NoData, PortalSuspended and ParameterDescription.
//
// Wire formats (PostgreSQL 15 "Message Formats"): see extended_frontend_messages.cpp,
// bind_message.cpp and extended_backend_messages.cpp.
//
// Errors. The body parsers throw ProtocolError with PostgreSQL 15's texts
// (postgres.c / pqformat.c: "invalid message format", "insufficient data left
// in message", "no data left in message", "invalid string in message", ...).
// Unlike a framing error, the message framing is intact here (MessageDecoder
// already delimited the body), and PostgreSQL raises these as ERROR 08P01, not
// FATAL: it sends ErrorResponse, discards messages until Sync and keeps the
// connection. The session should do the same for these parsers.
// Checks that PostgreSQL makes once it knows the statement or portal (format
// codes, result format counts) throw SqlError with PostgreSQL's SQLSTATE.
//
// What a pure parser cannot reproduce: PostgreSQL looks up the prepared
// statement named in Bind before reading the rest of the body, so for an
// unknown statement it reports 26000 even when the body is also malformed;
// here the body is checked first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/messages.h"

namespace strata::protocol {

// Format code of a parameter or result column. Wire values, never renumber.
enum class FormatCode : int16_t { kText = 0, kBinary = 1 };

// Parse ('P').
struct ParseMessage {
  std::string statement_name;  // "" = the unnamed statement
  std::string query;
  // One per parameter the client chose to type; 0 = unspecified. There may be
  // fewer than the query's parameters (the rest are inferred).
  std::vector<uint32_t> parameter_type_oids;
};

// Bind ('B').
struct BindMessage {
  std::string portal_name;     // "" = the unnamed portal
  std::string statement_name;  // "" = the unnamed statement
  // Raw codes as sent: none (all text), one (applies to all) or one per
  // parameter -- ParseBindMessage enforces that shape, not the code values.
  std::vector<int16_t> parameter_formats;
  std::vector<std::optional<std::string>> parameter_values;  // nullopt = NULL
  // Raw result column codes: none (all text), one (applies to all) or one per
  // column; see ResolveResultFormats.
  std::vector<int16_t> result_formats;

  // The raw format code of parameter `index` under the none/one/each rule.
  // REQUIRES: index < parameter_values.size().
  int16_t ParameterFormat(size_t index) const;
};

// The object a Describe or Close names. Wire bytes, never renumber.
enum class TargetKind : char { kStatement = 'S', kPortal = 'P' };

// Describe ('D').
struct DescribeMessage {
  TargetKind kind = TargetKind::kStatement;
  std::string name;
};

// Close ('C').
struct CloseMessage {
  TargetKind kind = TargetKind::kStatement;
  std::string name;
};

// Execute ('E').
struct ExecuteMessage {
  std::string portal_name;
  // Row limit as sent. PostgreSQL treats any value <= 0 as "no limit".
  int32_t max_rows = 0;
};

// Body parsers. REQUIRES: msg.type is the message's type byte. Throw
// ProtocolError (see the top of this file).
ParseMessage ParseParseMessage(const FrontendMessage& msg);        // 'P'
BindMessage ParseBindMessage(const FrontendMessage& msg);          // 'B'
DescribeMessage ParseDescribeMessage(const FrontendMessage& msg);  // 'D'
CloseMessage ParseCloseMessage(const FrontendMessage& msg);        // 'C'
ExecuteMessage ParseExecuteMessage(const FrontendMessage& msg);    // 'E'
// Sync and Flush have empty bodies; any byte is "invalid message format".
void ParseSyncMessage(const FrontendMessage& msg);   // 'S'
void ParseFlushMessage(const FrontendMessage& msg);  // 'H'

// A format code as an enum. Throws SqlError 22023 "unsupported format code: %d"
// for codes other than 0 and 1. PostgreSQL checks parameter codes while
// binding and result codes when the first row is sent (so a bad result code
// with zero rows goes unnoticed).
FormatCode CheckFormatCode(int16_t code);

// The format code of each of `column_count` result columns under Bind's
// none/one/each rule (PortalSetResultFormat), unchecked, for the RowDescription
// answering Describe of the portal. Throws SqlError 08P01 "bind message has %d
// result formats but query has %d columns" when more than one code is sent
// and the count differs. PostgreSQL skips this for portals returning no rows.
std::vector<int16_t> ResolveResultFormats(const std::vector<int16_t>& result_formats,
                                          size_t column_count);

// Backend encoders: each appends one complete message to *out.
void AppendParseComplete(std::string* out);     // '1'
void AppendBindComplete(std::string* out);      // '2'
void AppendCloseComplete(std::string* out);     // '3'
void AppendNoData(std::string* out);            // 'n'
void AppendPortalSuspended(std::string* out);   // 's'
// ParameterDescription ('t'): the statement's parameter type OIDs.
// REQUIRES: at most 65535 parameters (the protocol's count is an unsigned Int16).
void AppendParameterDescription(std::string* out, const std::vector<uint32_t>& type_oids);

}  // namespace strata::protocol
