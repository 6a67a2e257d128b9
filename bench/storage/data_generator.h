// Keys, values and random numbers for storage_bench, shaped like db_bench's so
// the numbers are comparable with published RocksDB results.
//
// Keys are 16 bytes: the key number as 8 big-endian bytes (so byte order is
// numeric order) padded with '0' bytes, as db_bench formats --key_size=16.
// Values are slices of a 1 MiB buffer made of 100-byte pieces that each
// repeat a random printable string, so a value compresses to about half its
// size (db_bench's --compression_ratio=0.5).
//
// Thread safety: none; every benchmark thread owns its own generators.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/slice.h"

namespace strata::bench {

inline constexpr size_t kKeySize = 16;

// xoshiro256** seeded through splitmix64: fast, and good enough to pick keys.
class Random64 {
 public:
  explicit Random64(uint64_t seed);
  uint64_t Next();
  // Uniform in [0, n); n > 0.
  uint64_t Uniform(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }

 private:
  uint64_t s_[4];
};

// Writes the 16-byte key for number n into out[0..kKeySize).
void FormatKey(uint64_t n, char* out);
// The key number of a key written by FormatKey.
uint64_t ParseKey(Slice key);

class ValueGenerator {
 public:
  ValueGenerator(uint64_t seed, double compression_ratio = 0.5);
  // The next len bytes (len <= 1 MiB). LIFETIME: as long as the generator.
  Slice Generate(size_t len);

 private:
  std::string data_;
  size_t pos_ = 0;
};

}  // namespace strata::bench
