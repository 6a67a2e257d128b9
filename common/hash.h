// Checksums and hashes used by every durable format: xxHash64 (XXH3 is not
// used so that the on-disk checksum stays the classic, stable XXH64).
#pragma once

#include <cstdint>
#include <memory>

#include "common/slice.h"

namespace strata {

uint64_t XxHash64(Slice data, uint64_t seed = 0);

// Finalizer of a 64-bit mix (splitmix64): spreads keys over shards, buckets
// and partitions (in memory only, never written).
inline uint64_t MixHash64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

// 32-bit checksum derived from xxHash64, for record headers that have room for 4 bytes.
inline uint32_t Checksum32(Slice data) {
  uint64_t h = XxHash64(data);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

// XxHash64 of data given in pieces (whole files, e.g. a backup's checksums);
// equal to XxHash64 of the concatenation.
class XxHash64Stream {
 public:
  explicit XxHash64Stream(uint64_t seed = 0);
  ~XxHash64Stream();
  XxHash64Stream(const XxHash64Stream&) = delete;
  XxHash64Stream& operator=(const XxHash64Stream&) = delete;
  void Update(Slice data);
  uint64_t Digest() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace strata
