// VersionSet: the durable record of which SSTables make up every tree, plus
// the database-wide counters (next file number, last sequence, WAL log
// number). Changes arrive as VersionEdits; each is appended to the MANIFEST
// and synced before the new Versions are installed, so what readers see has
// always reached disk first.
//
// Files (storage/docs/manifest_format.md):
//   CURRENT           names the live manifest; replaced atomically (temp file,
//                     fsync, rename, directory fsync: WriteFileAtomically).
//   MANIFEST-NNNNNN   a log (storage/wal record format, checksummed, 32 KiB
//                     blocks) of encoded VersionEdits. Its first record is a
//                     snapshot of the whole state; later records are deltas.
// A new manifest (snapshot + the edit being applied) is started by the first
// LogAndApply after Recover, when the current one exceeds
// max_manifest_file_size, and after any manifest write error. Old manifests
// are reported by TakeObsoleteFiles once CURRENT no longer names them.
//
// Concurrency and locking:
//  - LogAndApply calls are serialized by an internal mutex held across the
//    manifest I/O; readers (current(), trees, counters) use a second mutex
//    held only for pointer copies, so they never wait for an fsync.
//  - Counters: NewFileNumber / MarkFileNumberUsed / SetLastSequence are
//    lock-free and may be called from any thread.
//  - Versions are std::shared_ptr<const Version>; holding one pins its files.
//
// Errors: LogAndApply returns InvalidArgument (nothing written) for an edit
// that does not fit the current state; an I/O error means the edit may or may
// not be durable, so the engine must stop writing (read-only mode) and
// recover by reopening. Recover returns Corruption naming the file on damage.
//
// Orphans: file numbers handed out by NewFileNumber but never installed by an
// edit (a crashed flush, a failed compaction) are not tracked here; on open
// the engine deletes every NNNNNN.sst not in LiveTableFileNumbers() and every
// MANIFEST-* other than manifest_file_number(), and should MarkFileNumberUsed
// for numbers it finds so new files never reuse them.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "storage/dbformat.h"
#include "storage/io/file_system.h"
#include "storage/version/live_file_tracker.h"
#include "storage/version/tree_set_builder.h"
#include "storage/version/version.h"
#include "storage/version/version_edit.h"
#include "storage/wal/log_writer.h"

namespace strata::storage {

struct VersionSetOptions {
  // Start a new manifest (a fresh snapshot) once the current one is this big.
  uint64_t max_manifest_file_size = 64ull << 20;
};

class VersionSet {
 public:
  struct TreeInfo {
    uint32_t id = 0;
    std::string name;
    TreeCompactionOptions options;
    uint64_t log_number = 0;
    std::shared_ptr<const Version> current;
  };
  struct ObsoleteFiles {
    std::vector<LiveFileTracker::ObsoleteFile> tables;  // NNNNNN.sst no Version lists any more
    std::vector<uint64_t> manifests;                    // MANIFEST-NNNNNN no longer named by CURRENT
  };

  // fs: not owned, must outlive the VersionSet. dir: the data directory.
  VersionSet(FileSystem* fs, std::string dir, VersionSetOptions options = {});
  ~VersionSet();
  VersionSet(const VersionSet&) = delete;
  VersionSet& operator=(const VersionSet&) = delete;

  // Starts an empty database: writes a first manifest and CURRENT.
  // InvalidArgument if CURRENT already exists or the set is already open.
  [[nodiscard]] Status Create();

  // Loads the state named by CURRENT. NotFound if there is no CURRENT;
  // Corruption naming the file if CURRENT or the manifest is damaged (a torn
  // last record, left by a crash during LogAndApply, is ignored: it was never
  // acknowledged).
  [[nodiscard]] Status Recover();

  // Makes `edit` durable in the manifest, then installs new Versions for the
  // trees it touches. The recorded edit also carries the current next file
  // number and last sequence (taking the larger of the edit's and the
  // set's). REQUIRES: Create or Recover succeeded.
  [[nodiscard]] Status LogAndApply(const VersionEdit& edit);

  // ---- Trees ----
  // The tree's current Version, or nullptr if there is no such tree.
  std::shared_ptr<const Version> current(uint32_t tree_id) const;
  std::optional<TreeInfo> GetTree(uint32_t tree_id) const;
  // All trees, by id.
  std::vector<TreeInfo> Trees() const;

  // ---- Counters ----
  // A fresh, never used number for a new file (SSTable, WAL segment, manifest).
  uint64_t NewFileNumber() { return next_file_number_.fetch_add(1); }
  // Ensures later NewFileNumber calls return numbers above `number`.
  void MarkFileNumberUsed(uint64_t number);
  uint64_t next_file_number() const { return next_file_number_.load(); }
  SequenceNumber last_sequence() const { return last_sequence_.load(); }
  // Raises last_sequence (never lowers it).
  void SetLastSequence(SequenceNumber seq);
  // WAL segments numbered below this are obsolete (as last set by an edit).
  uint64_t log_number() const;
  // Oldest WAL segment recovery still needs: the larger of log_number() and
  // the smallest tree log number.
  uint64_t MinLogNumberToKeep() const;

  // ---- Files ----
  uint64_t manifest_file_number() const;
  uint64_t manifest_file_size() const;
  // SSTables listed by any live Version of any tree (sorted).
  std::vector<uint64_t> LiveTableFileNumbers() const { return tracker_->LiveFileNumbers(); }
  // Files that became unreferenced since the last call; the caller deletes them.
  ObsoleteFiles TakeObsoleteFiles();

 private:
  // A snapshot edit of `trees` and the counters.
  VersionEdit SnapshotEdit(const TreeMap& trees, uint64_t log_number) const;
  // Writes MANIFEST-<number> holding a snapshot of `trees` followed by `edit`
  // (if not empty), syncs it and points CURRENT at it.
  // REQUIRES: apply_mu_ held.
  Status WriteNewManifest(uint64_t number, const TreeMap& trees, uint64_t log_number, const VersionEdit& edit);

  FileSystem* const fs_;
  const std::string dir_;
  const VersionSetOptions options_;
  const std::shared_ptr<LiveFileTracker> tracker_;

  std::atomic<uint64_t> next_file_number_{1};
  std::atomic<SequenceNumber> last_sequence_{0};

  // Serializes Create/Recover/LogAndApply; held across manifest I/O.
  std::mutex apply_mu_;
  bool opened_ = false;                        // guarded by apply_mu_
  std::unique_ptr<wal::LogWriter> manifest_;   // guarded by apply_mu_; null: start a new one
  uint64_t next_version_number_ = 1;           // guarded by apply_mu_

  // Guards the state readers see. Never held during I/O.
  mutable std::mutex state_mu_;
  TreeMap trees_;                               // guarded by state_mu_
  uint64_t log_number_ = 0;                     // guarded by state_mu_
  uint64_t manifest_file_number_ = 0;           // guarded by state_mu_
  uint64_t manifest_file_size_ = 0;             // guarded by state_mu_
  std::vector<uint64_t> obsolete_manifests_;    // guarded by state_mu_
};

}  // namespace strata::storage
