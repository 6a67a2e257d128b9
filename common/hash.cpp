// Thin wrapper over libxxhash so only this file includes xxhash.h.
#include "common/hash.h"

#include <xxhash.h>

namespace strata {

uint64_t XxHash64(Slice data, uint64_t seed) { return XXH64(data.data(), data.size(), seed); }

}  // namespace strata
