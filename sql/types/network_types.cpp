// Text I/O and payload encoding of inet, cidr, macaddr and macaddr8 (see
// network_types.h), following PostgreSQL 15's parsers rule for rule: inet
// accepts IPv4 "a.b.c.d[/n]" (fewer octets only with a prefix length that
// they cover) and any IPv6 form; cidr additionally accepts classful short
// forms ("10", "192.168/16"), hex ("0x0a") and requires no bits set to the
// right of the mask.
#include "sql/types/network_types.h"

#include <cctype>
#include <algorithm>
#include <cstdio>
#include <string>

#include "common/hex_digit.h"
#include "common/sql_error.h"

namespace strata::sql::net {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// A NUL-terminated view: the C parsers read one character past the end.
struct Cursor {
  std::string_view s;
  size_t p = 0;
  char Next() { return p < s.size() ? s[p++] : (++p, '\0'); }
  char Peek(size_t k = 0) const { return p + k < s.size() ? s[p + k] : '\0'; }
};

// What follows an IPv4 address's octets (`ch`, the character after the
// last one; `octets` of them were read): "/len" (len at most 32, only
// after an octet) then the end, or just the end. The length, kNoSuffix
// without "/len", or kBadSuffix.
constexpr int kNoSuffix = -1;
constexpr int kBadSuffix = -2;
int ParseIpv4Suffix(Cursor* c, char ch, int octets) {
  int bits = kNoSuffix;
  if (ch == '/' && IsDigit(c->Peek()) && octets > 0) {
    ch = c->Next();
    bits = 0;
    do {
      bits = bits * 10 + (ch - '0');
      if (bits > 32) return kBadSuffix;
    } while ((ch = c->Next()) != '\0' && IsDigit(ch));
  }
  return ch == '\0' ? bits : kBadSuffix;
}

// inet_net_pton_ipv4: bits or -1.
int ParseInet4(std::string_view src, uint8_t* dst) {
  Cursor c{src};
  int n = 0;
  char ch;
  while (ch = c.Next(), IsDigit(ch)) {
    int tmp = 0;
    do {
      tmp = tmp * 10 + (ch - '0');
      if (tmp > 255) return -1;
    } while ((ch = c.Next()) != '\0' && IsDigit(ch));
    if (n == 4) return -1;
    dst[n++] = static_cast<uint8_t>(tmp);
    if (ch == '\0' || ch == '/') break;
    if (ch != '.') return -1;
  }
  int bits = ParseIpv4Suffix(&c, ch, n);
  if (bits == kBadSuffix) return -1;
  if (bits == kNoSuffix) {
    if (n != 4) return -1;
    bits = 32;
  }
  if (n == 0) return -1;
  if (bits / 8 > n) return -1;
  for (; n < 4; ++n) dst[n] = 0;
  return bits;
}

// inet_cidr_pton_ipv4: bits or -1.
int ParseCidr4(std::string_view src, uint8_t* dst) {
  Cursor c{src};
  int n = 0;
  char ch = c.Next();
  if (ch == '0' && (c.Peek() == 'x' || c.Peek() == 'X') && IsHex(c.Peek(1))) {
    c.Next();
    int dirty = 0;
    int tmp = 0;
    for (;;) {
      ch = c.Next();
      if (ch == '\0' || !IsHex(ch)) break;
      tmp = dirty == 0 ? HexDigitValue(ch) : ((tmp << 4) | HexDigitValue(ch));
      if (++dirty == 2) {
        if (n == 4) return -1;
        dst[n++] = static_cast<uint8_t>(tmp);
        dirty = 0;
      }
    }
    if (dirty) {
      if (n == 4) return -1;
      dst[n++] = static_cast<uint8_t>(tmp << 4);
    }
  } else if (IsDigit(ch)) {
    for (;;) {
      int tmp = 0;
      do {
        tmp = tmp * 10 + (ch - '0');
        if (tmp > 255) return -1;
      } while ((ch = c.Next()) != '\0' && IsDigit(ch));
      if (n == 4) return -1;
      dst[n++] = static_cast<uint8_t>(tmp);
      if (ch == '\0' || ch == '/') break;
      if (ch != '.') return -1;
      ch = c.Next();
      if (!IsDigit(ch)) return -1;
    }
  } else {
    return -1;
  }
  int bits = ParseIpv4Suffix(&c, ch, n);
  if (bits == kBadSuffix) return -1;
  if (n == 0) return -1;
  if (bits == kNoSuffix) {
    // No width given: the classful one, widened to cover the octets given.
    if (dst[0] >= 240) {
      bits = 32;
    } else if (dst[0] >= 224) {
      bits = 8;
    } else if (dst[0] >= 192) {
      bits = 24;
    } else if (dst[0] >= 128) {
      bits = 16;
    } else {
      bits = 8;
    }
    if (bits < n * 8) bits = n * 8;
    if (bits == 8 && dst[0] == 224) bits = 4;
  }
  while (bits > n * 8) {
    if (n == 4) return -1;
    dst[n++] = 0;
  }
  for (; n < 4; ++n) dst[n] = 0;
  return bits;
}

// Dotted-quad IPv4 inside an IPv6 address (getv4): true on success.
bool ParseEmbeddedV4(std::string_view src, uint8_t* dst) {
  int n = 0;
  int val = 0;
  bool have_digit = false;
  for (size_t i = 0; i <= src.size(); ++i) {
    const char ch = i < src.size() ? src[i] : '\0';
    if (IsDigit(ch)) {
      if (have_digit && val == 0) return false;  // no leading zeros
      val = val * 10 + (ch - '0');
      if (val > 255) return false;
      have_digit = true;
    } else if (ch == '.' || ch == '\0') {
      if (!have_digit || n == 4) return false;
      dst[n++] = static_cast<uint8_t>(val);
      val = 0;
      have_digit = false;
    } else {
      return false;
    }
  }
  return n == 4;
}

// inet_cidr_pton_ipv6: bits or -1.
int ParseInet6(std::string_view src, uint8_t* dst) {
  int bits = 128;
  const size_t slash = src.find('/');
  std::string_view addr = src;
  if (slash != std::string_view::npos) {
    const std::string_view b = src.substr(slash + 1);
    if (b.empty() || b.size() > 3) return -1;
    bits = 0;
    for (const char ch : b) {
      if (!IsDigit(ch)) return -1;
      if (bits == 0 && ch == '0' && b.size() > 1) return -1;
      bits = bits * 10 + (ch - '0');
    }
    if (bits > 128) return -1;
    addr = src.substr(0, slash);
  }
  uint8_t tmp[16] = {};
  int tp = 0;
  int colonp = -1;
  size_t i = 0;
  if (!addr.empty() && addr[0] == ':') {
    if (addr.size() < 2 || addr[1] != ':') return -1;
    i = 1;
  }
  size_t curtok = i;
  bool saw_xdigit = false;
  unsigned val = 0;
  int digits = 0;
  for (; i < addr.size(); ++i) {
    const char ch = addr[i];
    if (IsHex(ch)) {
      val = (val << 4) | static_cast<unsigned>(HexDigitValue(ch));
      if (++digits > 4) return -1;
      saw_xdigit = true;
      continue;
    }
    if (ch == ':') {
      curtok = i + 1;
      if (!saw_xdigit) {
        if (colonp != -1) return -1;
        colonp = tp;
        continue;
      }
      if (i + 1 >= addr.size()) return -1;
      if (tp + 2 > 16) return -1;
      tmp[tp++] = static_cast<uint8_t>(val >> 8);
      tmp[tp++] = static_cast<uint8_t>(val);
      saw_xdigit = false;
      digits = 0;
      val = 0;
      continue;
    }
    if (ch == '.' && tp + 4 <= 16 && ParseEmbeddedV4(addr.substr(curtok), tmp + tp)) {
      tp += 4;
      saw_xdigit = false;
      i = addr.size();
      break;
    }
    return -1;
  }
  if (saw_xdigit) {
    if (tp + 2 > 16) return -1;
    tmp[tp++] = static_cast<uint8_t>(val >> 8);
    tmp[tp++] = static_cast<uint8_t>(val);
  }
  if (colonp != -1) {
    if (tp == 16) return -1;
    const int n = tp - colonp;
    for (int k = 1; k <= n; ++k) {
      tmp[16 - k] = tmp[colonp + n - k];
      tmp[colonp + n - k] = 0;
    }
    tp = 16;
  }
  if (tp != 16) return -1;
  for (int k = 0; k < 16; ++k) dst[k] = tmp[k];
  return bits;
}

// True if no bit of `a` beyond its first `bits` is set (addressOK).
bool NoBitsRightOfMask(const InetAddr& a) {
  for (int i = 0; i < a.size(); ++i) {
    const int keep = a.bits - i * 8;
    const uint8_t mask = keep >= 8 ? 0xFF : (keep <= 0 ? 0 : static_cast<uint8_t>(0xFF << (8 - keep)));
    if ((a.addr[i] & ~mask) != 0) return false;
  }
  return true;
}

std::string FormatInet4(const InetAddr& a) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a.addr[0], a.addr[1], a.addr[2], a.addr[3]);
  return buf;
}

