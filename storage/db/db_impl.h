// DBImpl: the Engine (storage/engine.h) that ties WAL, memtables, SSTables,
// caches, the version set and compaction together. The class is split by
// concern over db_impl_*.cpp (as RocksDB's db_impl_*.cc):
//
//   db_impl.cpp             construction, Close, background threads, errors
//   db_impl_open.cpp        Open: LOCK, manifest, WAL replay, orphan files
//   db_impl_write.cpp       Write: group commit, memtable inserts, switches, stalls
//   db_impl_read.cpp        Get, NewIterator, snapshots
//   db_impl_flush.cpp       memtable -> L0 SSTable, WAL segment retirement
//   db_impl_compaction.cpp  background and manual (CompactRange) compaction
//   db_impl_files.cpp       deleting obsolete SSTables, manifests, WAL segments
//   db_impl_trees.cpp       CreateTree / DropTree / FindTree, logged operations
//   db_impl_replay.cpp      ReplayLoggedRecord (point-in-time restore)
//   db_impl_ingest.cpp      IngestFiles, IngestSortedRows, IngestRowStream,
//                           IngestSortedParts
//   db_impl_stats.cpp       GetStats
//   db_impl_backup.cpp      PinLiveFiles / UnpinFiles (online backup)
//   db_impl_archive.cpp     continuous WAL archiving (archive_wal)
//
// Write path. Write() validates the batch, makes room (memtable switch,
// slowdown, stall), then joins the GroupCommitWriter: the group leader writes
// one WAL record for the whole group, syncs once if anyone asked, inserts
// every batch into its trees' memtables (ApplyToMemTables, the on_logged
// hook) and only then publishes the group's last sequence, so readers never
// see part of a batch. The DB mutex is not taken on this path.
//
// Read path. Get/NewIterator copy the tree's SuperVersion pointer under
// tree_index_mu_ (a pointer copy, nothing else) and then read memtables and
// SSTables without any engine lock. The snapshot sequence is read after the
// SuperVersion is pinned, so nothing the snapshot may see can have been
// compacted away from the pinned files.
//
// Background work. max_background_jobs threads run flushes (always first)
// and compactions (at most max(1, jobs - 1) at once, so one thread is left
// for flushes). A flush or compaction publishes its result in three steps
// under manifest_mu_: VersionSet::LogAndApply (manifest fsync), then, under
// mutex_, the tree's memtable list and a new SuperVersion. manifest_mu_ keeps
// those steps of different jobs from interleaving, so a reader never sees a
// Version without the memtable it replaced, or the reverse.
//
// Lock order (never acquire one to the left while holding one to its right):
//   ddl_mu_ -> write exclusivity (GroupCommitWriter::RunExclusive)
//           -> manifest_mu_ -> mutex_ -> tree_index_mu_ -> component leaf locks
// No engine lock is held across WAL or SSTable I/O, except manifest_mu_
// across a manifest write and write exclusivity across a WAL switch or an
// ingestion.
//
// Errors. A failed WAL write, flush or compaction (I/O, corruption) sets
// bg_error_: later writes return it (read-only mode), reads keep working.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "storage/cache/block_cache.h"
#include "storage/cache/table_cache.h"
#include "storage/compaction/compaction.h"
#include "storage/compaction/rate_limiter.h"
#include "storage/db/direct_io_file_system.h"
#include "storage/db/snapshot_list.h"
#include "storage/db/super_version.h"
#include "storage/db/tree_data.h"
#include "storage/engine.h"
#include "storage/sstable/table_options.h"
#include "storage/version/version_set.h"
#include "storage/wal/group_commit_writer.h"
#include "storage/wal/log_writer.h"

namespace strata::storage {

class DBImpl final : public Engine {
 public:
  DBImpl(std::string dir, const EngineOptions& options);
  ~DBImpl() override;
  DBImpl(const DBImpl&) = delete;
  DBImpl& operator=(const DBImpl&) = delete;

  // Called once by Engine::Open before the engine is handed out.
  [[nodiscard]] Status Open();

