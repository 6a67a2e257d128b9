// Implementations of the network type operators and functions (see
// network_functions.h). Arguments arrive coerced to the declared types; a
// cidr argument of an inet function is the same payload relabeled.
#include "sql/expr/network_functions.h"
#include "sql/expr/ordered_comparison.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "common/sql_error.h"
#include "sql/backend_status.h"
#include "sql/expr/sql_function_rows.h"
#include "sql/types/network_types.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

using Args = std::span<const Value>;
using net::InetAddr;

InetAddr Get(const Value& v) { return net::DecodeInet(v.string_value()); }
Value MakeInet(const InetAddr& a) { return Value::String(net::kInet, net::EncodeInet(a)); }
Value MakeCidr(InetAddr a) {
  // cidr never has bits set right of its mask.
  for (int i = 0; i < a.size(); ++i) {
    const int keep = a.bits - i * 8;
    const uint8_t mask =
        keep >= 8 ? 0xFF : (keep <= 0 ? 0 : static_cast<uint8_t>(0xFF << (8 - keep)));
    a.addr[i] &= mask;
  }
  return Value::String(net::kCidr, net::EncodeInet(a));
}

// bitncmp: compares the first n bits of two addresses.
int BitCompare(const InetAddr& a, const InetAddr& b, int n) {
  for (int i = 0; n > 0; ++i, n -= 8) {
    const uint8_t mask = n >= 8 ? 0xFF : static_cast<uint8_t>(0xFF << (8 - n));
    const int x = a.addr[i] & mask;
    const int y = b.addr[i] & mask;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

uint8_t MaskByte(int bits, int i) {
  const int keep = bits - i * 8;
  return keep >= 8 ? 0xFF : (keep <= 0 ? 0 : static_cast<uint8_t>(0xFF << (8 - keep)));
}

// a << b (strict) or a <<= b: a lies within b.
bool Within(const InetAddr& a, const InetAddr& b, bool or_equal) {
  if (a.family != b.family) return false;
  if (or_equal ? a.bits < b.bits : a.bits <= b.bits) return false;
  return BitCompare(a, b, b.bits) == 0;
}

Value NetworkSub(Args a) { return Value::Bool(Within(Get(a[0]), Get(a[1]), false)); }
Value NetworkSubEq(Args a) { return Value::Bool(Within(Get(a[0]), Get(a[1]), true)); }
Value NetworkSup(Args a) { return Value::Bool(Within(Get(a[1]), Get(a[0]), false)); }
Value NetworkSupEq(Args a) { return Value::Bool(Within(Get(a[1]), Get(a[0]), true)); }
Value NetworkOverlap(Args a) {
  const InetAddr x = Get(a[0]);
  const InetAddr y = Get(a[1]);
  if (x.family != y.family) return Value::Bool(false);
  return Value::Bool(BitCompare(x, y, std::min(x.bits, y.bits)) == 0);
}

Value Family(Args a) { return Value::Int4(Get(a[0]).family == net::kFamilyInet4 ? 4 : 6); }
Value Masklen(Args a) { return Value::Int4(Get(a[0]).bits); }

std::string HostText(InetAddr a) {
  a.bits = static_cast<uint8_t>(a.max_bits());
  return net::FormatInet(net::EncodeInet(a), false);
}

Value Host(Args a) { return Value::Text(HostText(Get(a[0]))); }
Value NetworkShow(Args a) {
  const InetAddr x = Get(a[0]);
  return Value::Text(HostText(x) + "/" + std::to_string(x.bits));
}
Value InetAbbrev(Args a) { return Value::Text(net::FormatInet(a[0].string_value(), false)); }

// inet_cidr_ntop_ipv6: only the 16-bit words the mask covers (at least
// two) are shown, its longest zero run (even of one word) as "::", and an
// embedded IPv4 tail (::a.b.c.d, ::ffff:a.b.c.d) only to the octets covered
// (at least two).
std::string CidrAbbrev6(const InetAddr& x) {
  unsigned words[8];
  for (int i = 0; i < 8; ++i) words[i] = (x.addr[2 * i] << 8) | x.addr[2 * i + 1];
  const int nwords = std::max(2, (x.bits + 15) / 16);
  auto [best_base, best_len] = net::LongestZeroRun(words, nwords);
  std::string out;
  char buf[16];
  for (int i = 0; i < nwords; ++i) {
    if (best_base != -1 && i >= best_base && i < best_base + best_len) {
      if (i == best_base) out += ':';
      continue;
    }
    if (i != 0) out += ':';
    if (i == 6 && best_base == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff))) {
      const int octets = std::max(2, (x.bits - 96 + 7) / 8);
      for (int k = 0; k < octets; ++k) {
        if (k != 0) out += '.';
        out += std::to_string(x.addr[12 + k]);
      }
      best_base = -1;  // no trailing "::" after the IPv4 part
      break;
    }
    std::snprintf(buf, sizeof buf, "%x", words[i]);
    out += buf;
  }
  if (best_base != -1 && best_base + best_len == nwords) out += ':';
  return out + "/" + std::to_string(x.bits);
}

