// Footer: the fixed-size record at the end of every SSTable; the entry point
// a reader decodes first.
//
// Format (written to disk, exactly kEncodedLength = 64 bytes at end of file):
//   offset  size
//   0       40   metaindex_handle | index_handle (BlockHandle varints), zero-padded
//   40      4    format_version: fixed32_le (kTableFormatVersion)
//   44      4    reserved: fixed32_le, zero
//   48      8    checksum: fixed64_le = XXH64(bytes [0, 48))
//   56      8    magic: fixed64_le = kTableMagicNumber
// Decoding checks, in order: length, magic (not an SSTable), checksum
// (damaged footer), then version (NotSupported for a newer format).
#pragma once

#include <cstdint>
#include <string>

#include "common/slice.h"
#include "common/status.h"
#include "storage/sstable/block_handle.h"

namespace strata::storage {

// "StrataDB SST" in spirit; written to disk, never change.
inline constexpr uint64_t kTableMagicNumber = 0x5354524154415353ull;  // "SSATARTS" LE
// Bumped whenever the on-disk layout changes incompatibly.
inline constexpr uint32_t kTableFormatVersion = 1;

struct Footer {
  static constexpr size_t kEncodedLength = 64;
  static constexpr size_t kHandlesLength = 40;

  BlockHandle metaindex_handle;
  BlockHandle index_handle;
  uint32_t format_version = kTableFormatVersion;

  // Appends exactly kEncodedLength bytes.
  void EncodeTo(std::string* dst) const;
  // REQUIRES: input holds the last kEncodedLength bytes of the file.
  // `context` (e.g. "000012.sst") prefixes error messages.
  [[nodiscard]] Status DecodeFrom(Slice input, std::string_view context);
};

}  // namespace strata::storage