// inet_net_ntop_ipv6's address part: the longest run (>= 2) of zero words
// as "::", an embedded IPv4 address for ::a.b.c.d and ::ffff:a.b.c.d.
std::string FormatInet6(const InetAddr& a) {
  unsigned words[8];
  for (int i = 0; i < 8; ++i) words[i] = (a.addr[2 * i] << 8) | a.addr[2 * i + 1];
  auto [best_base, best_len] = LongestZeroRun(words, 8);
  if (best_base != -1 && best_len < 2) best_base = -1;
  std::string out;
  char buf[32];
  for (int i = 0; i < 8; ++i) {
    if (best_base != -1 && i >= best_base && i < best_base + best_len) {
      if (i == best_base) out += ':';
      continue;
    }
    if (i != 0) out += ':';
    if (i == 6 && best_base == 0 &&
        (best_len == 6 || (best_len == 7 && words[7] != 0x0001) ||
         (best_len == 5 && words[5] == 0xffff))) {
      std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a.addr[12], a.addr[13], a.addr[14],
                    a.addr[15]);
      out += buf;
      break;
    }
    std::snprintf(buf, sizeof buf, "%x", words[i]);
    out += buf;
  }
  if (best_base != -1 && best_base + best_len == 8) out += ':';
  return out;
}

}  // namespace

