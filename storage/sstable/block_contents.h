// BlockContents: the uncompressed bytes of one block plus what owns them.
//
// `data` points into `owned` (a heap buffer from a file read or from
// decompression, possibly larger than data) or, when `owned` is null, into
// memory the producer keeps alive (tests, builders). Moving a BlockContents
// keeps `data` valid because the heap buffer does not move.
#pragma once

#include <cstring>
#include <memory>

#include "common/slice.h"

namespace strata::storage {

struct BlockContents {
  std::unique_ptr<char[]> owned;
  Slice data;

  // A self-owned copy of bytes.
  static BlockContents Copy(Slice bytes) {
    BlockContents c;
    c.owned = std::make_unique_for_overwrite<char[]>(bytes.size() == 0 ? 1 : bytes.size());
    if (!bytes.empty()) std::memcpy(c.owned.get(), bytes.data(), bytes.size());
    c.data = Slice(c.owned.get(), bytes.size());
    return c;
  }
};

}  // namespace strata::storage
