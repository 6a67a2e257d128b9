// COPY sub-protocol codec: CopyInResponse, CopyOutResponse, CopyBothResponse,
// CopyData and CopyDone from the backend; CopyData, CopyDone and CopyFail from
// the frontend; and which frontend messages are legal during COPY FROM STDIN.
//
// Wire formats: see copy_messages.cpp. The data inside CopyData messages (text,
// CSV or the binary COPY file format) is not parsed here; CopyData boundaries
// need not match row boundaries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "protocol/messages.h"

namespace strata::protocol {

// The overall format byte of a Copy*Response. Wire values, never renumber.
// CSV is textual (0) on the wire.
enum class CopyFormat : int8_t { kText = 0, kBinary = 1 };

// Copy*Response: the overall format, then `column_count` per-column format
// codes, all equal to the overall format as PostgreSQL sends them.
// REQUIRES: column_count <= 32767.
void AppendCopyInResponse(std::string* out, CopyFormat format, size_t column_count);    // 'G'
void AppendCopyOutResponse(std::string* out, CopyFormat format, size_t column_count);   // 'H'
void AppendCopyBothResponse(std::string* out, CopyFormat format, size_t column_count);  // 'W'
// CopyData ('d'): `data` as is. REQUIRES: data.size() < 2 GiB - 4.
void AppendCopyData(std::string* out, std::string_view data);
void AppendCopyDone(std::string* out);  // 'c'

// Frontend COPY messages. REQUIRES: msg.type is the message's type byte.
// CopyData ('d'): the body. LIFETIME: borrows msg.body.
std::string_view ParseCopyData(const FrontendMessage& msg);
// CopyDone ('c'): PostgreSQL ignores the body, so bytes in it are accepted.
void ParseCopyDone(const FrontendMessage& msg);
// CopyFail ('f'): the client's error message, which PostgreSQL reports as
// 57014 "COPY from stdin failed: <message>". Throws ProtocolError "invalid
// string in message" without a terminator; bytes after it are ignored, as
// PostgreSQL ignores them.
std::string ParseCopyFail(const FrontendMessage& msg);

// What the session does with a frontend message during COPY FROM STDIN.
enum class CopyInAction {
  kData,    // 'd': feed ParseCopyData(msg) to COPY
  kDone,    // 'c': end of data
  kFail,    // 'f': abort COPY with ParseCopyFail(msg)
  kIgnore,  // 'H' Flush, 'S' Sync: ignored while copying, per the protocol
};
// Classifies a message received during COPY FROM STDIN. Any other type throws
// ProtocolError "unexpected message type 0x%02X during COPY from stdin";
// PostgreSQL reports that as ERROR 08P01 and then FATAL "terminating
// connection because protocol synchronization was lost", closing the
// connection. (Outside COPY, PostgreSQL silently ignores 'd', 'c' and 'f'.)
CopyInAction ClassifyCopyInMessage(char type);

}  // namespace strata::protocol
