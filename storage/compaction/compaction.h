// Compaction: the description of one compaction that a picker chose: which
// files of which levels to merge, where the output goes, and the limits the
// job must respect while writing it. Policy (pickers) produces it; mechanism
// (CompactionJob, CompactionIterator) consumes it.
//
// Inputs: one or more levels, each with its files (L0 newest first, Ln in key
// order). The first input level is the start level; leveled compactions have
// at most two input levels (start, start+1), universal ones any number of
// consecutive sorted runs.
//
// Lifetime: holds the Version it was picked from, pinning the input files
// until the compaction is destroyed. While registered with its picker (from
// PickCompaction to ReleaseCompaction) its input files carry
// being_compacted = true.
//
// Thread safety: immutable after the picker hands it out, except the
// being_compacted flags, which follow file_meta_data.h's rule.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/slice.h"
#include "storage/version/tree_compaction_options.h"
#include "storage/version/version.h"
#include "storage/version/version_edit.h"

namespace strata::storage {

enum class CompactionReason {
  kL0FileCount,              // leveled: L0 file count reached the trigger
  kLevelSize,                // leveled: a level exceeds its target size
  kUniversalSizeAmplification,
  kUniversalSizeRatio,
  kUniversalSortedRunCount,
  kManual,
};
const char* CompactionReasonName(CompactionReason reason);

struct CompactionInputLevel {
  int level = 0;
  Version::FileList files;
};

class Compaction {
 public:
  // REQUIRES: inputs non-empty, levels ascending, at least one file overall,
  // every input level <= output_level.
  Compaction(std::shared_ptr<const Version> input_version, const TreeCompactionOptions& options,
             std::vector<CompactionInputLevel> inputs, int output_level, Version::FileList grandparents,
             CompactionReason reason, double score);
  Compaction(const Compaction&) = delete;
  Compaction& operator=(const Compaction&) = delete;

  uint32_t tree_id() const { return input_version_->tree_id(); }
  const std::shared_ptr<const Version>& input_version() const { return input_version_; }
  const std::vector<CompactionInputLevel>& inputs() const { return inputs_; }
  int start_level() const { return inputs_.front().level; }
  int output_level() const { return output_level_; }
  // Files in output_level + 1 overlapping the compaction's key range.
  const Version::FileList& grandparents() const { return grandparents_; }
  CompactionReason reason() const { return reason_; }
  double score() const { return score_; }

  uint64_t max_output_file_size() const { return max_output_file_size_; }
  uint64_t max_grandparent_overlap_bytes() const { return max_grandparent_overlap_bytes_; }

  // User-key range of all input files (inclusive).
  Slice smallest_user_key() const { return smallest_user_key_; }
  Slice largest_user_key() const { return largest_user_key_; }
  uint64_t TotalInputBytes() const;
  size_t NumInputFiles() const;

  // A single input file, nothing to merge with in the output level, little
  // grandparent overlap: the job may just re-link the file at output_level.
  bool is_trivial_move() const { return trivial_move_; }
  void set_trivial_move(bool v) { trivial_move_ = v; }

  // No file outside the inputs, at or below the output level, overlaps the
  // key range (so tombstones in the oldest snapshot stripe can go).
  bool bottommost_level() const { return bottommost_level_; }
  // Finer, per key: no file that the compaction does not read and that holds
  // older data than its output (deeper levels; for an L0 output, the older
  // L0 files) contains user_key.
  bool KeyNotExistsBeyondOutputLevel(Slice user_key) const;

  void MarkFilesBeingCompacted(bool value) const;
  // Adds the deletion of every input file to *edit.
  void AddInputDeletions(VersionEdit* edit) const;
  // True when `number` is one of the input files.
  bool IsInputFile(uint64_t number) const;

  // "L0 -> L1 reason=... score=1.25\n  L0: 000005 000004\n  L1: ...\n..."
  std::string DebugString() const;

 private:
  // Files that may hold older versions of the compaction's keys and are not
  // inputs: deeper levels, plus older L0 files when the output is L0.
  bool OverlapsOlderNonInputs(Slice smallest, Slice largest) const;

  std::shared_ptr<const Version> input_version_;
  std::vector<CompactionInputLevel> inputs_;
  int output_level_;
  Version::FileList grandparents_;
  CompactionReason reason_;
  double score_;
  uint64_t max_output_file_size_;
  uint64_t max_grandparent_overlap_bytes_;
  std::string smallest_user_key_;
  std::string largest_user_key_;
  bool trivial_move_ = false;
  bool bottommost_level_ = false;
};

}  // namespace strata::storage
