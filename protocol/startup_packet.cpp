// StartupPacket parsing: StartupMessage, SSLRequest, GSSENCRequest, CancelRequest.
//
// Every startup-phase packet is Int32 length (counts itself), Int32 code, payload:
//   SSLRequest     length 8,  code 80877103 (1234.5679)
//   GSSENCRequest  length 8,  code 80877104 (1234.5680)
//   CancelRequest  length 16, code 80877102 (1234.5678), Int32 pid, Int32 key
//   StartupMessage code = protocol version (major << 16 | minor), then
//                  name\0value\0 pairs ending with one more \0.
// Only major version 3 is accepted, any minor: the session answers a minor > 0
// (or unknown "_pq_." options) with NegotiateProtocolVersion.
// Error texts are PostgreSQL 15's (postmaster.c ProcessStartupPacket).
#include <string>

#include "common/coding.h"
#include "protocol/messages.h"

namespace strata::protocol {
namespace {

constexpr uint32_t kSupportedMajorVersion = 3;
constexpr uint32_t kLatestMinorVersion = 0;

void ParseStartupParameters(std::string_view payload, StartupPacket* packet) {
  const ProtocolError layout_error{
      "invalid startup packet layout: expected terminator as last byte"};
  size_t offset = 0;
  while (true) {
    if (offset >= payload.size()) throw layout_error;
    if (payload[offset] == '\0') {  // the terminator: must be the last byte
      if (offset + 1 != payload.size()) throw layout_error;
      return;
    }
    const size_t name_end = payload.find('\0', offset);
    if (name_end == std::string_view::npos) throw layout_error;
    const size_t value_start = name_end + 1;
    const size_t value_end = payload.find('\0', value_start);
    if (value_end == std::string_view::npos) throw layout_error;
    packet->parameters.emplace_back(
        std::string(payload.substr(offset, name_end - offset)),
        std::string(payload.substr(value_start, value_end - value_start)));
    offset = value_end + 1;
  }
}

}  // namespace

std::optional<std::string> StartupPacket::Get(std::string_view name) const {
  for (auto it = parameters.rbegin(); it != parameters.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return std::nullopt;
}

StartupPacket ParseStartupPacket(std::string_view packet) {
  if (packet.size() < 8 || packet.size() > kMaxStartupPacketBytes ||
      DecodeBigEndian32(packet.data()) != packet.size()) {
    throw ProtocolError{"invalid length of startup packet"};
  }
  const uint32_t code = DecodeBigEndian32(packet.data() + 4);
  StartupPacket result;
  switch (code) {
    case kSSLRequestCode:
      if (packet.size() != 8) throw ProtocolError{"invalid length of SSL request packet"};
      result.kind = StartupKind::kSSLRequest;
      return result;
    case kGSSENCRequestCode:
      if (packet.size() != 8) {
        throw ProtocolError{"invalid length of GSSAPI encryption request packet"};
      }
      result.kind = StartupKind::kGSSENCRequest;
      return result;
    case kCancelRequestCode:
      if (packet.size() != 16) {
        throw ProtocolError{"invalid length of cancel request packet"};
      }
      result.kind = StartupKind::kCancelRequest;
      result.cancel_pid = static_cast<int32_t>(DecodeBigEndian32(packet.data() + 8));
      result.cancel_key = static_cast<int32_t>(DecodeBigEndian32(packet.data() + 12));
      return result;
    default:
      break;
  }
  if ((code >> 16) != kSupportedMajorVersion) {
    throw ProtocolError{"unsupported frontend protocol " + std::to_string(code >> 16) +
                        "." + std::to_string(code & 0xffff) + ": server supports " +
                        std::to_string(kSupportedMajorVersion) + ".0 to " +
                        std::to_string(kSupportedMajorVersion) + "." +
                        std::to_string(kLatestMinorVersion)};
  }
  result.kind = StartupKind::kStartup;
  result.protocol_version = code;
  ParseStartupParameters(packet.substr(8), &result);
  return result;
}

}  // namespace strata::protocol
