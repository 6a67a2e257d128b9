// MessageReader: consumes the fields of one frontend message body, as
// PostgreSQL's pq_getmsg* functions do, throwing ProtocolError on bad input.
//
// LIFETIME: the reader and every string_view it returns borrow the body passed
// to the constructor; keep that body alive while they are used.
// Error texts are PostgreSQL's ("insufficient data left in message", "invalid
// string in message", "invalid message format") so clients see the same 08P01.
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
  int16_t ReadInt16();
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
