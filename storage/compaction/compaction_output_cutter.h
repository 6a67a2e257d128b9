// CompactionOutputCutter: decides where a compaction closes one output file
// and starts the next (mechanism shared by CompactionJob and flush).
//
// An output is cut before a key when, and only when, the key starts a new
// user key (one user key's versions never straddle two files, so the output
// level needs no clean-cut expansion later) and either
//  - the open file has reached max_output_file_size, or
//  - the grandparent files (output level + 1) the open file's key range has
//    passed over exceed max_grandparent_overlap_bytes, which bounds the work
//    of compacting this file down later (LevelDB's rule).
//
// Thread safety: not thread-safe; one compaction thread.
#pragma once

#include <cstdint>
#include <string>

#include "common/slice.h"
#include "storage/compaction/compaction.h"
#include "storage/version/version.h"

namespace strata::storage {

class CompactionOutputCutter {
 public:
  explicit CompactionOutputCutter(const Compaction& compaction)
      : CompactionOutputCutter(compaction.grandparents(), compaction.max_output_file_size(),
                               compaction.max_grandparent_overlap_bytes()) {}
  CompactionOutputCutter(Version::FileList grandparents, uint64_t max_output_file_size,
                         uint64_t max_grandparent_overlap_bytes);

  // Call for every key to be written, in internal-key order. output_open:
  // whether an output file is open; open_file_bytes: its current size.
  // Returns true when the open file should be finished before this key.
  bool ShouldCutBefore(Slice internal_key, bool output_open, uint64_t open_file_bytes);

  // Grandparent bytes the open file overlaps so far (for tests and stats).
  uint64_t overlapped_bytes() const { return overlapped_bytes_; }

 private:
  const Version::FileList grandparents_;
  const uint64_t max_output_file_size_;
  const uint64_t max_grandparent_overlap_bytes_;
  size_t grandparent_index_ = 0;
  uint64_t overlapped_bytes_ = 0;
  bool has_last_user_key_ = false;
  std::string last_user_key_;
};

}  // namespace strata::storage
