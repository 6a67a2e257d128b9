// BlockHandle: where a block lives inside an SSTable file.
//
// Format (written to disk, inside index entries, the metaindex and the footer):
//   handle := varint64 offset | varint64 size
// `size` counts the block contents only, excluding the 9-byte block trailer
// (see block_trailer.h), so the bytes on disk span [offset, offset+size+9).
#pragma once

#include <cstdint>
#include <string>

#include "common/slice.h"

namespace strata::storage {

struct BlockHandle {
  // Two varint64s.
  static constexpr size_t kMaxEncodedLength = 20;

  uint64_t offset = 0;
  uint64_t size = 0;

  void EncodeTo(std::string* dst) const;
  // Consumes a handle from the front of *input; false if truncated/malformed.
  [[nodiscard]] bool DecodeFrom(Slice* input);

  friend bool operator==(const BlockHandle&, const BlockHandle&) = default;
};

}  // namespace strata::storage
