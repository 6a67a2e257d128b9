// MessageDecoder: splits a frontend byte stream into startup packets and typed messages.
//
// Framing (PostgreSQL v3):
//   startup phase:  Int32 length (counts itself), then length - 4 bytes
//   after startup:  Byte1 type, Int32 length (counts itself, not the type byte),
//                   then length - 4 bytes of body
// Buffer invariant: bytes [0, consumed_) of buffer_ are already decoded and
// [consumed_, size) are pending. Decoded bytes are dropped by Compact(), which
// clears the buffer when everything is consumed and otherwise moves the pending
// tail to the front only once the consumed prefix is at least half the buffer,
// so every byte is moved O(1) times on average (no erase-from-front per message).
#include "common/coding.h"
#include "protocol/messages.h"

namespace strata::protocol {
namespace {

// Compact only once this many decoded bytes sit in front of the pending ones.
constexpr size_t kCompactMinBytes = 4096;
// After a very large message, free its storage rather than keep it per connection.
constexpr size_t kMaxRetainedCapacity = size_t{1} << 20;

constexpr size_t kStartupHeaderBytes = 8;  // Int32 length + Int32 code/version
constexpr size_t kMessageHeaderBytes = 5;  // Byte1 type + Int32 length

}  // namespace

std::optional<StartupPacket> MessageDecoder::NextStartup() {
  const std::string_view pending = std::string_view(buffer_).substr(consumed_);
  if (pending.size() < 4) return std::nullopt;
  const uint32_t length = DecodeBigEndian32(pending.data());
  if (length < kStartupHeaderBytes || length > kMaxStartupPacketBytes) {
    throw ProtocolError{"invalid length of startup packet"};
  }
  if (pending.size() < length) return std::nullopt;
  StartupPacket packet = ParseStartupPacket(pending.substr(0, length));
  consumed_ += length;
  Compact();
  return packet;
}

std::optional<FrontendMessage> MessageDecoder::NextMessage() {
  const std::string_view pending = std::string_view(buffer_).substr(consumed_);
  if (pending.size() < kMessageHeaderBytes) return std::nullopt;
  const uint32_t length = DecodeBigEndian32(pending.data() + 1);
  // A length word above INT32_MAX is negative on the wire; it fails here too.
  if (length < 4 || length > max_message_bytes_) {
    throw ProtocolError{"invalid message length"};
  }
  const size_t total = size_t{1} + length;
  if (pending.size() < total) return std::nullopt;
  FrontendMessage message;
  message.type = pending[0];
  message.body.assign(pending.substr(kMessageHeaderBytes, length - 4));
  consumed_ += total;
  Compact();
  return message;
}

void MessageDecoder::Compact() {
  if (consumed_ == 0) return;
  if (consumed_ == buffer_.size()) {
    if (buffer_.capacity() > kMaxRetainedCapacity) {
      std::string().swap(buffer_);
    } else {
      buffer_.clear();
    }
    consumed_ = 0;
  } else if (consumed_ >= kCompactMinBytes && consumed_ * 2 >= buffer_.size()) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
}

}  // namespace strata::protocol
