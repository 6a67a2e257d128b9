// UniversalCompactionPicker: size-tiered ("universal") compaction, chosen per
// tree with CompactionStyle::kUniversal. Trades space and read amplification
// for much lower write amplification than leveled compaction.
//
// Sorted runs, newest first: every L0 file is one run, then every non-empty
// level L1..L6 is one run (a level of a universal tree holds exactly one
// run). Nothing happens while there are fewer runs than
// level0_file_num_compaction_trigger. Otherwise, in order:
//  1. Size amplification: if the bytes of all runs but the oldest exceed
//     universal_max_size_amplification_percent of the oldest run, all runs
//     are merged into the last level (a full, bottommost compaction).
//  2. Size ratio: starting from the newest free run, take consecutive runs
//     while the next run is at most (100 + universal_size_ratio)% of the
//     bytes taken so far; at least universal_min_merge_width runs, at most
//     universal_max_merge_width.
//  3. Run count: when more runs than the trigger are free, merge the newest
//     free consecutive runs, enough to bring the count back to the trigger.
// Output level: the last level when the oldest run is included; otherwise
// just above the next older run (L0 if that run is an L0 file), so the
// newest-to-oldest order of runs is kept.
// Runs containing a file being compacted are never picked.
//
// Thread safety: see compaction_picker.h.
#pragma once

#include <memory>
#include <vector>

#include "storage/compaction/compaction_picker.h"

namespace strata::storage {

class UniversalCompactionPicker final : public CompactionPicker {
 public:
  using CompactionPicker::CompactionPicker;

  struct SortedRun {
    int level = 0;
    Version::FileList files;  // one file for L0 runs, the whole level otherwise
    uint64_t size = 0;
    bool being_compacted = false;
  };
  static std::vector<SortedRun> SortedRuns(const Version& version);

  bool NeedsCompaction(const Version& version) const override;
  std::unique_ptr<Compaction> PickCompaction(std::shared_ptr<const Version> version) override;
  // Universal trees compact everything into the last level; the range and
  // level are ignored.
  std::unique_ptr<Compaction> PickManualCompaction(std::shared_ptr<const Version> version, int level,
                                                   std::optional<Slice> begin, std::optional<Slice> end) override;

 private:
  // A compaction of runs[first, last) or nullptr when its output range is busy.
  std::unique_ptr<Compaction> MakeCompaction(const std::shared_ptr<const Version>& version,
                                             const std::vector<SortedRun>& runs, size_t first, size_t last,
                                             CompactionReason reason, double score) const;
  std::unique_ptr<Compaction> PickSizeAmplification(const std::shared_ptr<const Version>& version,
                                                    const std::vector<SortedRun>& runs, double score) const;
  std::unique_ptr<Compaction> PickSizeRatio(const std::shared_ptr<const Version>& version,
                                            const std::vector<SortedRun>& runs, double score) const;
  std::unique_ptr<Compaction> PickRunCount(const std::shared_ptr<const Version>& version,
                                           const std::vector<SortedRun>& runs, double score) const;
};

}  // namespace strata::storage