  // Engine.
  Result<TreeId> CreateTree(const std::string& name, const TreeOptions& options) override;
  Status DropTree(TreeId tree) override;
  Result<TreeId> FindTree(const std::string& name) const override;
  Status Write(const WriteOptions& options, WriteBatch* batch) override;
  Result<std::string> Get(const ReadOptions& options, TreeId tree, Slice key) override;
  std::unique_ptr<Iterator> NewIterator(const ReadOptions& options, TreeId tree) override;
  const Snapshot* GetSnapshot() override;
  void ReleaseSnapshot(const Snapshot* snapshot) override;
  SequenceNumber LatestSequence() const override;
  Status Flush(std::optional<TreeId> tree) override;
  Status CompactRange(TreeId tree, std::optional<Slice> begin, std::optional<Slice> end) override;
  Status IngestFiles(TreeId tree, const std::vector<std::string>& paths) override;
  Status IngestSortedRows(TreeId tree,
                          const std::vector<std::pair<std::string, std::string>>& rows) override;
  Status IngestRowStream(const std::vector<IngestTreeRange>& trees,
                         const std::function<Status(const IngestEmit& emit)>& produce) override;
  Status IngestSortedParts(TreeId tree, const std::vector<IngestPart>& parts) override;
  Result<LiveFiles> PinLiveFiles() override;
  void UnpinFiles() override;
  Status ReplayLoggedRecord(Slice record) override;
  EngineStats GetStats() const override;
  Status Close() override;

 private:
  class MemTableInserter;

  // ---- Open (db_impl_open.cpp) ----
  Status LoadOrCreateManifest();
  // Replays the live WAL segments into per-tree memtables, flushing them to
  // L0 tables recorded in *edit; *max_sequence is raised to the last replayed
  // sequence.
  Status RecoverWal(const std::vector<uint64_t>& wal_numbers, VersionEdit* edit,
                    SequenceNumber* max_sequence);
  // Creates WAL segment `number`, makes its directory entry durable and
  // returns its writer.
  Result<std::unique_ptr<wal::LogWriter>> NewWalSegment(uint64_t number);
  // Deletes files of ours that nothing references (see file_names.h).
  void DeleteOrphanFiles(const std::vector<std::string>& children);
  TreeCompactionOptions MakeTreeOptions(const TreeOptions& tree_options) const;
  // Registers a tree known to the VersionSet in trees_ (open, CreateTree).
  // REQUIRES: mutex_ held (and write exclusivity once the engine is open).
  std::shared_ptr<TreeData> AddTreeLocked(const VersionSet::TreeInfo& info);
  void StartBackgroundThreads();

  // ---- Writes (db_impl_write.cpp) ----
  // InvalidArgument for unknown trees or a reversed range.
  Status ValidateBatch(const WriteBatch& batch) const;
  // The group-commit on_logged hook: inserts a logged group into memtables.
  Status ApplyToMemTables(const std::vector<const WriteBatch*>& group);
  // Slowdown, stalls and memtable switches before a write joins a group.
  Status MakeRoomForWrite();
  // Moves full memtables (all non-empty ones of `force`, when given) to their
  // immutable lists and starts a new WAL segment.
  // REQUIRES: inside write exclusivity; mutex_ not held.
  Status SwitchMemTables(const std::vector<TreeId>* force);
  // Recomputes write_stop_ / write_slowdown_. REQUIRES: mutex_ held.
  void RecalculateWriteStallLocked();

  // ---- Reads (db_impl_read.cpp) ----
  // The tree's current SuperVersion, or null if there is no such tree.
  std::shared_ptr<const SuperVersion> AcquireSuperVersion(TreeId tree) const;
  std::shared_ptr<TreeData> FindTreeData(TreeId tree) const;

