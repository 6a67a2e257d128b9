// SuperVersion: the lazily built SSTable range-tombstone set (see super_version.h).
#include "storage/db/super_version.h"

namespace strata::storage {

Result<std::shared_ptr<const FragmentedRangeTombstones>> SuperVersion::SstRangeTombstones(
    TableCache* table_cache) const {
  std::lock_guard<std::mutex> lock(tombstones_mu_);
  if (tombstones_built_) return tombstones_;
  std::vector<RangeTombstone> all;
  for (int level = 0; level < kNumLevels; ++level) {
    for (const auto& f : version->files(level)) {
      if (f->num_deletions == 0) continue;  // range tombstones count as deletions
      auto reader = table_cache->FindTable(f->number, f->file_size);
      if (!reader.ok()) return reader.status();  // not cached: the next caller retries
      for (const auto& t : (*reader)->range_tombstones().tombstones()) {
        all.push_back(RangeTombstone{t.start, t.end, t.seq});
      }
    }
  }
  if (!all.empty()) tombstones_ = std::make_shared<FragmentedRangeTombstones>(all);
  tombstones_built_ = true;
  return tombstones_;
}

}  // namespace strata::storage
