// MessageReader: bounds-checked field reads over a frontend message body.
#include "protocol/message_reader.h"

#include "common/coding.h"

namespace strata::protocol {

std::string_view MessageReader::ReadCString() {
  const size_t nul = remaining_.find('\0');
  if (nul == std::string_view::npos) {
    throw ProtocolError{"invalid string in message"};
  }
  std::string_view s = remaining_.substr(0, nul);
  remaining_.remove_prefix(nul + 1);
  return s;
}

uint8_t MessageReader::ReadByte() {
  if (remaining_.empty()) throw ProtocolError{"no data left in message"};
  const uint8_t byte = static_cast<uint8_t>(remaining_.front());
  remaining_.remove_prefix(1);
  return byte;
}

uint16_t MessageReader::ReadUInt16() { return DecodeBigEndian16(ReadBytes(2).data()); }

int16_t MessageReader::ReadInt16() {
  return static_cast<int16_t>(DecodeBigEndian16(ReadBytes(2).data()));
}

int32_t MessageReader::ReadInt32() {
  return static_cast<int32_t>(DecodeBigEndian32(ReadBytes(4).data()));
}

std::string_view MessageReader::ReadBytes(size_t n) {
  if (n > remaining_.size()) {
    throw ProtocolError{"insufficient data left in message"};
  }
  std::string_view bytes = remaining_.substr(0, n);
  remaining_.remove_prefix(n);
  return bytes;
}

void MessageReader::ExpectEnd() const {
  if (!remaining_.empty()) throw ProtocolError{"invalid message format"};
}

}  // namespace strata::protocol
