// LeveledCompactionPicker (see leveled_compaction_picker.h for the policy).
#include "storage/compaction/leveled_compaction_picker.h"

#include <algorithm>

namespace strata::storage {

bool LeveledCompactionPicker::NeedsCompaction(const Version& version) const {
  const LevelTargets targets = ComputeLevelTargets(version, options_);
  for (const LevelScore& s : ComputeCompactionScores(version, options_, targets)) {
    if (s.score >= 1) return true;
  }
  return false;
}

std::unique_ptr<Compaction> LeveledCompactionPicker::PickCompaction(std::shared_ptr<const Version> version) {
  const LevelTargets targets = ComputeLevelTargets(*version, options_);
  for (const LevelScore& s : ComputeCompactionScores(*version, options_, targets)) {
    if (s.score < 1) break;
    std::unique_ptr<Compaction> c = s.level == 0
                                        ? PickL0(version, targets, CompactionReason::kL0FileCount, s.score)
                                        : PickLevel(version, s.level, s.score);
    if (c) return Register(std::move(c));
  }
  return nullptr;
}

std::unique_ptr<Compaction> LeveledCompactionPicker::PickManualCompaction(std::shared_ptr<const Version> version,
                                                                          int level, std::optional<Slice> begin,
                                                                          std::optional<Slice> end) {
  if (level < 0 || level >= kNumLevels) return nullptr;
  if (level == 0) {
    if (!version->OverlapInLevel(0, begin, end)) return nullptr;
    auto c = PickL0(version, ComputeLevelTargets(*version, options_), CompactionReason::kManual, 0);
    return c ? Register(std::move(c)) : nullptr;
  }
  Version::FileList files = version->OverlappingFiles(level, begin, end);
  if (files.empty()) return nullptr;
  if (level == kNumLevels - 1) {
    // Rewrite within the last level (e.g. to drop tombstones).
    if (!ExpandToCleanCut(*version, level, &files)) return nullptr;
    std::string smallest, largest;
    KeyRange(files, &smallest, &largest);
    if (OutputRangeBusy(level, smallest, largest)) return nullptr;
    std::vector<CompactionInputLevel> inputs{{level, std::move(files)}};
    return Register(std::make_unique<Compaction>(version, options_, std::move(inputs), level, Version::FileList{},
                                                 CompactionReason::kManual, 0));
  }
  auto c = SetupInputs(version, level, level + 1, std::move(files), CompactionReason::kManual, 0);
  return c ? Register(std::move(c)) : nullptr;
}

std::unique_ptr<Compaction> LeveledCompactionPicker::PickL0(const std::shared_ptr<const Version>& version,
                                                            const LevelTargets& targets, CompactionReason reason,
                                                            double score) {
  const Version::FileList& l0 = version->files(0);
  if (l0.empty() || AnyBeingCompacted(l0)) return nullptr;
  return SetupInputs(version, 0, targets.base_level, l0, reason, score);
}

std::unique_ptr<Compaction> LeveledCompactionPicker::PickLevel(const std::shared_ptr<const Version>& version,
                                                               int level, double score) {
  struct Candidate {
    std::shared_ptr<FileMetaData> file;
    double ratio;
  };
  std::vector<Candidate> candidates;
  for (const auto& f : version->files(level)) {
    if (f->being_compacted) continue;
    const uint64_t overlap =
        TotalBytes(version->OverlappingFiles(level + 1, f->smallest_user_key(), f->largest_user_key()));
    candidates.push_back(
        Candidate{f, static_cast<double>(overlap) / static_cast<double>(std::max<uint64_t>(f->file_size, 1))});
  }
  // Files are in key order, so ties go to the lowest keys.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.ratio < b.ratio; });
  for (const Candidate& cand : candidates) {
    auto c = SetupInputs(version, level, level + 1, {cand.file}, CompactionReason::kLevelSize, score);
    if (c) return c;
  }
  return nullptr;
}

std::unique_ptr<Compaction> LeveledCompactionPicker::SetupInputs(const std::shared_ptr<const Version>& version,
                                                                 int level, int output_level,
                                                                 Version::FileList start_files,
                                                                 CompactionReason reason, double score) {
  const Version& v = *version;
  if (!ExpandToCleanCut(v, level, &start_files)) return nullptr;

  std::string smallest, largest;
  KeyRange(start_files, &smallest, &largest);
  Version::FileList out_files = v.OverlappingFiles(output_level, Slice(smallest), Slice(largest));
  if (!ExpandToCleanCut(v, output_level, &out_files)) return nullptr;

  std::string all_smallest, all_largest;
  KeyRange(start_files, out_files, &all_smallest, &all_largest);

  // Grow the start level to the full range when that adds no output-level files.
  if (level > 0 && !out_files.empty()) {
    Version::FileList expanded = v.OverlappingFiles(level, Slice(all_smallest), Slice(all_largest));
    if (expanded.size() > start_files.size() && ExpandToCleanCut(v, level, &expanded) &&
        TotalBytes(expanded) + TotalBytes(out_files) < options_.EffectiveMaxCompactionBytes()) {
      std::string exp_smallest, exp_largest;
      KeyRange(expanded, &exp_smallest, &exp_largest);
      Version::FileList exp_out = v.OverlappingFiles(output_level, Slice(exp_smallest), Slice(exp_largest));
      if (ExpandToCleanCut(v, output_level, &exp_out) && exp_out == out_files) {
        start_files = std::move(expanded);
        KeyRange(start_files, out_files, &all_smallest, &all_largest);
      }
    }
  }

  if (OutputRangeBusy(output_level, all_smallest, all_largest)) return nullptr;

  Version::FileList grandparents;
  if (output_level + 1 < kNumLevels) {
    grandparents = v.OverlappingFiles(output_level + 1, Slice(all_smallest), Slice(all_largest));
  }
  const bool trivial = start_files.size() == 1 && out_files.empty() &&
                       TotalBytes(grandparents) <= options_.MaxGrandparentOverlapBytes();
  std::vector<CompactionInputLevel> inputs;
  inputs.push_back(CompactionInputLevel{level, std::move(start_files)});
  inputs.push_back(CompactionInputLevel{output_level, std::move(out_files)});
  auto c = std::make_unique<Compaction>(version, options_, std::move(inputs), output_level, std::move(grandparents),
                                        reason, score);
  c->set_trivial_move(trivial);
  return c;
}

}  // namespace strata::storage
