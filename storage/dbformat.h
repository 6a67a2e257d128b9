// Internal keys: how every user key is stored inside memtables and SSTables.
//
// Format (written to disk):
//   internal_key := user_key bytes | fixed64_le((sequence << 8) | value_type)
// Ordering: user key ascending (unsigned bytes), then sequence DESCENDING, then
// type descending, so the newest version of a key comes first and a Seek to
// (key, snapshot_seq) lands on the newest version visible at that snapshot.
#pragma once

#include <cstdint>
#include <string>

#include "common/coding.h"
#include "common/slice.h"

namespace strata::storage {

using SequenceNumber = uint64_t;
// Sequence numbers use 56 bits; the low byte of the packed trailer is the type.
inline constexpr SequenceNumber kMaxSequenceNumber = (uint64_t{1} << 56) - 1;

// Written to disk (WAL records, SSTables): never renumber.
enum class ValueType : uint8_t {
  kDeletion = 0,
  kValue = 1,
  kRangeDeletion = 2,  // key = range start, value = exclusive range end
};
// The type used when seeking: the highest, so (key, seq, kValueTypeForSeek)
// sorts before every entry with that key and sequence.
inline constexpr ValueType kValueTypeForSeek = ValueType::kRangeDeletion;

inline uint64_t PackSequenceAndType(SequenceNumber seq, ValueType t) {
  return (seq << 8) | static_cast<uint8_t>(t);
}

struct ParsedInternalKey {
  Slice user_key;
  SequenceNumber sequence = 0;
  ValueType type = ValueType::kValue;
};

inline void AppendInternalKey(std::string* dst, Slice user_key, SequenceNumber seq, ValueType t) {
  dst->append(user_key.data(), user_key.size());
  PutFixed64(dst, PackSequenceAndType(seq, t));
}

inline std::string MakeInternalKey(Slice user_key, SequenceNumber seq, ValueType t) {
  std::string out;
  out.reserve(user_key.size() + 8);
  AppendInternalKey(&out, user_key, seq, t);
  return out;
}

// REQUIRES: internal_key.size() >= 8
inline Slice ExtractUserKey(Slice internal_key) {
  return Slice(internal_key.data(), internal_key.size() - 8);
}

// Returns false when the key is too short or carries an unknown type.
inline bool ParseInternalKey(Slice internal_key, ParsedInternalKey* out) {
  if (internal_key.size() < 8) return false;
  uint64_t packed = DecodeFixed64(internal_key.data() + internal_key.size() - 8);
  uint8_t t = static_cast<uint8_t>(packed & 0xff);
  if (t > static_cast<uint8_t>(ValueType::kRangeDeletion)) return false;
  out->user_key = ExtractUserKey(internal_key);
  out->sequence = packed >> 8;
  out->type = static_cast<ValueType>(t);
  return true;
}

// Orders internal keys as described at the top of this file.
inline int CompareInternalKeys(Slice a, Slice b) {
  int r = Compare(ExtractUserKey(a), ExtractUserKey(b));
  if (r != 0) return r;
  uint64_t an = DecodeFixed64(a.data() + a.size() - 8);
  uint64_t bn = DecodeFixed64(b.data() + b.size() - 8);
  if (an > bn) return -1;
  if (an < bn) return 1;
  return 0;
}

}  // namespace strata::storage
