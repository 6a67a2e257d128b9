// Cache-local Bloom filter (format and probing scheme in bloom_filter.h).
#include "storage/sstable/bloom_filter.h"

#include <algorithm>
#include <cmath>

#include "common/coding.h"

namespace strata::storage {

namespace {

constexpr uint32_t kLineBits = 512;
constexpr size_t kLineBytes = kLineBits / 8;
constexpr size_t kTrailerSize = 6;  // num_lines fixed32 | num_probes | kind

// Maps the upper 32 hash bits onto [0, num_lines) without a division.
inline uint32_t LineOf(uint64_t h, uint32_t num_lines) {
  return static_cast<uint32_t>(((h >> 32) * num_lines) >> 32);
}

// Successive states of a 64-bit linear congruential generator seeded with the
// key's hash choose the probed bits (top 9 bits of each state). Each state
// depends on all 64 hash bits, so probes are nearly independent of each other
// and of the line choice; an arithmetic progression (plain double hashing)
// inside a 512-bit line measurably raises the false-positive rate.
constexpr uint64_t kProbeMul = 0xd6e8feb86659fd93ull;
constexpr uint64_t kProbeAdd = 0x9e3779b97f4a7c15ull;
inline uint32_t NextProbe(uint64_t* state) {
  *state = *state * kProbeMul + kProbeAdd;
  return static_cast<uint32_t>(*state >> 55);
}

}  // namespace

BloomFilterPolicy::BloomFilterPolicy(int bits_per_key)
    : bits_per_key_(std::max(bits_per_key, 0)),
      num_probes_(std::clamp(static_cast<int>(std::lround(bits_per_key_ * 0.69)), 1, 30)) {}

void BloomFilterPolicy::CreateFilter(const std::vector<uint64_t>& hashes, std::string* dst) const {
  const uint64_t total_bits = static_cast<uint64_t>(hashes.size()) * bits_per_key_;
  uint64_t lines64 = (total_bits + kLineBits - 1) / kLineBits;
  if (!hashes.empty() && lines64 == 0) lines64 = 1;
  const auto num_lines = static_cast<uint32_t>(std::min<uint64_t>(lines64, UINT32_MAX / 2));

  const size_t start = dst->size();
  dst->resize(start + num_lines * kLineBytes, '\0');
  auto* bits = reinterpret_cast<uint8_t*>(dst->data() + start);
  if (num_lines > 0) {
    // Each key sets bits in one random cache line of a filter far larger
    // than the caches (12 MB for 10M keys): fetching the line a few keys
    // ahead overlaps those misses instead of waiting for each in turn.
    constexpr size_t kPrefetchAhead = 8;
    const size_t n = hashes.size();
    for (size_t i = 0; i < n; ++i) {
      if (i + kPrefetchAhead < n) {
        __builtin_prefetch(
            bits + static_cast<size_t>(LineOf(hashes[i + kPrefetchAhead], num_lines)) * kLineBytes, 1);
      }
      const uint64_t h = hashes[i];
      uint8_t* line = bits + static_cast<size_t>(LineOf(h, num_lines)) * kLineBytes;
      uint64_t state = h;
      for (int i = 0; i < num_probes_; ++i) {
        const uint32_t pos = NextProbe(&state);
        line[pos >> 3] |= static_cast<uint8_t>(1u << (pos & 7));
      }
    }
  }
  PutFixed32(dst, num_lines);
  dst->push_back(static_cast<char>(num_probes_));
  dst->push_back(static_cast<char>(kBloomFilterKindBlocked));
}

void BloomFilterBuilder::Finish(std::string* dst) {
  policy_.CreateFilter(hashes_, dst);
  hashes_.clear();
}

Status BloomFilterReader::Parse(Slice filter, BloomFilterReader* out) {
  *out = BloomFilterReader();
  if (filter.size() < kTrailerSize) return Status::Corruption("bloom filter too short");
  const char* trailer = filter.data() + filter.size() - kTrailerSize;
  const uint8_t kind = static_cast<uint8_t>(trailer[5]);
  if (kind != kBloomFilterKindBlocked) return Status::OK();  // unknown: always true
  const uint32_t num_lines = DecodeFixed32(trailer);
  const int num_probes = static_cast<uint8_t>(trailer[4]);
  if (static_cast<uint64_t>(num_lines) * kLineBytes != filter.size() - kTrailerSize ||
      num_probes < 1 || num_probes > 30) {
    return Status::Corruption("bloom filter framing mismatch");
  }
  out->bits_ = reinterpret_cast<const uint8_t*>(filter.data());
  out->num_lines_ = num_lines;
  out->num_probes_ = num_probes;
  out->present_ = true;
  return Status::OK();
}

bool BloomFilterReader::MayContainHash(uint64_t h) const {
  if (!present_) return true;
  if (num_lines_ == 0) return false;  // a filter over zero keys
  const uint8_t* line = bits_ + static_cast<size_t>(LineOf(h, num_lines_)) * kLineBytes;
  uint64_t state = h;
  for (int i = 0; i < num_probes_; ++i) {
    const uint32_t pos = NextProbe(&state);
    if ((line[pos >> 3] & (1u << (pos & 7))) == 0) return false;
  }
  return true;
}

}  // namespace strata::storage