// cidr_abbrev (inet_cidr_ntop): IPv4 shows only the octets the mask covers.
Value CidrAbbrev(Args a) {
  const InetAddr x = Get(a[0]);
  if (x.family != net::kFamilyInet4) return Value::Text(CidrAbbrev6(x));
  std::string out;
  if (x.bits == 0) out = "0";
  int i = 0;
  for (int b = x.bits / 8; b > 0; --b, ++i) {
    out += std::to_string(x.addr[i]);
    if (b > 1) out += ".";
  }
  const int rest = x.bits % 8;
  if (rest > 0) {
    if (!out.empty()) out += ".";
    out += std::to_string(x.addr[i] & MaskByte(rest, 0));
  }
  return Value::Text(out + "/" + std::to_string(x.bits));
}

Value Broadcast(Args a) {
  InetAddr x = Get(a[0]);
  for (int i = 0; i < x.size(); ++i) x.addr[i] |= static_cast<uint8_t>(~MaskByte(x.bits, i));
  return MakeInet(x);
}
Value Network(Args a) { return MakeCidr(Get(a[0])); }
Value Netmask(Args a) {
  InetAddr x = Get(a[0]);
  for (int i = 0; i < x.size(); ++i) x.addr[i] = MaskByte(x.bits, i);
  x.bits = static_cast<uint8_t>(x.max_bits());
  return MakeInet(x);
}
Value Hostmask(Args a) {
  InetAddr x = Get(a[0]);
  for (int i = 0; i < x.size(); ++i) x.addr[i] = static_cast<uint8_t>(~MaskByte(x.bits, i));
  x.bits = static_cast<uint8_t>(x.max_bits());
  return MakeInet(x);
}

InetAddr WithMasklen(const Value& v, int64_t bits) {
  InetAddr x = Get(v);
  if (bits == -1) bits = x.max_bits();
  if (bits < 0 || bits > x.max_bits()) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "invalid mask length: " + std::to_string(bits));
  }
  x.bits = static_cast<uint8_t>(bits);
  return x;
}
Value InetSetMasklen(Args a) { return MakeInet(WithMasklen(a[0], a[1].int_value())); }
Value CidrSetMasklen(Args a) { return MakeCidr(WithMasklen(a[0], a[1].int_value())); }

Value SameFamily(Args a) { return Value::Bool(Get(a[0]).family == Get(a[1]).family); }

Value InetMerge(Args a) {
  const InetAddr x = Get(a[0]);
  const InetAddr y = Get(a[1]);
  if (x.family != y.family) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "cannot merge addresses from different families");
  }
  int common = 0;
  const int limit = std::min(x.bits, y.bits);
  while (common < limit && BitCompare(x, y, common + 1) == 0) ++common;
  InetAddr r = x;
  r.bits = static_cast<uint8_t>(common);
  return MakeCidr(r);
}

Value InetNot(Args a) {
  InetAddr x = Get(a[0]);
  for (int i = 0; i < x.size(); ++i) x.addr[i] = static_cast<uint8_t>(~x.addr[i]);
  return MakeInet(x);
}

