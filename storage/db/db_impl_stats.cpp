// DBImpl::GetStats: a point-in-time report of the engine's shape and work.
//
// Write amplification = (WAL + flush + compaction bytes written) / user bytes
// (keys and values handed to Write), counted since open. Per tree, the WAL is
// shared and left out: (flush + compaction bytes of the tree) / its user bytes. Pending compaction
// bytes is an estimate: for leveled trees, the L0 bytes once L0 reaches its
// trigger plus, for each level over its target size, the excess times
// (1 + multiplier) (the excess and the next level's data it overlaps); for
// universal trees, every byte of the tree while it needs compaction.
// Thread safety: callable concurrently with everything; takes short locks.
#include <algorithm>

#include "storage/compaction/level_targets.h"
#include "storage/db/db_impl.h"

namespace strata::storage {

namespace {

uint64_t PendingCompactionBytes(const Version& v, const TreeData& tree) {
  const TreeCompactionOptions& o = tree.options;
  if (o.compaction_style == CompactionStyle::kUniversal) {
    return tree.picker->NeedsCompaction(v) ? v.TotalBytes() : 0;
  }
  uint64_t pending = 0;
  if (v.NumFiles(0) >= static_cast<int>(o.level0_file_num_compaction_trigger))
    pending += v.NumLevelBytes(0);
  const LevelTargets targets = ComputeLevelTargets(v, o);
  for (int level = std::max(1, targets.base_level); level < kNumLevels - 1; ++level) {
    const uint64_t bytes = v.NumLevelBytes(level);
    const uint64_t target = targets.max_bytes[level];
    if (target > 0 && bytes > target)
      pending += (bytes - target) * (1 + o.max_bytes_for_level_multiplier);
  }
  return pending;
}

}  // namespace

EngineStats DBImpl::GetStats() const {
  EngineStats stats;
  std::vector<std::pair<std::shared_ptr<TreeData>, std::shared_ptr<const SuperVersion>>> trees;
  {
    std::lock_guard<std::mutex> lock(tree_index_mu_);
    for (const auto& [id, tree] : trees_) trees.emplace_back(tree, tree->super_version);
  }
  std::sort(trees.begin(), trees.end(),
            [](const auto& a, const auto& b) { return a.first->id < b.first->id; });
  for (const auto& [tree, sv] : trees) {
    TreeStats t;
    t.id = tree->id;
    t.name = tree->name;
    if (sv == nullptr) continue;
    for (int level = 0; level < kNumLevels; ++level) {
      t.levels.push_back(
          LevelStats{level, sv->version->NumFiles(level), sv->version->NumLevelBytes(level)});
    }
    t.memtable_bytes = sv->mem->ApproximateMemoryUsage();
    for (const auto& m : sv->imm) t.memtable_bytes += m->ApproximateMemoryUsage();
    {
      // The picker's scores read being_compacted flags, guarded by mutex_.
      std::lock_guard<std::mutex> lock(mutex_);
      t.pending_compaction_bytes = PendingCompactionBytes(*sv->version, *tree);
    }
    const TreeCounters& c = tree->counters;
    t.user_bytes_written = TreeCounters::Load(c.user_bytes);
    t.flush_bytes_written = TreeCounters::Load(c.flush_bytes);
    t.compaction_bytes_written = TreeCounters::Load(c.compaction_bytes_written);
    t.compaction_bytes_read = TreeCounters::Load(c.compaction_bytes_read);
    if (t.user_bytes_written > 0) {
      t.write_amplification =
          static_cast<double>(t.flush_bytes_written + t.compaction_bytes_written) /
          static_cast<double>(t.user_bytes_written);
    }
    t.stalls = TreeCounters::Load(c.stalls);
    t.stall_micros = TreeCounters::Load(c.stall_micros);
    t.block_cache_hits = TreeCounters::Load(c.block_cache_hits);
    t.block_cache_misses = TreeCounters::Load(c.block_cache_misses);
    t.bloom_checks = TreeCounters::Load(c.bloom_checks);
    t.bloom_negatives = TreeCounters::Load(c.bloom_negatives);
    stats.trees.push_back(std::move(t));
  }

  stats.user_bytes_written = user_bytes_.load(std::memory_order_relaxed);
  stats.wal_bytes_written = wal_bytes_.load(std::memory_order_relaxed);
  stats.flush_bytes_written = flush_bytes_.load(std::memory_order_relaxed);
  stats.compaction_bytes_written = compaction_bytes_written_.load(std::memory_order_relaxed);
  stats.compaction_bytes_read = compaction_bytes_read_.load(std::memory_order_relaxed);
  if (stats.user_bytes_written > 0) {
    stats.write_amplification =
        static_cast<double>(stats.wal_bytes_written + stats.flush_bytes_written +
                            stats.compaction_bytes_written) /
        static_cast<double>(stats.user_bytes_written);
  }
  if (group_commit_ != nullptr) {
    const wal::GroupCommitWriter::Stats wal = group_commit_->stats();
    stats.wal_syncs = wal.syncs;
    stats.write_groups = wal.groups;
    stats.write_batches = wal.batches;
    static_assert(std::tuple_size_v<CommitGroupSizeCounts> == wal::GroupCommitWriter::kGroupSizeSlots);
    std::copy(wal.group_sizes.begin(), wal.group_sizes.end(), stats.commit_group_sizes.begin());
  }
  stats.wal_syncs += extra_wal_syncs_.load(std::memory_order_relaxed);
  stats.stall_micros = stall_micros_.load(std::memory_order_relaxed);
  stats.slowdown_micros = slowdown_micros_.load(std::memory_order_relaxed);
  const LruCacheStats cache = block_cache_->GetStats();
  stats.block_cache_hits = cache.hits;
  stats.block_cache_misses = cache.misses;
  stats.bloom_useful = bloom_useful_.load(std::memory_order_relaxed);
  stats.bloom_checks = bloom_checks_.load(std::memory_order_relaxed);
  stats.flushes = flushes_.load(std::memory_order_relaxed);
  stats.compactions = compactions_.load(std::memory_order_relaxed);
  stats.last_sequence = LatestSequence();
  return stats;
}

}  // namespace strata::storage
