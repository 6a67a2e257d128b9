// SnapshotList: the engine's live snapshots (Engine::GetSnapshot), which
// define what compaction must keep. The oldest live snapshot is the GC
// horizon: every version older than the newest version visible at it can be
// dropped.
//
// Thread safety: all methods are thread-safe (one internal leaf mutex; nothing
// is called while it is held).
// Invariant: every SnapshotImpl handed out by New() is in the list until
// Release() removes and frees it; the list owns them (Clear() frees the rest
// when the engine goes away).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "storage/dbformat.h"
#include "storage/engine.h"

namespace strata::storage {

class SnapshotImpl final : public Snapshot {
 public:
  explicit SnapshotImpl(SequenceNumber seq) : Snapshot(seq) {}
};

class SnapshotList {
 public:
  SnapshotList() = default;
  SnapshotList(const SnapshotList&) = delete;
  SnapshotList& operator=(const SnapshotList&) = delete;

  const SnapshotImpl* New(SequenceNumber seq);
  // Returns false (and does nothing) if `snapshot` is not a live snapshot of
  // this list.
  bool Release(const Snapshot* snapshot);

  // Sequence numbers of live snapshots, ascending, without duplicates.
  std::vector<SequenceNumber> Sequences() const;
  // The GC horizon; nullopt when no snapshot is live.
  std::optional<SequenceNumber> Oldest() const;
  size_t size() const;
  // Frees every snapshot (engine shutdown).
  void Clear();

 private:
  mutable std::mutex mu_;
  std::map<const Snapshot*, std::unique_ptr<SnapshotImpl>> live_;  // guarded by mu_
  std::map<SequenceNumber, size_t> counts_;                        // guarded by mu_
};

}  // namespace strata::storage
