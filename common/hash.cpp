// Thin wrapper over libxxhash so only this file includes xxhash.h.
#include "common/hash.h"

#include <xxhash.h>

namespace strata {

uint64_t XxHash64(Slice data, uint64_t seed) { return XXH64(data.data(), data.size(), seed); }

// libxxhash keeps XXH64_state_t opaque unless XXH_STATIC_LINKING_ONLY.
struct XxHash64Stream::State {
  State() : xxh(XXH64_createState()) {}
  ~State() { XXH64_freeState(xxh); }
  XXH64_state_t* xxh;
};

XxHash64Stream::XxHash64Stream(uint64_t seed) : state_(std::make_unique<State>()) {
  XXH64_reset(state_->xxh, seed);
}

XxHash64Stream::~XxHash64Stream() = default;

void XxHash64Stream::Update(Slice data) { XXH64_update(state_->xxh, data.data(), data.size()); }

uint64_t XxHash64Stream::Digest() const { return XXH64_digest(state_->xxh); }

}  // namespace strata
