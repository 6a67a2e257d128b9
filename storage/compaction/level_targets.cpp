// Level targets and scores (see level_targets.h for the policy).
#include "storage/compaction/level_targets.h"

#include <algorithm>

namespace strata::storage {

namespace {

uint64_t SaturatingMultiply(uint64_t a, uint64_t b) {
  if (a != 0 && b > UINT64_MAX / a) return UINT64_MAX;
  return a * b;
}

uint64_t BytesNotBeingCompacted(const Version& v, int level) {
  uint64_t sum = 0;
  for (const auto& f : v.files(level)) {
    if (!f->being_compacted) sum += f->file_size;
  }
  return sum;
}

}  // namespace

LevelTargets ComputeLevelTargets(const Version& version, const TreeCompactionOptions& options) {
  LevelTargets t;
  const uint64_t base_max = options.max_bytes_for_level_base;
  const uint64_t mult = std::max<uint32_t>(options.max_bytes_for_level_multiplier, 2);
  const int last = kNumLevels - 1;

  if (!options.level_compaction_dynamic_level_bytes) {
    t.base_level = 1;
    uint64_t size = base_max;
    for (int level = 1; level <= last; ++level) {
      t.max_bytes[level] = size;
      size = SaturatingMultiply(size, mult);
    }
    return t;
  }

  uint64_t max_level_size = 0;
  int first_non_empty = -1;
  for (int level = 1; level <= last; ++level) {
    uint64_t bytes = version.NumLevelBytes(level);
    if (bytes > 0 && first_non_empty < 0) first_non_empty = level;
    max_level_size = std::max(max_level_size, bytes);
  }
  if (max_level_size == 0) {
    t.base_level = last;
    t.max_bytes[last] = base_max;
    return t;
  }

  // The target the first non-empty level would get if the last level's
  // target were exactly the biggest level's size.
  uint64_t size = max_level_size;
  for (int level = last - 1; level >= first_non_empty; --level) size /= mult;

  int base = first_non_empty;
  uint64_t base_size;
  if (size <= base_max / mult) {
    // Data is small for this many levels: keep the base where data already is.
    base_size = base_max;
  } else {
    // Move the base up while it would still be too big.
    while (base > 1 && size > base_max) {
      --base;
      size /= mult;
    }
    base_size = std::min(size, base_max);
  }
  t.base_level = base;
  uint64_t level_size = base_size;
  for (int level = base; level <= last; ++level) {
    if (level > base) level_size = SaturatingMultiply(level_size, mult);
    t.max_bytes[level] = std::max(level_size, base_max);
  }
  return t;
}

std::vector<LevelScore> ComputeCompactionScores(const Version& version, const TreeCompactionOptions& options,
                                                const LevelTargets& targets) {
  std::vector<LevelScore> scores;
  int l0_files = 0;
  for (const auto& f : version.files(0)) {
    if (!f->being_compacted) ++l0_files;
  }
  const uint32_t trigger = std::max<uint32_t>(options.level0_file_num_compaction_trigger, 1);
  scores.push_back(LevelScore{0, static_cast<double>(l0_files) / trigger});
  for (int level = std::max(targets.base_level, 1); level < kNumLevels - 1; ++level) {
    const uint64_t target = targets.max_bytes[level];
    const double score =
        target == 0 ? 0.0 : static_cast<double>(BytesNotBeingCompacted(version, level)) / static_cast<double>(target);
    scores.push_back(LevelScore{level, score});
  }
  std::stable_sort(scores.begin(), scores.end(),
                   [](const LevelScore& a, const LevelScore& b) { return a.score > b.score; });
  return scores;
}

}  // namespace strata::storage
