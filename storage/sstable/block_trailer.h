// Block trailer: the 9 bytes that follow every block in an SSTable.
//
// Format (written to disk):
//   block_on_disk := contents[size] | type: uint8 | checksum: fixed64_le
//   checksum      := XXH64(contents[size] | type, seed 0)
// The checksum covers the stored (possibly compressed) contents and the type
// byte, so a flipped type byte is detected like any other damage. When type is
// kLz4, contents = varint32 uncompressed_size | LZ4 block-format bytes.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/slice.h"

namespace strata::storage {

// Written to disk (block trailers, properties): never renumber.
enum class CompressionType : uint8_t {
  kNone = 0,
  kLz4 = 1,
};

inline constexpr size_t kBlockTrailerSize = 9;

// XXH64 of contents followed by the type byte, without copying contents.
uint64_t ComputeBlockChecksum(Slice contents, CompressionType type);

}  // namespace strata::storage
