// Per-tree options and the compaction-filter hook: the small part of the
// engine API that storage/version and storage/compaction also need, kept apart
// from engine.h so those lower pieces never include the engine itself.
#pragma once

#include <cstdint>

#include "common/slice.h"
#include "storage/dbformat.h"

namespace strata::storage {

using TreeId = uint32_t;

enum class CompactionStyle : uint8_t { kLeveled = 0, kUniversal = 1 };  // written to disk

struct TreeOptions {
  CompactionStyle compaction_style = CompactionStyle::kLeveled;
};

// Decides per key during compaction whether an entry may be dropped; the
// layers above use it to drop versions they know are dead.
class CompactionFilter {
 public:
  virtual ~CompactionFilter() = default;
  // Return true to remove this entry from the compaction output.
  virtual bool Filter(TreeId tree, Slice user_key, Slice value, SequenceNumber seq) const = 0;
};

}  // namespace strata::storage
