// LZ4 compression of whole blocks for the SSTable writer and reader.
//
// Compressed block contents (written to disk, see block_trailer.h):
//   varint32 uncompressed_size | LZ4 block-format bytes
// The writer keeps a block raw unless compression saves at least 1/8 of it
// (ShouldKeepCompressed), so reads of poorly compressible data pay nothing.
#pragma once

#include <string>

#include "common/result.h"
#include "common/slice.h"
#include "storage/sstable/block_contents.h"

namespace strata::storage {

// Replaces *out with the compressed form of raw. False if LZ4 failed or the
// block is too large for LZ4 (>= 2 GiB).
bool Lz4CompressBlock(Slice raw, std::string* out);

// Decompresses contents produced by Lz4CompressBlock. Corruption (with
// `context` in the message) on malformed input.
Result<BlockContents> Lz4UncompressBlock(Slice compressed, std::string_view context);

// True when `compressed_size` is worth keeping instead of `raw_size` bytes.
inline bool ShouldKeepCompressed(size_t raw_size, size_t compressed_size) {
  return compressed_size < raw_size - raw_size / 8;
}

}  // namespace strata::storage