  // ---- Flush (db_impl_flush.cpp) ----
  // Makes a new SuperVersion from the tree's memtables and the VersionSet's
  // current Version. REQUIRES: mutex_ held.
  void InstallSuperVersionLocked(TreeData* tree);
  // A tree with immutable memtables no flush is working on, or null.
  // REQUIRES: mutex_ held.
  std::shared_ptr<TreeData> PickFlushLocked();
  // Flushes the tree's oldest immutable memtables. Entered and left with
  // *lock (mutex_) held; releases it meanwhile.
  void BackgroundFlush(const std::shared_ptr<TreeData>& tree, std::unique_lock<std::mutex>* lock);
  // Adds SetTreeLogNumber for every tree whose log number may advance; the
  // flushed tree counts its first `flushed_imms` memtables as flushed.
  // REQUIRES: mutex_ and manifest_mu_ held.
  void AddLogNumbersLocked(VersionEdit* edit, const TreeData* flushed, size_t flushed_imms);
  // After a successful LogAndApply of an edit built with AddLogNumbersLocked.
  // REQUIRES: mutex_ held.
  void CommitLogNumbersLocked(const VersionEdit& edit);
  // Switches the memtables of `trees` and waits until they are flushed.
  Status FlushTrees(const std::vector<TreeId>& trees);
  // Waits until no immutable memtable of `tree` with id <= mem_id is left.
  // REQUIRES: *lock holds mutex_.
  Status WaitForFlushLocked(TreeData* tree, uint64_t mem_id, std::unique_lock<std::mutex>* lock);
  // IngestFiles / IngestSortedRows from the memtable check on, under write
  // exclusivity (db_impl_ingest.cpp).
  // One tree of an ingestion and the user-key range [begin, end] it covers.
  struct IngestTarget {
    TreeData* tree;
    TreeId id;
    std::string begin;
    std::string end;
  };
  // write_tables appends (tree, table) pairs it wrote at the sequence number.
  // `log` (may be null) runs once the ingestion is installed, still inside
  // write exclusivity, with its sequence number (the WAL record of it).
  Status IngestExclusive(
      const std::vector<IngestTarget>& targets,
      const std::function<Status(SequenceNumber, std::vector<std::pair<TreeId, FileMetaData>>*)>&
          write_tables,
      const std::function<Status(SequenceNumber)>* log = nullptr);

  // ---- Trees (db_impl_trees.cpp) ----
  // CreateTree with the tree's compaction options and, when replaying a
  // logged creation, its logged id (else a new one).
  Result<TreeId> CreateTreeWithOptions(const std::string& name,
                                       const TreeCompactionOptions& tree_options,
                                       std::optional<TreeId> logged_id);
  // Writes a logged-operation record (storage/write_batch.h: count 0, the
  // given trailer, the commit time) with `sequence` (0: the last published
  // one; an ingestion passes its own) to the current WAL segment and syncs
  // it; a failure is a background error. REQUIRES: inside write exclusivity.
  Status LogOperation(const std::function<void(std::string*)>& append_trailer,
                      SequenceNumber sequence = 0);

  // ---- Compaction (db_impl_compaction.cpp) ----
  // An automatic compaction of some tree, registered with its picker.
  // REQUIRES: mutex_ held.
  std::unique_ptr<Compaction> PickCompactionLocked(std::shared_ptr<TreeData>* tree);
  // Runs a picked compaction and installs its result; releases it in the
  // picker. Entered and left with *lock held; releases it meanwhile.
  Status RunCompaction(const std::shared_ptr<TreeData>& tree, std::unique_ptr<Compaction> c,
                       std::unique_lock<std::mutex>* lock);
  Status ManualCompactLevel(const std::shared_ptr<TreeData>& tree, int level,
                            std::optional<Slice> begin, std::optional<Slice> end);

  // ---- Obsolete files (db_impl_files.cpp) ----
  // Deletes SSTables and manifests no Version references any more and WAL
  // segments below the version set's MinLogNumberToKeep. Takes mutex_ briefly;
  // call without it.
  void PurgeObsoleteFiles();

  // VersionSet::LogAndApply of `edit`, which also records the latest
  // published sequence: once an edit lets WAL segments go, the sequence
  // numbers they held must survive in the manifest.
  // REQUIRES: manifest_mu_ held (or the engine is still opening).
  Status ApplyEdit(VersionEdit edit);

  // ---- WAL archiving (db_impl_archive.cpp) ----
  // Open: segments on disk without a .done marker join unarchived_ (and
  // alive_logs_); markers of vanished segments are removed.
  // REQUIRES: mutex_ held.
  void RecoverArchiveStateLocked(const std::vector<uint64_t>& wal_files);
  void ArchiverThreadMain();
  // "DIR/archive_status/NNNNNN.wal.done"
  std::string ArchiveDoneMarker(uint64_t number) const;

