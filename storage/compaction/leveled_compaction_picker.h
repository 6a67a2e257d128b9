// LeveledCompactionPicker: score-based leveled compaction (LevelDB/RocksDB
// style) with the dynamic base level of level_targets.h.
//
// Picking: levels are tried in descending score order (scores >= 1 only).
//  - L0: all L0 files go to the base level, with the base-level files they
//    overlap. Only one L0 compaction runs at a time (L0 files overlap, so two
//    could not be ordered).
//  - Ln (n >= base): among files not being compacted, the one with the
//    smallest ratio of overlapping bytes in Ln+1 to its own size goes first
//    (RocksDB's kMinOverlappingRatio: least write amplification per byte).
// Inputs are expanded to clean cuts in both levels; the start-level input is
// then grown, LevelDB style, if that pulls in no more next-level files and
// stays under max_compaction_bytes. A candidate is skipped when any file it
// needs is being compacted or a running compaction writes an overlapping
// range into the same output level.
// Trivial move: one start file, no next-level overlap and grandparent overlap
// within the limit -> the job can re-link the file instead of rewriting it.
//
// Thread safety: see compaction_picker.h.
#pragma once

#include <memory>

#include "storage/compaction/compaction_picker.h"
#include "storage/compaction/level_targets.h"

namespace strata::storage {

class LeveledCompactionPicker final : public CompactionPicker {
 public:
  using CompactionPicker::CompactionPicker;

  bool NeedsCompaction(const Version& version) const override;
  std::unique_ptr<Compaction> PickCompaction(std::shared_ptr<const Version> version) override;
  std::unique_ptr<Compaction> PickManualCompaction(std::shared_ptr<const Version> version, int level,
                                                   std::optional<Slice> begin, std::optional<Slice> end) override;

 private:
  std::unique_ptr<Compaction> PickL0(const std::shared_ptr<const Version>& version, const LevelTargets& targets,
                                     CompactionReason reason, double score);
  std::unique_ptr<Compaction> PickLevel(const std::shared_ptr<const Version>& version, int level, double score);
  // Completes a compaction from start-level files to output_level, or nullptr
  // when a needed file or output range is busy.
  std::unique_ptr<Compaction> SetupInputs(const std::shared_ptr<const Version>& version, int level,
                                          int output_level, Version::FileList start_files,
                                          CompactionReason reason, double score);
};

}  // namespace strata::storage