ZeroRun LongestZeroRun(const unsigned* words, int n) {
  ZeroRun best;
  int cur_base = -1, cur_len = 0;
  for (int i = 0; i <= n; ++i) {
    if (i < n && words[i] == 0) {
      if (cur_base == -1) cur_base = i;
      ++cur_len;
      continue;
    }
    if (cur_base != -1 && (best.base == -1 || cur_len > best.length)) best = {cur_base, cur_len};
    cur_base = -1;
    cur_len = 0;
  }
  return best;
}

bool IsNetworkType(Oid type) {
  return type == kInet || type == kCidr || type == kMacaddr || type == kMacaddr8;
}

InetAddr DecodeInet(std::string_view payload) {
  InetAddr a;
  a.family = static_cast<uint8_t>(payload[0]);
  const int size = a.size();
  a.bits = static_cast<uint8_t>(payload[1 + size]);
  for (int i = 0; i < size; ++i) a.addr[i] = static_cast<uint8_t>(payload[2 + size + i]);
  return a;
}

std::string EncodeInet(const InetAddr& a) {
  std::string out;
  out.push_back(static_cast<char>(a.family));
  for (int i = 0; i < a.size(); ++i) {
    const int keep = a.bits - i * 8;
    const uint8_t mask =
        keep >= 8 ? 0xFF : (keep <= 0 ? 0 : static_cast<uint8_t>(0xFF << (8 - keep)));
    out.push_back(static_cast<char>(a.addr[i] & mask));
  }
  out.push_back(static_cast<char>(a.bits));
  for (int i = 0; i < a.size(); ++i) out.push_back(static_cast<char>(a.addr[i]));
  return out;
}

std::string ParseInet(std::string_view text, bool is_cidr) {
  const char* type_name = is_cidr ? "cidr" : "inet";
  InetAddr a;
  a.family = text.find(':') != std::string_view::npos ? kFamilyInet6 : kFamilyInet4;
  int bits;
  if (a.family == kFamilyInet6) {
    bits = ParseInet6(text, a.addr);
  } else {
    bits = is_cidr ? ParseCidr4(text, a.addr) : ParseInet4(text, a.addr);
  }
  if (bits < 0 || bits > a.max_bits()) {
    throw SqlError(SqlState::kInvalidTextRepresentation, std::string("invalid input syntax for type ") +
                                                             type_name + ": \"" +
                                                             std::string(text) + "\"");
  }
  a.bits = static_cast<uint8_t>(bits);
  if (is_cidr && !NoBitsRightOfMask(a)) {
    throw SqlError(SqlState::kInvalidTextRepresentation,
                   "invalid cidr value: \"" + std::string(text) + "\"")
        .WithDetail("Value has bits set to right of mask.");
  }
  return EncodeInet(a);
}

std::string FormatInet(std::string_view payload, bool is_cidr) {
  const InetAddr a = DecodeInet(payload);
  std::string out = a.family == kFamilyInet4 ? FormatInet4(a) : FormatInet6(a);
  if (is_cidr || a.bits != a.max_bits()) out += "/" + std::to_string(a.bits);
  return out;
}

