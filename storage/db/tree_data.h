// TreeData: the engine's in-memory state of one LSM tree (RocksDB's
// ColumnFamilyData): its memtables, the flush queue, its compaction picker and
// the SuperVersion readers use.
//
// Memtables and WAL segments. All trees share one WAL; a memtable switch
// always starts a new segment, so every memtable covers a contiguous run of
// segments: `log_number` is the segment that was current when it became the
// mutable memtable and `next_log_number` the segment its successor started in.
// Once a tree's memtables up to M are flushed, the tree's manifest log number
// becomes M.next_log_number: recovery skips the tree's records in older
// segments.
//
// Locking (names refer to DBImpl members, see db_impl.h):
//  - mem, mem_id, mem_log_number, mem_bytes: written only inside a write-exclusive
//    section (GroupCommitWriter::RunExclusive) while holding mutex_; read by
//    the group-commit leader (on_logged, which never overlaps an exclusive
//    section) or under mutex_.
//  - switch_requested: atomic; set by the leader when mem is full, cleared by
//    the switch.
//  - imm, picker (and the being_compacted flags of this tree's files),
//    running_compactions, dropped, manual_compactions, ingesting,
//    next_mem_id, manifest_log_number: guarded by mutex_
//    (manifest_log_number changes only while manifest_mu_ is held too).
//  - stops_writes: guarded by mutex_ (RecalculateWriteStallLocked).
//  - counters: relaxed atomics, no lock (tree_counters.h).
//  - super_version: guarded by tree_index_mu_ (a leaf lock held only to copy
//    or swap the pointer).
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "storage/compaction/compaction_picker.h"
#include "storage/db/super_version.h"
#include "storage/db/tree_counters.h"
#include "storage/memtable/memtable.h"
#include "storage/tree_options.h"
#include "storage/version/tree_compaction_options.h"

namespace strata::storage {

// What one memtable entry costs: its bytes plus the skiplist node, sequence
// and length prefixes (approximately).
inline uint64_t MemTableEntryCharge(size_t key_size, size_t value_size) {
  return key_size + value_size + 40;
}

// A memtable that is no longer written and waits for (or is in) a flush.
struct ImmutableMemTable {
  std::shared_ptr<MemTable> mem;
  uint64_t id = 0;               // per tree, increasing in creation order
  uint64_t log_number = 0;       // WAL segment current when it became mutable
  uint64_t next_log_number = 0;  // WAL segment its successor started in
  bool flush_in_progress = false;
};

struct TreeData {
  TreeData(TreeId tree_id, std::string tree_name, const TreeCompactionOptions& compaction_options)
      : id(tree_id),
        name(std::move(tree_name)),
        options(compaction_options),
        picker(NewCompactionPicker(compaction_options)) {}
  TreeData(const TreeData&) = delete;
  TreeData& operator=(const TreeData&) = delete;

  // The log number the tree's manifest entry may advance to: everything of
  // the tree in older segments is in SSTables, assuming the first
  // `flushed_imms` immutable memtables are. `current_log` is the engine's
  // current WAL segment. REQUIRES: mutex_ held.
  uint64_t MinLogNumberNeeded(size_t flushed_imms, uint64_t current_log) const {
    if (flushed_imms < imm.size()) return imm[flushed_imms].log_number;
    return mem->empty() ? current_log : mem_log_number;
  }

  const TreeId id;
  const std::string name;
  const TreeCompactionOptions options;

  std::shared_ptr<MemTable> mem;
  uint64_t mem_id = 0;
  uint64_t mem_log_number = 0;
  // Bytes inserted into mem (MemTableEntryCharge each): the flush trigger.
  // The arena's own count moves in 64 KiB blocks, too coarse for small
  // write buffers.
  uint64_t mem_bytes = 0;
  std::atomic<bool> switch_requested{false};

  std::deque<ImmutableMemTable> imm;  // oldest first
  std::unique_ptr<CompactionPicker> picker;
  std::vector<const Compaction*> running_compactions;  // picked and not yet released
  bool dropped = false;
  int manual_compactions = 0;  // running CompactRange calls: no automatic picks
  bool ingesting = false;      // an IngestFiles is placing files: no automatic picks
  uint64_t next_mem_id = 1;
  uint64_t manifest_log_number = 0;  // the tree's log number in the VersionSet
  bool stops_writes = false;         // L0 at l0_stop_writes_trigger: its stalls count here

  TreeCounters counters;

  std::shared_ptr<const SuperVersion> super_version;
};

}  // namespace strata::storage
