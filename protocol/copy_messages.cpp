// COPY sub-protocol messages, both directions.
//
// Wire formats (PostgreSQL 15 "Message Formats"):
//   CopyInResponse   'G'  Int8 overall format (0 text/CSV, 1 binary), Int16 n,
//                         n x Int16 column format (PostgreSQL: all = overall)
//   CopyOutResponse  'H'  same body
//   CopyBothResponse 'W'  same body
//   CopyData         'd'  bytes (either direction)
//   CopyDone         'c'  empty (either direction)
//   CopyFail         'f'  String error message (frontend only)
// The frontend parsers follow copyfromparse.c CopyGetData: CopyDone and
// CopyFail are not checked for trailing bytes there, so they are not here.
#include <cassert>
#include <cstdio>

#include "protocol/copy_messages.h"
#include "protocol/message_reader.h"
#include "protocol/message_writer.h"

namespace strata::protocol {
namespace {

void AppendCopyResponse(std::string* out, char type, CopyFormat format, size_t column_count) {
  assert(column_count <= 0x7fff);
  const size_t start = BeginMessage(out, type);
  out->push_back(static_cast<char>(format));
  PutInt16(out, static_cast<int16_t>(column_count));
  for (size_t i = 0; i < column_count; ++i) PutInt16(out, static_cast<int16_t>(format));
  EndMessage(out, start);
}

}  // namespace

void AppendCopyInResponse(std::string* out, CopyFormat format, size_t column_count) {
  AppendCopyResponse(out, 'G', format, column_count);
}

void AppendCopyOutResponse(std::string* out, CopyFormat format, size_t column_count) {
  AppendCopyResponse(out, 'H', format, column_count);
}

void AppendCopyBothResponse(std::string* out, CopyFormat format, size_t column_count) {
  AppendCopyResponse(out, 'W', format, column_count);
}

void AppendCopyData(std::string* out, std::string_view data) {
  const size_t start = BeginMessage(out, 'd');
  out->append(data);
  EndMessage(out, start);
}

void AppendCopyDone(std::string* out) { EndMessage(out, BeginMessage(out, 'c')); }

std::string_view ParseCopyData(const FrontendMessage& msg) {
  assert(msg.type == 'd');
  return msg.body;
}

void ParseCopyDone(const FrontendMessage& msg) {
  assert(msg.type == 'c');
  (void)msg;
}

std::string ParseCopyFail(const FrontendMessage& msg) {
  assert(msg.type == 'f');
  MessageReader reader(msg.body);
  return std::string(reader.ReadCString());
}

CopyInAction ClassifyCopyInMessage(char type) {
  switch (type) {
    case 'd':
      return CopyInAction::kData;
    case 'c':
      return CopyInAction::kDone;
    case 'f':
      return CopyInAction::kFail;
    case 'H':
    case 'S':
      return CopyInAction::kIgnore;
    default:
      break;
  }
  char text[64];
  std::snprintf(text, sizeof(text), "unexpected message type 0x%02X during COPY from stdin",
                static_cast<unsigned>(static_cast<unsigned char>(type)));
  throw ProtocolError{text};
}

}  // namespace strata::protocol
