// Bind ('B') body parser and the format-code rules of the extended protocol.
//
// Wire format (PostgreSQL 15 "Message Formats"):
//   String portal name, String statement name,
//   Int16 c, c x Int16 parameter format code   (c = 0: all text, 1: all, or n)
//   Int16 n, n x (Int32 length, length bytes)  (length -1 = NULL, no bytes)
//   Int16 r, r x Int16 result format code      (r = 0: all text, 1: all, or per column)
// Counts are unsigned Int16s (pq_getmsgint(msg, 2)). A length below -1 or
// beyond the body is "insufficient data left in message" (pq_getmsgbytes).
// As in exec_bind_message, the parameter format count is checked against the
// parameter count before any value is read.
#include <algorithm>
#include <cassert>
#include <string>

#include "common/sql_error.h"
#include "protocol/extended_messages.h"
#include "protocol/message_reader.h"

namespace strata::protocol {
namespace {

std::vector<int16_t> ReadFormatCodes(MessageReader* reader) {
  const uint16_t count = reader->ReadUInt16();
  std::vector<int16_t> codes;
  codes.reserve(std::min<size_t>(count, reader->remaining() / 2));
  for (uint16_t i = 0; i < count; ++i) codes.push_back(reader->ReadInt16());
  return codes;
}

}  // namespace

int16_t BindMessage::ParameterFormat(size_t index) const {
  assert(index < parameter_values.size());
  if (parameter_formats.empty()) return static_cast<int16_t>(FormatCode::kText);
  if (parameter_formats.size() == 1) return parameter_formats[0];
  return parameter_formats[index];
}

BindMessage ParseBindMessage(const FrontendMessage& msg) {
  assert(msg.type == 'B');
  MessageReader reader(msg.body);
  BindMessage bind;
  bind.portal_name = std::string(reader.ReadCString());
  bind.statement_name = std::string(reader.ReadCString());
  bind.parameter_formats = ReadFormatCodes(&reader);
  const uint16_t parameter_count = reader.ReadUInt16();
  if (bind.parameter_formats.size() > 1 && bind.parameter_formats.size() != parameter_count) {
    throw ProtocolError{"bind message has " + std::to_string(bind.parameter_formats.size()) +
                        " parameter formats but " + std::to_string(parameter_count) +
                        " parameters"};
  }
  // Each value takes at least its 4-byte length word.
  bind.parameter_values.reserve(std::min<size_t>(parameter_count, reader.remaining() / 4));
  for (uint16_t i = 0; i < parameter_count; ++i) {
    const int32_t length = reader.ReadInt32();
    if (length == -1) {
      bind.parameter_values.emplace_back(std::nullopt);
      continue;
    }
    if (length < 0) throw ProtocolError{"insufficient data left in message"};
    bind.parameter_values.emplace_back(std::string(reader.ReadBytes(static_cast<size_t>(length))));
  }
  bind.result_formats = ReadFormatCodes(&reader);
  reader.ExpectEnd();
  return bind;
}

FormatCode CheckFormatCode(int16_t code) {
  if (code != static_cast<int16_t>(FormatCode::kText) &&
      code != static_cast<int16_t>(FormatCode::kBinary)) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "unsupported format code: " + std::to_string(code));
  }
  return static_cast<FormatCode>(code);
}

std::vector<int16_t> ResolveResultFormats(const std::vector<int16_t>& result_formats,
                                          size_t column_count) {
  if (result_formats.size() > 1) {
    if (result_formats.size() != column_count) {
      throw SqlError(SqlState::kProtocolViolation,
                     "bind message has " + std::to_string(result_formats.size()) +
                         " result formats but query has " + std::to_string(column_count) +
                         " columns");
    }
    return result_formats;
  }
  const int16_t code =
      result_formats.empty() ? static_cast<int16_t>(FormatCode::kText) : result_formats[0];
  return std::vector<int16_t>(column_count, code);
}

}  // namespace strata::protocol
