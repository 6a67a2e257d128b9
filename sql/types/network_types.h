// The network address types inet, cidr, macaddr and macaddr8: their OIDs,
// payload layout and text I/O (PostgreSQL 15's network.c, inet_net_pton.c,
// inet_cidr_ntop.c, mac.c, mac8.c).
//
// Payloads (std::string alternatives of Value) are laid out so that plain
// byte comparison is PostgreSQL's ordering (network_cmp / macaddr_cmp), which
// lets value_compare, hashing and the memcomparable key encoding treat them
// like bytea:
//   inet/cidr: [family][network][bits][address]
//     family   1 byte, 2 for IPv4 and 3 for IPv6 (PGSQL_AF_INET/_INET6)
//     network  the address masked to `bits` (4 or 16 bytes)
//     bits     the netmask length (1 byte)
//     address  the address as entered (4 or 16 bytes)
//   network_cmp compares the first min(bits) bits, then bits, then the whole
//   address; for equal leading min(bits) bits the longer prefix's masked
//   network is >= the shorter one's, so [network][bits][address] orders the
//   same. inet and cidr share the layout (cidr is binary-coercible to inet).
//   macaddr: its 6 bytes; macaddr8: its 8 bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/types/data_type.h"

namespace strata::sql::net {

inline constexpr Oid kInet = 869;
inline constexpr Oid kCidr = 650;
inline constexpr Oid kMacaddr = 829;
inline constexpr Oid kMacaddr8 = 774;

inline constexpr uint8_t kFamilyInet4 = 2;
inline constexpr uint8_t kFamilyInet6 = 3;

bool IsNetworkType(Oid type);

// A decoded inet/cidr payload.
struct InetAddr {
  uint8_t family = kFamilyInet4;
  uint8_t bits = 32;
  uint8_t addr[16] = {};
  int size() const { return family == kFamilyInet4 ? 4 : 16; }
  int max_bits() const { return family == kFamilyInet4 ? 32 : 128; }
};

InetAddr DecodeInet(std::string_view payload);

// The first longest run of zero 16-bit words among words[0..n) (IPv6's "::"
// position); base -1 when there is none.
struct ZeroRun {
  int base = -1;
  int length = 0;
};
ZeroRun LongestZeroRun(const unsigned* words, int n);
std::string EncodeInet(const InetAddr& a);

// inet_in / cidr_in (22P02 errors with PostgreSQL's texts).
std::string ParseInet(std::string_view text, bool is_cidr);
// inet_out / cidr_out.
std::string FormatInet(std::string_view payload, bool is_cidr);

// macaddr_in / macaddr_out (6 bytes).
std::string ParseMacaddr(std::string_view text);
std::string FormatMacaddr(std::string_view bytes);

// macaddr8_in (6- or 8-byte input) / macaddr8_out (8 bytes).
std::string ParseMacaddr8(std::string_view text);
std::string FormatMacaddr8(std::string_view bytes);

}  // namespace strata::sql::net