template <bool kAnd>
Value InetBitwise(Args a) {
  InetAddr x = Get(a[0]);
  const InetAddr y = Get(a[1]);
  if (x.family != y.family) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   std::string("cannot ") + (kAnd ? "AND" : "OR") +
                       " inet values of different sizes");
  }
  for (int i = 0; i < x.size(); ++i) {
    x.addr[i] = static_cast<uint8_t>(kAnd ? (x.addr[i] & y.addr[i]) : (x.addr[i] | y.addr[i]));
  }
  x.bits = std::max(x.bits, y.bits);
  return MakeInet(x);
}

// internal_inetpl: the address plus a signed 64-bit amount; leaving the
// address space is 22003.
InetAddr AddToAddress(InetAddr x, int64_t addend) {
  const auto out_of_range = [] {
    return SqlError(SqlState::kNumericValueOutOfRange, "result is out of range");
  };
  using U = unsigned __int128;
  U v = 0;
  for (int i = 0; i < x.size(); ++i) v = (v << 8) | x.addr[i];
  const U max = x.family == net::kFamilyInet4 ? U{0xFFFFFFFFu} : ~U{0};
  if (addend >= 0) {
    const U add = static_cast<U>(addend);
    if (max - v < add) throw out_of_range();
    v += add;
  } else {
    const U sub = static_cast<U>(-(static_cast<__int128>(addend)));
    if (v < sub) throw out_of_range();
    v -= sub;
  }
  for (int i = x.size() - 1; i >= 0; --i) {
    x.addr[i] = static_cast<uint8_t>(v & 0xFF);
    v >>= 8;
  }
  return x;
}

Value InetPl(Args a) { return MakeInet(AddToAddress(Get(a[0]), a[1].int_value())); }
Value Int8PlInet(Args a) { return MakeInet(AddToAddress(Get(a[1]), a[0].int_value())); }
Value InetMiInt8(Args a) {
  const int64_t n = a[1].int_value();
  if (n == INT64_MIN) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "result is out of range");
  }
  return MakeInet(AddToAddress(Get(a[0]), -n));
}
Value InetMi(Args a) {
  const InetAddr x = Get(a[0]);
  const InetAddr y = Get(a[1]);
  if (x.family != y.family) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "cannot subtract inet values of different sizes");
  }
  unsigned __int128 ux = 0, uy = 0;
  for (int i = 0; i < x.size(); ++i) {
    ux = (ux << 8) | x.addr[i];
    uy = (uy << 8) | y.addr[i];
  }
  const bool neg = ux < uy;
  const unsigned __int128 mag = neg ? uy - ux : ux - uy;
  if (mag > static_cast<unsigned __int128>(INT64_MAX) + (neg ? 1 : 0)) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "result is out of range");
  }
  const int64_t r = neg ? static_cast<int64_t>(-static_cast<__int128>(mag))
                        : static_cast<int64_t>(mag);
  return Value::Int8(r);
}

template <size_t kLen, Oid kType>
Value MacNot(Args a) {
  std::string s = a[0].string_value();
  for (char& c : s) c = static_cast<char>(~c);
  return Value::String(kType, std::move(s));
}
template <Oid kType, bool kAnd>
Value MacBitwise(Args a) {
  std::string s = a[0].string_value();
  const std::string& t = a[1].string_value();
  for (size_t i = 0; i < s.size(); ++i) s[i] = static_cast<char>(kAnd ? (s[i] & t[i]) : (s[i] | t[i]));
  return Value::String(kType, std::move(s));
}
template <Oid kType, size_t kKeep>
Value MacTrunc(Args a) {
  std::string s = a[0].string_value();
  for (size_t i = kKeep; i < s.size(); ++i) s[i] = 0;
  return Value::String(kType, std::move(s));
}
Value Macaddr8Set7bit(Args a) {
  std::string s = a[0].string_value();
  s[0] = static_cast<char>(s[0] | 0x02);
  return Value::String(net::kMacaddr8, std::move(s));
}
Value MacaddrToMacaddr8(Args a) {
  const std::string& s = a[0].string_value();
  std::string r = s.substr(0, 3) + "\xFF\xFE" + s.substr(3, 3);
  return Value::String(net::kMacaddr8, std::move(r));
}
Value Macaddr8ToMacaddr(Args a) {
  const std::string& s = a[0].string_value();
  if (static_cast<uint8_t>(s[3]) != 0xFF || static_cast<uint8_t>(s[4]) != 0xFE) {
    throw SqlError(SqlState::kNumericValueOutOfRange,
                   "macaddr8 data out of range to convert to macaddr")
        .WithHint(
            "Only addresses that have FF and FE as values in the 4th and 5th bytes from the "
            "left, for example xx:xx:xx:ff:fe:xx:xx:xx, are eligible to be converted from "
            "macaddr8 to macaddr.");
  }
  return Value::String(net::kMacaddr, s.substr(0, 3) + s.substr(5, 3));
}
Value InetToCidr(Args a) { return MakeCidr(Get(a[0])); }

