// UniversalCompactionPicker (see universal_compaction_picker.h for the policy).
#include "storage/compaction/universal_compaction_picker.h"

#include <algorithm>

namespace strata::storage {

std::vector<UniversalCompactionPicker::SortedRun> UniversalCompactionPicker::SortedRuns(const Version& version) {
  std::vector<SortedRun> runs;
  for (const auto& f : version.files(0)) {
    runs.push_back(SortedRun{0, {f}, f->file_size, f->being_compacted});
  }
  for (int level = 1; level < kNumLevels; ++level) {
    const Version::FileList& files = version.files(level);
    if (files.empty()) continue;
    runs.push_back(SortedRun{level, files, version.NumLevelBytes(level), AnyBeingCompacted(files)});
  }
  return runs;
}

bool UniversalCompactionPicker::NeedsCompaction(const Version& version) const {
  const auto runs = SortedRuns(version);
  size_t free_runs = 0;
  for (const auto& r : runs) free_runs += r.being_compacted ? 0 : 1;
  return runs.size() >= options_.level0_file_num_compaction_trigger && free_runs >= 2;
}

std::unique_ptr<Compaction> UniversalCompactionPicker::PickCompaction(std::shared_ptr<const Version> version) {
  const auto runs = SortedRuns(*version);
  const uint32_t trigger = std::max<uint32_t>(options_.level0_file_num_compaction_trigger, 1);
  if (runs.size() < trigger || runs.size() < 2) return nullptr;
  const double score = static_cast<double>(runs.size()) / trigger;
  std::unique_ptr<Compaction> c = PickSizeAmplification(version, runs, score);
  if (!c) c = PickSizeRatio(version, runs, score);
  if (!c) c = PickRunCount(version, runs, score);
  return c ? Register(std::move(c)) : nullptr;
}

std::unique_ptr<Compaction> UniversalCompactionPicker::PickManualCompaction(std::shared_ptr<const Version> version,
                                                                            int /*level*/,
                                                                            std::optional<Slice> /*begin*/,
                                                                            std::optional<Slice> /*end*/) {
  const auto runs = SortedRuns(*version);
  if (runs.empty()) return nullptr;
  for (const auto& r : runs) {
    if (r.being_compacted) return nullptr;
  }
  auto c = MakeCompaction(version, runs, 0, runs.size(), CompactionReason::kManual, 0);
  return c ? Register(std::move(c)) : nullptr;
}

std::unique_ptr<Compaction> UniversalCompactionPicker::MakeCompaction(const std::shared_ptr<const Version>& version,
                                                                      const std::vector<SortedRun>& runs,
                                                                      size_t first, size_t last,
                                                                      CompactionReason reason, double score) const {
  int output_level;
  if (last == runs.size()) {
    output_level = kNumLevels - 1;
  } else {
    const int next_level = runs[last].level;
    output_level = next_level == 0 ? 0 : next_level - 1;
  }
  std::vector<CompactionInputLevel> inputs;
  for (size_t i = first; i < last; ++i) {
    if (!inputs.empty() && inputs.back().level == runs[i].level) {
      inputs.back().files.insert(inputs.back().files.end(), runs[i].files.begin(), runs[i].files.end());
    } else {
      inputs.push_back(CompactionInputLevel{runs[i].level, runs[i].files});
    }
  }
  std::string smallest, largest;
  bool first_file = true;
  for (const auto& in : inputs) {
    for (const auto& f : in.files) {
      if (first_file || Compare(f->smallest_user_key(), smallest) < 0) smallest = std::string(f->smallest_user_key());
      if (first_file || Compare(f->largest_user_key(), largest) > 0) largest = std::string(f->largest_user_key());
      first_file = false;
    }
  }
  if (OutputRangeBusy(output_level, smallest, largest)) return nullptr;
  return std::make_unique<Compaction>(version, options_, std::move(inputs), output_level, Version::FileList{},
                                      reason, score);
}

std::unique_ptr<Compaction> UniversalCompactionPicker::PickSizeAmplification(
    const std::shared_ptr<const Version>& version, const std::vector<SortedRun>& runs, double score) const {
  for (const auto& r : runs) {
    if (r.being_compacted) return nullptr;
  }
  const uint64_t oldest = runs.back().size;
  uint64_t newer = 0;
  for (size_t i = 0; i + 1 < runs.size(); ++i) newer += runs[i].size;
  // newer / oldest > percent / 100, without division.
  if (static_cast<double>(newer) * 100.0 <=
      static_cast<double>(oldest) * options_.universal_max_size_amplification_percent) {
    return nullptr;
  }
  return MakeCompaction(version, runs, 0, runs.size(), CompactionReason::kUniversalSizeAmplification, score);
}

std::unique_ptr<Compaction> UniversalCompactionPicker::PickSizeRatio(const std::shared_ptr<const Version>& version,
                                                                     const std::vector<SortedRun>& runs,
                                                                     double score) const {
  const size_t min_width = std::max<uint32_t>(options_.universal_min_merge_width, 2);
  const size_t max_width = std::max<size_t>(options_.universal_max_merge_width, min_width);
  for (size_t first = 0; first < runs.size(); ++first) {
    if (runs[first].being_compacted) continue;
    double taken = static_cast<double>(runs[first].size);
    size_t last = first + 1;
    while (last < runs.size() && last - first < max_width && !runs[last].being_compacted &&
           static_cast<double>(runs[last].size) <= taken * (100.0 + options_.universal_size_ratio) / 100.0) {
      taken += static_cast<double>(runs[last].size);
      ++last;
    }
    if (last - first >= min_width) {
      auto c = MakeCompaction(version, runs, first, last, CompactionReason::kUniversalSizeRatio, score);
      if (c) return c;
    }
  }
  return nullptr;
}

std::unique_ptr<Compaction> UniversalCompactionPicker::PickRunCount(const std::shared_ptr<const Version>& version,
                                                                    const std::vector<SortedRun>& runs,
                                                                    double score) const {
  const size_t trigger = std::max<uint32_t>(options_.level0_file_num_compaction_trigger, 1);
  const size_t max_width = std::max<size_t>(options_.universal_max_merge_width, 2);
  size_t free_runs = 0;
  for (const auto& r : runs) free_runs += r.being_compacted ? 0 : 1;
  if (free_runs <= trigger) return nullptr;
  const size_t want = std::min(std::max<size_t>(free_runs - trigger + 1, 2), max_width);
  for (size_t first = 0; first < runs.size(); ++first) {
    if (runs[first].being_compacted) continue;
    size_t last = first;
    while (last < runs.size() && last - first < want && !runs[last].being_compacted) ++last;
    if (last - first >= 2) {
      auto c = MakeCompaction(version, runs, first, last, CompactionReason::kUniversalSortedRunCount, score);
      if (c) return c;
    }
  }
  return nullptr;
}

}  // namespace strata::storage
