// LZ4 block compression (format in block_compression.h).
#include "storage/sstable/block_compression.h"

#include <lz4.h>

#include <limits>

#include "common/coding.h"

namespace strata::storage {

namespace {
// LZ4 cannot expand data by more than ~255x; a larger claim is corruption and
// must not make us allocate gigabytes.
constexpr uint64_t kMaxLz4Ratio = 255;
constexpr uint32_t kMaxUncompressedBlock = 1u << 30;
}  // namespace

bool Lz4CompressBlock(Slice raw, std::string* out) {
  if (raw.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) return false;
  const int src_size = static_cast<int>(raw.size());
  const int bound = LZ4_compressBound(src_size);
  out->resize(5 + static_cast<size_t>(bound));
  char* p = EncodeVarint32(out->data(), static_cast<uint32_t>(raw.size()));
  const size_t header = static_cast<size_t>(p - out->data());
  const int n = LZ4_compress_default(raw.data(), p, src_size, bound);
  if (n <= 0) return false;
  out->resize(header + static_cast<size_t>(n));
  return true;
}

Result<BlockContents> Lz4UncompressBlock(Slice compressed, std::string_view context) {
  uint32_t raw_size = 0;
  const char* p =
      GetVarint32Ptr(compressed.data(), compressed.data() + compressed.size(), &raw_size);
  if (p == nullptr) {
    return Status::Corruption(std::string(context) + ": bad lz4 block header");
  }
  const size_t payload = compressed.size() - static_cast<size_t>(p - compressed.data());
  if (raw_size > kMaxUncompressedBlock || raw_size > kMaxLz4Ratio * payload + 16) {
    return Status::Corruption(std::string(context) + ": implausible lz4 uncompressed size");
  }
  BlockContents out;
  out.owned = std::make_unique_for_overwrite<char[]>(raw_size == 0 ? 1 : raw_size);
  const int n = LZ4_decompress_safe(p, out.owned.get(), static_cast<int>(payload),
                                    static_cast<int>(raw_size));
  if (n < 0 || static_cast<uint32_t>(n) != raw_size) {
    return Status::Corruption(std::string(context) + ": lz4 decompression failed");
  }
  out.data = Slice(out.owned.get(), raw_size);
  return out;
}

}  // namespace strata::storage
