// Level targets and compaction scores for leveled compaction (policy only).
//
// Static sizing: L1 targets max_bytes_for_level_base and each deeper level is
// max_bytes_for_level_multiplier times larger; L0 compacts into L1.
//
// Dynamic sizing (level_compaction_dynamic_level_bytes, RocksDB's idea):
// targets are derived from the bottom up so that the last level's target is
// its actual size and each level above is `multiplier` times smaller. L0
// compacts into the "base level", the highest level whose derived target is
// still above max_bytes_for_level_base / multiplier; levels between L0 and the
// base level stay empty. No level at or below the base targets less than
// max_bytes_for_level_base (an hourglass-shaped tree would starve L0). This
// keeps ~90% of the data in the last level, bounding space amplification to
// about 1.11 regardless of the database size. An empty tree compacts L0
// straight into the last level.
//
// Scores: L0 = (L0 files not being compacted) / level0 trigger; a level Ln
// between the base level and the second-to-last level = (bytes of its files
// not being compacted) / target. The last level has no score (nothing below).
// A score >= 1 means the level needs compaction.
//
// Thread safety: pure functions of their arguments; reads being_compacted, so
// call them where the picker runs.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "storage/version/tree_compaction_options.h"
#include "storage/version/version.h"

namespace strata::storage {

struct LevelTargets {
  int base_level = 1;                          // where L0 compacts to
  std::array<uint64_t, kNumLevels> max_bytes{};  // 0 for L0 and levels above the base
};

struct LevelScore {
  int level = 0;
  double score = 0;
};

LevelTargets ComputeLevelTargets(const Version& version, const TreeCompactionOptions& options);

// Scores of L0 and of levels base..kNumLevels-2, highest first (ties: lower
// level first).
std::vector<LevelScore> ComputeCompactionScores(const Version& version, const TreeCompactionOptions& options,
                                                const LevelTargets& targets);

}  // namespace strata::storage
