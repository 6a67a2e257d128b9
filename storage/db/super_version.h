// SuperVersion: everything a reader of one tree needs, pinned together: the
// mutable memtable, the immutable memtables waiting for flush and the current
// Version (the tree's SSTables).
//
// Readers (Get, iterators) copy the tree's current shared_ptr<const
// SuperVersion> under a short mutex and then read without any lock; holding
// it keeps the memtables and every SSTable of the Version alive, so a flush
// or compaction that installs a new SuperVersion never pulls data out from
// under a reader. Flush and compaction publish a new SuperVersion together
// with the Version change (db_impl.h explains the ordering).
//
// Invariants:
//  1. Together, mem + imm + version hold every write of the tree whose
//     sequence number was published when the SuperVersion was installed; a
//     memtable leaves `imm` only in the SuperVersion whose `version` already
//     holds its flushed SSTable.
//  2. imm is newest first; for one user key, newer versions are found in mem,
//     then imm in order, then L0 newest first, then L1..L6.
//
// Thread safety: immutable after construction except for the lazily built
// SSTable range-tombstone set, which is guarded by its own mutex.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "common/result.h"
#include "storage/cache/table_cache.h"
#include "storage/compaction/fragmented_range_tombstones.h"
#include "storage/memtable/memtable.h"
#include "storage/version/version.h"

namespace strata::storage {

struct SuperVersion {
  SuperVersion(std::shared_ptr<MemTable> m, std::vector<std::shared_ptr<MemTable>> i,
               std::shared_ptr<const Version> v)
      : mem(std::move(m)), imm(std::move(i)), version(std::move(v)) {}
  SuperVersion(const SuperVersion&) = delete;
  SuperVersion& operator=(const SuperVersion&) = delete;

  const std::shared_ptr<MemTable> mem;
  const std::vector<std::shared_ptr<MemTable>> imm;  // newest first
  const std::shared_ptr<const Version> version;

  // The range tombstones of every SSTable of `version` (all sequence numbers;
  // readers filter by snapshot), built on first use and then shared by every
  // iterator of this SuperVersion. Tables without deletions are not opened.
  Result<std::shared_ptr<const FragmentedRangeTombstones>> SstRangeTombstones(
      TableCache* table_cache) const;

 private:
  mutable std::mutex tombstones_mu_;
  mutable bool tombstones_built_ = false;  // guarded by tombstones_mu_
  mutable std::shared_ptr<const FragmentedRangeTombstones>
      tombstones_;  // guarded by tombstones_mu_
};

}  // namespace strata::storage
