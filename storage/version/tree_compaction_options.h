// TreeCompactionOptions: the resolved compaction configuration of one tree,
// persisted by the MANIFEST with the tree's creation record. The engine builds
// it from EngineOptions and the user's TreeOptions (engine.h) when a tree is
// created; after that the MANIFEST is its source of truth.
//
// Every field is written to disk as its own tagged sub-field of the
// CreateTree record (storage/docs/manifest_format.md); an option added later
// must use a safe-to-ignore tag if older binaries should still open the
// database. CompactionStyle (written to disk) is the one declared in engine.h.
// Plain value type; no thread-safety concerns.
#pragma once

#include <cstdint>
#include <string>

#include "storage/tree_options.h"  // CompactionStyle

namespace strata::storage {

struct TreeCompactionOptions {
  CompactionStyle compaction_style = CompactionStyle::kLeveled;

  // Leveled: start an L0 compaction at this many L0 files. Universal: the
  // number of sorted runs above which runs are merged to reduce their count.
  uint32_t level0_file_num_compaction_trigger = 4;

  // Leveled: target size of the base level; each deeper level is
  // `max_bytes_for_level_multiplier` times larger.
  uint64_t max_bytes_for_level_base = 256ull << 20;
  uint32_t max_bytes_for_level_multiplier = 10;
  // Leveled: size levels from the bottom up (RocksDB's
  // level_compaction_dynamic_level_bytes): the last level's actual size sets
  // the targets and L0 compacts into the highest non-empty "base" level.
  bool level_compaction_dynamic_level_bytes = true;

  // Compaction output files are cut near this size.
  uint64_t target_file_size = 64ull << 20;
  // Upper bound on the input bytes of one compaction when expanding inputs;
  // 0 means 25 * target_file_size.
  uint64_t max_compaction_bytes = 0;

  // Universal: runs are merged while the next run is at most
  // (100 + size_ratio)% of the accumulated candidate size.
  uint32_t universal_size_ratio = 1;
  uint32_t universal_min_merge_width = 2;
  uint32_t universal_max_merge_width = UINT32_MAX;
  // Universal: a full compaction runs when the bytes of all runs but the
  // oldest exceed this percentage of the oldest run.
  uint32_t universal_max_size_amplification_percent = 200;

  uint64_t EffectiveMaxCompactionBytes() const {
    return max_compaction_bytes != 0 ? max_compaction_bytes : 25 * target_file_size;
  }
  // Bytes of grandparent (output level + 1) overlap after which the current
  // output file is closed, bounding the cost of the next compaction.
  uint64_t MaxGrandparentOverlapBytes() const { return 10 * target_file_size; }

  bool operator==(const TreeCompactionOptions&) const = default;
  std::string DebugString() const;
};

}  // namespace strata::storage
