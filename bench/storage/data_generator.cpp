// Key formatting, value generation and the PRNG used by storage_bench's workloads.
#include "bench/storage/data_generator.h"

#include <cstring>

namespace strata::bench {
namespace {

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

uint64_t RotL(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

constexpr size_t kValueBufferBytes = 1 << 20;
constexpr size_t kPieceBytes = 100;

}  // namespace

Random64::Random64(uint64_t seed) {
  for (uint64_t& s : s_) s = SplitMix64(&seed);
}

uint64_t Random64::Next() {
  const uint64_t result = RotL(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = RotL(s_[3], 45);
  return result;
}

void FormatKey(uint64_t n, char* out) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(n & 0xff);
    n >>= 8;
  }
  std::memset(out + 8, '0', kKeySize - 8);
}

uint64_t ParseKey(Slice key) {
  uint64_t n = 0;
  for (size_t i = 0; i < 8 && i < key.size(); ++i) {
    n = (n << 8) | static_cast<unsigned char>(key[i]);
  }
  return n;
}

ValueGenerator::ValueGenerator(uint64_t seed, double compression_ratio) {
  Random64 rnd(seed);
  size_t raw = static_cast<size_t>(kPieceBytes * compression_ratio);
  if (raw < 1) raw = 1;
  data_.reserve(kValueBufferBytes + kPieceBytes);
  while (data_.size() < kValueBufferBytes) {
    // A random printable string of `raw` bytes, repeated to fill the piece:
    // compressors keep the first copy and reference it for the rest.
    std::string random_part(raw, ' ');
    for (char& c : random_part) c = static_cast<char>(' ' + rnd.Uniform(95));
    for (size_t i = 0; i < kPieceBytes; ++i) data_.push_back(random_part[i % raw]);
  }
}

Slice ValueGenerator::Generate(size_t len) {
  if (pos_ + len > data_.size()) pos_ = 0;
  pos_ += len;
  return Slice(data_.data() + pos_ - len, len);
}

}  // namespace strata::bench