// inet_client_addr() / inet_client_port(): this session's peer, NULL over a
// Unix-domain socket.
Value InetClientAddr(Args) {
  const BackendStatus* status = CurrentBackendStatus();
  return ClientAddrValue(status != nullptr ? status->Read().client_addr : std::string());
}
Value InetClientPort(Args) {
  const BackendStatus* status = CurrentBackendStatus();
  if (status == nullptr) return Value::Null(type_oid::kInt4);
  const BackendActivity a = status->Read();
  if (a.client_addr.empty()) return Value::Null(type_oid::kInt4);
  return Value::Int4(a.client_port);
}

constexpr Oid kInet = net::kInet;
constexpr Oid kCidr = net::kCidr;
constexpr Oid kMac = net::kMacaddr;
constexpr Oid kMac8 = net::kMacaddr8;

constexpr BuiltinFunction kFunctions[] = {
    {"network_eq", CompareOrdered<Comparison::kEq>},
    {"network_ne", CompareOrdered<Comparison::kNe>},
    {"network_lt", CompareOrdered<Comparison::kLt>},
    {"network_le", CompareOrdered<Comparison::kLe>},
    {"network_gt", CompareOrdered<Comparison::kGt>},
    {"network_ge", CompareOrdered<Comparison::kGe>},
    {"macaddr_eq", CompareOrdered<Comparison::kEq>},
    {"macaddr_ne", CompareOrdered<Comparison::kNe>},
    {"macaddr_lt", CompareOrdered<Comparison::kLt>},
    {"macaddr_le", CompareOrdered<Comparison::kLe>},
    {"macaddr_gt", CompareOrdered<Comparison::kGt>},
    {"macaddr_ge", CompareOrdered<Comparison::kGe>},
    {"macaddr8_eq", CompareOrdered<Comparison::kEq>},
    {"macaddr8_ne", CompareOrdered<Comparison::kNe>},
    {"macaddr8_lt", CompareOrdered<Comparison::kLt>},
    {"macaddr8_le", CompareOrdered<Comparison::kLe>},
    {"macaddr8_gt", CompareOrdered<Comparison::kGt>},
    {"macaddr8_ge", CompareOrdered<Comparison::kGe>},
    {"network_sub", NetworkSub}, {"network_subeq", NetworkSubEq},
    {"network_sup", NetworkSup}, {"network_supeq", NetworkSupEq},
    {"network_overlap", NetworkOverlap},
    {"inetnot", InetNot},        {"inetand", InetBitwise<true>}, {"inetor", InetBitwise<false>},
    {"inetpl", InetPl},          {"int8pl_inet", Int8PlInet},    {"inetmi_int8", InetMiInt8},
    {"inetmi", InetMi},
    {"macaddr_not", MacNot<6, kMac>},       {"macaddr_and", MacBitwise<kMac, true>},
    {"macaddr_or", MacBitwise<kMac, false>}, {"macaddr8_not", MacNot<8, kMac8>},
    {"macaddr8_and", MacBitwise<kMac8, true>}, {"macaddr8_or", MacBitwise<kMac8, false>},
    {"network_family", Family},  {"network_masklen", Masklen},  {"network_host", Host},
    {"network_show", NetworkShow}, {"inet_abbrev", InetAbbrev}, {"cidr_abbrev", CidrAbbrev},
    {"network_broadcast", Broadcast}, {"network_network", Network},
    {"network_netmask", Netmask}, {"network_hostmask", Hostmask},
    {"inet_set_masklen", InetSetMasklen}, {"cidr_set_masklen", CidrSetMasklen},
    {"inet_same_family", SameFamily}, {"inet_merge", InetMerge},
    {"macaddr_trunc", MacTrunc<kMac, 3>}, {"macaddr8_trunc", MacTrunc<kMac8, 3>},
    {"macaddr8_set7bit", Macaddr8Set7bit},
    {"macaddrtomacaddr8", MacaddrToMacaddr8}, {"macaddr8tomacaddr", Macaddr8ToMacaddr},
    {"inet_to_cidr", InetToCidr},
};

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}
const SqlFunctionRow kRows[] = {
    {"abbrev", ARGS(kInet), 1, type_oid::kText, "inet_abbrev", nullptr},
    {"abbrev", ARGS(kCidr), 1, type_oid::kText, "cidr_abbrev", nullptr},
    {"broadcast", ARGS(kInet), 1, kInet, "network_broadcast", nullptr},
    {"family", ARGS(kInet), 1, type_oid::kInt4, "network_family", nullptr},
    {"host", ARGS(kInet), 1, type_oid::kText, "network_host", nullptr},
    {"hostmask", ARGS(kInet), 1, kInet, "network_hostmask", nullptr},
    {"inet_merge", ARGS(kInet, kInet), 2, kCidr, "inet_merge", nullptr},
    {"inet_same_family", ARGS(kInet, kInet), 2, type_oid::kBool, "inet_same_family", nullptr},
    {"masklen", ARGS(kInet), 1, type_oid::kInt4, "network_masklen", nullptr},
    {"netmask", ARGS(kInet), 1, kInet, "network_netmask", nullptr},
    {"network", ARGS(kInet), 1, kCidr, "network_network", nullptr},
    {"set_masklen", ARGS(kInet, type_oid::kInt4), 2, kInet, "inet_set_masklen", nullptr},
    {"set_masklen", ARGS(kCidr, type_oid::kInt4), 2, kCidr, "cidr_set_masklen", nullptr},
    {"text", ARGS(kInet), 1, type_oid::kText, "network_show", nullptr},
    {"trunc", ARGS(kMac), 1, kMac, "macaddr_trunc", nullptr},
    {"trunc", ARGS(kMac8), 1, kMac8, "macaddr8_trunc", nullptr},
    {"macaddr8_set7bit", ARGS(kMac8), 1, kMac8, "macaddr8_set7bit", nullptr},
    {"cidr", ARGS(kInet), 1, kCidr, "inet_to_cidr", nullptr},
    {"macaddr8", ARGS(kMac), 1, kMac8, "macaddrtomacaddr8", nullptr},
    {"macaddr", ARGS(kMac8), 1, kMac, "macaddr8tomacaddr", nullptr},
    {"inet_client_addr", ARGS(), 0, kInet, "inet_client_addr", InetClientAddr},
    {"inet_client_port", ARGS(), 0, type_oid::kInt4, "inet_client_port", InetClientPort},
};
#undef ARGS

}  // namespace