namespace {

// A small emulation of the sscanf formats macaddr_in tries: "%x" (optional
// width 2) skips white space, takes an optional sign and 0x prefix, then hex
// digits; other pattern characters must match literally; "%1s" at the end
// means only white space may follow.
bool ScanMac(std::string_view s, std::string_view pattern, long* out) {
  size_t p = 0;
  int n = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      if (p >= s.size() || s[p] != pattern[i]) return false;
      ++p;
      continue;
    }
    int width = 0;
    if (IsDigit(pattern[i + 1])) width = pattern[++i] - '0';
    ++i;  // 'x'
    if (width == 0) {
      while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
    }
    const size_t start = p;
    const size_t limit = width == 0 ? s.size() : std::min(s.size(), p + width);
    bool neg = false;
    if (width == 0 && p < limit && (s[p] == '-' || s[p] == '+')) neg = s[p++] == '-';
    if (width == 0 && p + 2 < limit && s[p] == '0' && (s[p + 1] == 'x' || s[p + 1] == 'X') &&
        IsHex(s[p + 2])) {
      p += 2;
    }
    long v = 0;
    const size_t digits_start = p;
    while (p < limit && IsHex(s[p]) && v < (1L << 40)) v = v * 16 + HexDigitValue(s[p++]);
    if (p == digits_start) return false;
    (void)start;
    out[n++] = neg ? -v : v;
  }
  while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
  return p == s.size() && n == 6;
}

}  // namespace

std::string ParseMacaddr(std::string_view text) {
  static constexpr std::string_view kPatterns[] = {
      "%x:%x:%x:%x:%x:%x",      "%x-%x-%x-%x-%x-%x",      "%2x%2x%2x:%2x%2x%2x",
      "%2x%2x%2x-%2x%2x%2x",    "%2x%2x.%2x%2x.%2x%2x",   "%2x%2x-%2x%2x-%2x%2x",
      "%2x%2x%2x%2x%2x%2x"};
  long v[6];
  bool ok = false;
  for (std::string_view pat : kPatterns) {
    if (ScanMac(text, pat, v)) {
      ok = true;
      break;
    }
  }
  if (!ok) {
    throw SqlError(SqlState::kInvalidTextRepresentation,
                   "invalid input syntax for type macaddr: \"" + std::string(text) + "\"");
  }
  std::string out;
  for (const long b : v) {
    if (b < 0 || b > 255) {
      throw SqlError(SqlState::kNumericValueOutOfRange,
                     "invalid octet value in \"macaddr\" value: \"" + std::string(text) + "\"");
    }
    out.push_back(static_cast<char>(b));
  }
  return out;
}

std::string FormatMacaddr(std::string_view bytes) {
  std::string out;
  char buf[4];
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i != 0) out += ':';
    std::snprintf(buf, sizeof buf, "%02x", static_cast<uint8_t>(bytes[i]));
    out += buf;
  }
  return out;
}

std::string ParseMacaddr8(std::string_view text) {
  const auto fail = [&]() {
    return SqlError(SqlState::kInvalidTextRepresentation,
                    "invalid input syntax for type macaddr8: \"" + std::string(text) + "\"");
  };
  size_t p = 0;
  const auto at = [&](size_t i) { return i < text.size() ? text[i] : '\0'; };
  while (std::isspace(static_cast<unsigned char>(at(p)))) ++p;
  uint8_t b[8] = {};
  int count = 0;
  char spacer = '\0';
  while (at(p) != '\0' && at(p + 1) != '\0') {
    ++count;
    if (count > 8) throw fail();
    if (!IsHex(at(p)) || !IsHex(at(p + 1))) throw fail();
    b[count - 1] = static_cast<uint8_t>(HexDigitValue(at(p)) * 16 + HexDigitValue(at(p + 1)));
    p += 2;
    const char c = at(p);
    if (c == ':' || c == '-' || c == '.') {
      if (spacer == '\0') {
        spacer = c;
      } else if (spacer != c) {
        throw fail();
      }
      ++p;
    }
    if ((count == 6 || count == 8) && std::isspace(static_cast<unsigned char>(at(p)))) {
      while (at(p) != '\0' && std::isspace(static_cast<unsigned char>(at(p)))) ++p;
      if (at(p) != '\0') throw fail();
    }
  }
  if (at(p) != '\0') throw fail();  // an odd trailing digit
  if (count == 6) {
    // EUI-48 to EUI-64: FF:FE in the middle.
    b[7] = b[5];
    b[6] = b[4];
    b[5] = b[3];
    b[3] = 0xFF;
    b[4] = 0xFE;
  } else if (count != 8) {
    throw fail();
  }
  return std::string(reinterpret_cast<const char*>(b), 8);
}

std::string FormatMacaddr8(std::string_view bytes) { return FormatMacaddr(bytes); }

}  // namespace strata::sql::net
