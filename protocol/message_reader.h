// MessageReader: consumes the fields of one frontend message body, as
// PostgreSQL's pq_getmsg* functions do, throwing ProtocolError on bad input.
//
// LIFETIME: the reader and every string_view it returns borrow the body passed
// to the constructor; keep that body alive while they are used.
// Error texts are PostgreSQL's ("no data left in message", "insufficient data
// left in message", "invalid string in message", "invalid message format") so
// clients see the same 08P01.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocol/messages.h"

namespace strata::protocol {

class MessageReader {
 public:
  explicit MessageReader(std::string_view body) : remaining_(body) {}

  // A NUL-terminated string, without its terminator.
  std::string_view ReadCString();
  // One byte (pq_getmsgbyte); an empty remainder is "no data left in message".
  uint8_t ReadByte();
  int16_t ReadInt16();
  // An Int16 read as unsigned, as pq_getmsgint(msg, 2) does: message counts
  // (parameters, formats) are 0..65535 on the wire, never negative.
  uint16_t ReadUInt16();
  int32_t ReadInt32();
  // Exactly n raw bytes.
  std::string_view ReadBytes(size_t n);
  // Throws unless the whole body has been consumed.
  void ExpectEnd() const;

  size_t remaining() const { return remaining_.size(); }

 private:
  std::string_view remaining_;
};

}  // namespace strata::protocol
