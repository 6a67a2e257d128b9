// GroupCommitWriter: lets concurrent committers share one WAL write and one
// fdatasync (group commit).
//
// Protocol. Writers enqueue themselves in FIFO order. The writer at the head
// becomes the leader: it takes the queued writers behind it (up to
// max_group_bytes, never past a RunExclusive request), assigns each batch its
// sequence numbers (contiguous, in queue order), merges the batches into one
// WriteBatch and writes it as ONE log record, syncs once if any writer of the
// group asked for sync, runs the on_logged hook (the engine inserts into the
// memtables there), publishes the group's last sequence, and wakes the
// followers with the shared status. The next queued writer then leads.
//
// Guarantees:
//  - A batch is applied (on_logged) and visible (LastSequence) only after its
//    record is in the log, and after fdatasync when any writer in its group
//    requested sync. A sync=false writer returns without waiting for a sync of
//    its own (its record is flushed to the OS, so it survives a process crash
//    but not a power loss), but may ride along with a syncing group.
//  - on_logged calls never overlap and see groups in sequence order, so a
//    single-writer memtable needs no further locking.
//  - Sequence numbers are published in order: LastSequence() never exposes a
//    batch whose predecessors are not yet applied.
//  - Errors are sticky: if writing, syncing or on_logged fails, the log's tail
//    is unknown, so the whole group and every later Write get that error
//    (the group's sequence numbers are burned, never reused) until the engine
//    installs a new log with SetLogWriter inside RunExclusive.
//
// Thread safety: Write, RunExclusive, LastSequence and stats() may be called
// from any thread.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "storage/dbformat.h"
#include "storage/wal/log_writer.h"
#include "storage/write_batch.h"

namespace strata::storage::wal {

struct WalWriteOptions {
  // Wait for fdatasync of the log before returning.
  bool sync = true;
};

class GroupCommitWriter {
 public:
  struct Options {
    // A leader stops adding followers once the group holds this many bytes
    // (it always takes its own batch, whatever its size).
    size_t max_group_bytes = 1 << 20;
    // Runs on the leader's thread after the group is durably logged, before
    // its sequence numbers are published. Batches in sequence order, each
    // with its sequence set. May be empty.
    std::function<Status(const std::vector<const WriteBatch*>& group)> on_logged;
  };

  // Groups by size (batches per log record): slot i counts groups of
  // (2^(i-1), 2^i] batches, i.e. bounds 1, 2, 4, ..., 64; the last slot
  // counts groups of more than 64.
  static constexpr size_t kGroupSizeSlots = 8;
  static size_t GroupSizeSlot(size_t batches) {
    size_t slot = 0;
    while (slot + 1 < kGroupSizeSlots && (size_t{1} << slot) < batches) ++slot;
    return slot;
  }

  struct Stats {
    uint64_t batches = 0;  // batches written
    uint64_t groups = 0;   // log records written (one per group)
    uint64_t syncs = 0;    // fdatasync calls
    std::array<uint64_t, kGroupSizeSlots> group_sizes{};  // groups by GroupSizeSlot
  };

  // `log` must outlive the writer or be replaced with SetLogWriter.
  // `last_sequence` is the last sequence number already used (from recovery).
  GroupCommitWriter(LogWriter* log, SequenceNumber last_sequence, Options options);
  GroupCommitWriter(LogWriter* log, SequenceNumber last_sequence)
      : GroupCommitWriter(log, last_sequence, Options()) {}
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  // Logs batch (setting its sequence) and blocks until it is logged, synced
  // if requested, and applied. The batch must stay alive until this returns.
  [[nodiscard]] Status Write(WriteBatch* batch, const WalWriteOptions& options = {});

  // Waits until every earlier Write has finished, runs fn with no write in
  // flight (later writers wait), and returns its status. For log rotation
  // and memtable switches.
  [[nodiscard]] Status RunExclusive(const std::function<Status()>& fn);

  // Installs a new log and clears a sticky error.
  // REQUIRES: called from inside RunExclusive (no write in flight).
  void SetLogWriter(LogWriter* log);

  // Uses up the next n sequence numbers without logging a record and
  // publishes them; returns the first. For changes the engine makes durable
  // elsewhere (file ingestion records its sequence in the manifest).
  // REQUIRES: called from inside RunExclusive (no write in flight).
  SequenceNumber ConsumeSequence(uint64_t n);

  // The last sequence number whose batch is logged and applied.
  SequenceNumber LastSequence() const { return published_.load(std::memory_order_acquire); }
  Stats stats() const;
  // The sticky error, OK while healthy.
  Status error() const;

 private:
  struct Writer;

  // REQUIRES: lock held and w is at the head of the queue.
  Status LeadGroup(Writer* w, std::unique_lock<std::mutex>* lock);
  // Removes the first n writers (the leader first), hands followers `s`, and
  // wakes the next leader. REQUIRES: lock held.
  void FinishGroup(size_t n, const Status& s);

  const Options options_;
  mutable std::mutex mu_;
  std::deque<Writer*> queue_;      // guarded by mu_
  LogWriter* log_;                 // changed only inside RunExclusive
  SequenceNumber last_allocated_;  // guarded by mu_
  std::atomic<SequenceNumber> published_;
  Status error_;       // guarded by mu_
  Stats stats_;        // guarded by mu_
  WriteBatch merged_;  // leader's scratch
  std::string record_;  // leader's scratch: the WAL payload with its commit-time trailer
};

}  // namespace strata::storage::wal
