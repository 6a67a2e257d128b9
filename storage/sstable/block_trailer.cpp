// Block checksum (format in block_trailer.h). Uses the streaming XXH64 API on
// the stack so the writer need not copy a block to append its type byte; the
// result equals XxHash64() over the contiguous bytes, which is what readers
// compute on the buffer they read.
#include "storage/sstable/block_trailer.h"

#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

namespace strata::storage {

uint64_t ComputeBlockChecksum(Slice contents, CompressionType type) {
  XXH64_state_t state;
  XXH64_reset(&state, 0);
  XXH64_update(&state, contents.data(), contents.size());
  const uint8_t t = static_cast<uint8_t>(type);
  XXH64_update(&state, &t, 1);
  return XXH64_digest(&state);
}

}  // namespace strata::storage