  // ---- Background threads and errors (db_impl.cpp) ----
  void BackgroundThreadMain();
  // Records the first background error (read-only mode). REQUIRES: mutex_ held.
  void SetBackgroundErrorLocked(const Status& s);
  Status BackgroundError() const;  // takes mutex_

  // ---- Configuration (immutable after construction) ----
  const std::string dir_;
  const EngineOptions options_;
  FileSystem* const fs_;
  std::unique_ptr<DirectIoFileSystem> table_fs_;       // null: use fs_
  std::unique_ptr<DirectIoFileSystem> compaction_fs_;  // null: use fs_
  TableOptions table_options_;

  // ---- Components ----
  std::unique_ptr<FileLock> lock_;
  std::unique_ptr<VersionSet> versions_;
  std::unique_ptr<BlockCache> block_cache_;
  std::unique_ptr<TableCache> table_cache_;
  std::unique_ptr<RateLimiter> rate_limiter_;  // null: unlimited
  SnapshotList snapshots_;

  // ---- WAL ----
  std::unique_ptr<wal::LogWriter> log_;  // replaced only inside write exclusivity
  std::unique_ptr<wal::GroupCommitWriter> group_commit_;
  uint64_t logfile_number_ = 0;      // current segment; written inside exclusivity + mutex_
  std::deque<uint64_t> alive_logs_;  // guarded by mutex_: segments on disk, oldest first
  uint64_t wal_bytes_closed_ = 0;    // bytes of retired segments; written inside exclusivity

  // ---- Locks ----
  std::mutex ddl_mu_;                 // serializes CreateTree / DropTree
  std::mutex manifest_mu_;            // serializes LogAndApply + install (see top)
  mutable std::mutex mutex_;          // the DB mutex: everything marked "guarded by mutex_"
  std::condition_variable bg_cv_;     // with mutex_: work, completions, stalls, shutdown
  mutable std::mutex tree_index_mu_;  // leaf: trees_ lookups, TreeData::super_version

  // Trees by id. Changed only with write exclusivity, mutex_ and
  // tree_index_mu_ all held, so the group-commit leader may read it with none.
  std::unordered_map<TreeId, std::shared_ptr<TreeData>> trees_;

  // ---- Background state (guarded by mutex_) ----
  std::vector<std::thread> bg_threads_;
  bool shutting_down_ = false;
  bool closed_ = false;
  bool opened_ = false;
  // Online backups in progress (db_impl_backup.cpp): while > 0 nothing is
  // deleted; PurgeObsoleteFiles parks SSTables and manifests here instead.
  int file_pins_ = 0;
  std::vector<uint64_t> pinned_obsolete_tables_;
  std::vector<uint64_t> pinned_obsolete_manifests_;
  // Finished WAL segments not archived yet, oldest first (only with
  // options_.archive_wal); PurgeObsoleteFiles keeps them.
  std::deque<uint64_t> unarchived_;
  std::thread archiver_thread_;
  int running_flushes_ = 0;
  int running_compactions_ = 0;
  int compaction_slots_ = 1;
  size_t compaction_cursor_ = 0;  // round robin over trees
  Status bg_error_;
  std::atomic<bool> has_bg_error_{false};

  // ---- Write control (set under mutex_, read lock-free by writers) ----
  std::atomic<bool> switch_requested_{false};  // some tree's memtable is full
  std::atomic<bool> write_stop_{false};        // L0 at the stop trigger
  std::atomic<bool> write_slowdown_{false};    // L0 at the slowdown trigger

  // ---- Counters (relaxed atomics) ----
  std::atomic<uint64_t> user_bytes_{0};
  std::atomic<uint64_t> wal_bytes_{0};
  std::atomic<uint64_t> flush_bytes_{0};
  std::atomic<uint64_t> compaction_bytes_written_{0};
  std::atomic<uint64_t> compaction_bytes_read_{0};
  std::atomic<uint64_t> stall_micros_{0};
  std::atomic<uint64_t> slowdown_micros_{0};
  std::atomic<uint64_t> bloom_useful_{0};
  std::atomic<uint64_t> bloom_checks_{0};
  std::atomic<uint64_t> flushes_{0};
  std::atomic<uint64_t> compactions_{0};
  std::atomic<uint64_t> extra_wal_syncs_{0};  // syncs of retired segments
};

}  // namespace strata::storage
