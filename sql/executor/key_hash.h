// HashKeyBytes: the hash of an encoded key (a join key, a group key, a
// DISTINCT input) for the executor's hash tables. Most keys are a few
// memcomparable bytes (an integer is 9): those up to 16 bytes are hashed as
// two words through MixHash64 (common/hash.h), well mixed in both the
// low bits (buckets) and the high ones (grace partitions), at a fraction of
// the cost of the general byte hash, which longer keys use.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>

#include "common/hash.h"

namespace strata::sql {

inline uint64_t HashKeyBytes(std::string_view key) {
  if (key.size() > 16) return std::hash<std::string_view>{}(key);
  uint64_t a = 0;
  uint64_t b = 0;
  if (key.empty()) return MixHash64(0x9E3779B97F4A7C15ULL);  // no memcpy from a null view
  std::memcpy(&a, key.data(), key.size() < 8 ? key.size() : 8);
  if (key.size() > 8) std::memcpy(&b, key.data() + 8, key.size() - 8);
  // The length keeps "a" and "a\0" apart.
  return MixHash64(a ^ MixHash64(b ^ (key.size() * 0x9E3779B97F4A7C15ULL)));
}

// For std::unordered_map<std::string, ...> keyed by encoded keys.
struct KeyBytesHash {
  size_t operator()(const std::string& key) const { return HashKeyBytes(key); }
};

}  // namespace strata::sql
