// PostgreSQL-compatible hashing for hash partitioning (see partition_hash.h).
// The algorithms are Bob Jenkins' public-domain lookup3 mix and final steps
// as PostgreSQL's hashfn.c applies them (little-endian byte order), the
// per-type reductions of its hash opclasses, and its hash_combine64.
#include "sql/commands/partition_hash.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"

namespace strata::sql {

namespace {

constexpr uint64_t kHashPartitionSeed = 0x7A5B22367996DCFDULL;

inline uint32_t Rotate(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

inline void Mix(uint32_t& a, uint32_t& b, uint32_t& c) {
  a -= c; a ^= Rotate(c, 4);  c += b;
  b -= a; b ^= Rotate(a, 6);  a += c;
  c -= b; c ^= Rotate(b, 8);  b += a;
  a -= c; a ^= Rotate(c, 16); c += b;
  b -= a; b ^= Rotate(a, 19); a += c;
  c -= b; c ^= Rotate(b, 4);  b += a;
}

inline void Final(uint32_t& a, uint32_t& b, uint32_t& c) {
  c ^= b; c -= Rotate(b, 14);
  a ^= c; a -= Rotate(c, 11);
  b ^= a; b -= Rotate(a, 25);
  c ^= b; c -= Rotate(b, 16);
  a ^= c; a -= Rotate(c, 4);
  b ^= a; b -= Rotate(a, 14);
  c ^= b; c -= Rotate(b, 24);
}

// The start state, with the 64-bit seed mixed in when it is not zero.
void Start(uint32_t length, uint64_t seed, uint32_t* a, uint32_t* b, uint32_t* c) {
  *a = *b = *c = 0x9e3779b9U + length + 3923095U;
  if (seed != 0) {
    *a += static_cast<uint32_t>(seed >> 32);
    *b += static_cast<uint32_t>(seed);
    Mix(*a, *b, *c);
  }
}

inline uint32_t Word(const unsigned char* k) {
  return k[0] | (uint32_t{k[1]} << 8) | (uint32_t{k[2]} << 16) | (uint32_t{k[3]} << 24);
}

uint64_t HashCombine64(uint64_t a, uint64_t b) {
  a ^= b + 0x49a0f4dd15e5a8e3ULL + (a << 54) + (a >> 7);
  return a;
}

uint64_t HashInt8Extended(int64_t v, uint64_t seed) {
  // The same hash as an int4 of the same value (hashint8extended).
  uint32_t low = static_cast<uint32_t>(v);
  const uint32_t high = static_cast<uint32_t>(static_cast<uint64_t>(v) >> 32);
  low ^= v >= 0 ? high : ~high;
  return HashUint32Extended(low, seed);
}

uint64_t HashFloat8Extended(double v, uint64_t seed) {
  if (v == 0.0) return seed;  // +0 and -0 hash alike
  if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
  unsigned char bytes[sizeof(double)];
  std::memcpy(bytes, &v, sizeof(bytes));
  return HashBytesExtended(std::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)),
                           seed);
}

}  // namespace

uint64_t HashBytesExtended(std::string_view bytes, uint64_t seed) {
  const auto* k = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t len = bytes.size();
  uint32_t a, b, c;
  Start(static_cast<uint32_t>(len), seed, &a, &b, &c);
  while (len >= 12) {
    a += Word(k);
    b += Word(k + 4);
    c += Word(k + 8);
    Mix(a, b, c);
    k += 12;
    len -= 12;
  }
  // The last 11 bytes; c's lowest byte is left for the length.
  switch (len) {
    case 11: c += uint32_t{k[10]} << 24; [[fallthrough]];
    case 10: c += uint32_t{k[9]} << 16; [[fallthrough]];
    case 9: c += uint32_t{k[8]} << 8; [[fallthrough]];
    case 8: b += uint32_t{k[7]} << 24; [[fallthrough]];
    case 7: b += uint32_t{k[6]} << 16; [[fallthrough]];
    case 6: b += uint32_t{k[5]} << 8; [[fallthrough]];
    case 5: b += k[4]; [[fallthrough]];
    case 4: a += uint32_t{k[3]} << 24; [[fallthrough]];
    case 3: a += uint32_t{k[2]} << 16; [[fallthrough]];
    case 2: a += uint32_t{k[1]} << 8; [[fallthrough]];
    case 1: a += k[0]; break;
    default: break;
  }
  Final(a, b, c);
  return (uint64_t{b} << 32) | c;
}

uint64_t HashUint32Extended(uint32_t value, uint64_t seed) {
  uint32_t a, b, c;
  Start(sizeof(uint32_t), seed, &a, &b, &c);
  a += value;
  Final(a, b, c);
  return (uint64_t{b} << 32) | c;
}

bool IsHashPartitionable(Oid type) {
  switch (type) {
    case type_oid::kBool:
    case type_oid::kChar:
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kInt8:
    case type_oid::kOid:
    case type_oid::kDate:
    case type_oid::kTime:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
    case type_oid::kFloat4:
    case type_oid::kFloat8:
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kBpchar:
    case type_oid::kName:
    case type_oid::kBytea:
      return true;
    default:
      return false;
  }
}

uint64_t HashValueExtended(const Value& value, uint64_t seed) {
  switch (value.type()) {
    case type_oid::kBool:
      return HashUint32Extended(value.bool_value() ? 1 : 0, seed);
    case type_oid::kChar:
      return HashUint32Extended(static_cast<uint32_t>(static_cast<int32_t>(
                                    static_cast<signed char>(value.string_value().empty()
                                                                 ? 0
                                                                 : value.string_value()[0]))),
                                seed);
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kOid:
    case type_oid::kDate:
      return HashUint32Extended(static_cast<uint32_t>(value.int_value()), seed);
    case type_oid::kInt8:
    case type_oid::kTime:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
      return HashInt8Extended(value.int_value(), seed);
    case type_oid::kFloat4:
    case type_oid::kFloat8:
      return HashFloat8Extended(value.float_value(), seed);
    case type_oid::kBpchar: {
      // Trailing spaces do not count (bcTruelen).
      std::string_view s = value.string_value();
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      return HashBytesExtended(s, seed);
    }
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kName:
    case type_oid::kBytea:
      return HashBytesExtended(value.string_value(), seed);
    default:
      throw SqlError(SqlState::kFeatureNotSupported,
                     "hash partitioning on type " + FormatTypeName(value.type()) +
                         " is not supported yet");
  }
}

uint64_t PartitionKeyHash(const std::vector<Value>& key) {
  uint64_t row_hash = 0;
  for (const Value& v : key) {
    if (v.is_null()) continue;
    row_hash = HashCombine64(row_hash, HashValueExtended(v, kHashPartitionSeed));
  }
  return row_hash;
}

}  // namespace strata::sql