std::span<const BuiltinFunction> NetworkFunctions() { return kFunctions; }

std::span<const SqlFunction> NetworkSqlFunctions() {
  static const std::vector<SqlFunction> functions = SqlFunctionsFromRows(kRows);
  return functions;
}

Value ClientAddrValue(const std::string& address) {
  if (address.empty()) return Value::Null(kInet);
  try {
    return Value::String(kInet, net::ParseInet(address, false));
  } catch (const SqlError&) {
    return Value::Null(kInet);  // e.g. an IPv6 address with a zone (fe80::1%eth0)
  }
}

bool IsNetworkCast(Oid source, Oid target) {
  const bool to_text = target == type_oid::kText || target == type_oid::kVarchar ||
                       target == type_oid::kBpchar;
  return (source == kInet && target == kCidr) || (source == kMac && target == kMac8) ||
         (source == kMac8 && target == kMac) || ((source == kInet || source == kCidr) && to_text);
}

Value NetworkCast(const Value& value, Oid target) {
  const Value args[] = {value};
  if (target != kCidr && target != kMac && target != kMac8) {
    return Value::String(target, NetworkShow(args).string_value());  // text(inet)
  }
  if (target == kCidr) return InetToCidr(args);
  if (target == kMac8) return MacaddrToMacaddr8(args);
  return Macaddr8ToMacaddr(args);
}

}  // namespace strata::sql
