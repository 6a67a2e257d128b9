// CompactionOutputCutter (see compaction_output_cutter.h).
#include "storage/compaction/compaction_output_cutter.h"

namespace strata::storage {

CompactionOutputCutter::CompactionOutputCutter(Version::FileList grandparents, uint64_t max_output_file_size,
                                               uint64_t max_grandparent_overlap_bytes)
    : grandparents_(std::move(grandparents)),
      max_output_file_size_(max_output_file_size),
      max_grandparent_overlap_bytes_(max_grandparent_overlap_bytes) {}

bool CompactionOutputCutter::ShouldCutBefore(Slice internal_key, bool output_open, uint64_t open_file_bytes) {
  const Slice user_key = ExtractUserKey(internal_key);
  const bool new_user_key = !has_last_user_key_ || Compare(user_key, last_user_key_) != 0;

  // Count grandparents the output's range has moved past while a file is open.
  while (grandparent_index_ < grandparents_.size() &&
         CompareInternalKeys(internal_key, grandparents_[grandparent_index_]->largest) > 0) {
    if (output_open) overlapped_bytes_ += grandparents_[grandparent_index_]->file_size;
    ++grandparent_index_;
  }

  bool cut = false;
  if (output_open && new_user_key &&
      (open_file_bytes >= max_output_file_size_ || overlapped_bytes_ > max_grandparent_overlap_bytes_)) {
    cut = true;
  }
  if (cut || !output_open) overlapped_bytes_ = 0;
  if (new_user_key) {
    last_user_key_.assign(user_key.data(), user_key.size());
    has_last_user_key_ = true;
  }
  return cut;
}

}  // namespace strata::storage
