// Debug rendering of TreeCompactionOptions (see tree_options.h).
#include "storage/version/tree_compaction_options.h"

namespace strata::storage {

std::string TreeCompactionOptions::DebugString() const {
  std::string out = compaction_style == CompactionStyle::kLeveled ? "style=leveled" : "style=universal";
  out += " l0_trigger=" + std::to_string(level0_file_num_compaction_trigger);
  out += " level_base=" + std::to_string(max_bytes_for_level_base);
  out += " multiplier=" + std::to_string(max_bytes_for_level_multiplier);
  out += std::string(" dynamic=") + (level_compaction_dynamic_level_bytes ? "true" : "false");
  out += " target_file_size=" + std::to_string(target_file_size);
  out += " max_compaction_bytes=" + std::to_string(max_compaction_bytes);
  out += " size_ratio=" + std::to_string(universal_size_ratio);
  out += " min_merge_width=" + std::to_string(universal_min_merge_width);
  out += " max_merge_width=" + std::to_string(universal_max_merge_width);
  out += " max_size_amp=" + std::to_string(universal_max_size_amplification_percent);
  return out;
}

}  // namespace strata::storage
