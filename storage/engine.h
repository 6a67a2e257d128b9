// Engine: the public API of the LSM storage engine, used by txn/ and catalog/.
//
// One Engine owns a data directory: one shared write-ahead log, one sequence
// space, and many trees (like RocksDB column families), each with its own
// memtables, SSTable levels and compaction. A WriteBatch may span trees and is
// applied atomically (one WAL record, one contiguous range of sequence
// numbers). A Snapshot is a sequence number: reads at it see exactly the
// writes at or below it, across flushes, compactions and reopen.
//
// Thread safety: every Engine method may be called concurrently. Iterators and
// Snapshots are used by one thread at a time but may outlive the call that
// created them (not the Engine).
//
// Errors: Status/Result, never exceptions. A background error (a failed flush
// or compaction write) moves the engine to read-only: later writes return that
// error until the engine is reopened.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "storage/dbformat.h"
#include "storage/io/file_system.h"
#include "storage/iterator.h"
#include "storage/tree_options.h"
#include "storage/write_batch.h"

namespace strata::storage {

// Tree 0 always exists (the "default" tree, used by the catalog).
inline constexpr TreeId kDefaultTree = 0;

struct EngineOptions {
  FileSystem* fs = nullptr;  // nullptr = DefaultFileSystem()
  bool create_if_missing = true;

  // Memtables.
  size_t write_buffer_size = 64 << 20;  // per tree; full -> immutable -> flushed
  int max_immutable_memtables = 2;      // per tree; then writes stall

  // SSTables.
  size_t block_size = 16 << 10;
  int block_restart_interval = 16;
  int bloom_bits_per_key = 10;  // 0 = no filter
  bool compression = true;      // lz4, kept raw unless it saves >= 1/8
  size_t target_file_size = 64 << 20;
  bool use_direct_io_for_reads = false;
  bool use_direct_io_for_compaction_writes = false;

  // Caches.
  size_t block_cache_bytes = 256 << 20;
  int max_open_files = 1000;

  // Leveled compaction.
  int l0_compaction_trigger = 4;
  int l0_slowdown_writes_trigger = 20;
  int l0_stop_writes_trigger = 36;
  uint64_t max_bytes_for_level_base = 256ull << 20;
  int max_bytes_for_level_multiplier = 10;
  int max_background_jobs = 2;
  uint64_t compaction_rate_limit_bytes_per_sec = 0;  // 0 = unlimited

  // WAL.
  bool wal_tolerate_corrupted_tail = false;  // if true, damage mid-log truncates instead of failing
  size_t manifest_rewrite_bytes = 64 << 20;

  std::shared_ptr<CompactionFilter> compaction_filter;

  // Continuous WAL archiving (the server's archive_command): when set, a
  // background thread hands every finished WAL segment, oldest first, to
  // archive_wal(path, file name). A segment is deleted only after its call
  // returned OK; a marker archive_status/NNNNNN.wal.done then records that,
  // so segments left by a restart are archived once. Failures are retried
  // (the callback logs them) after archive_retry_millis.
  std::function<Status(const std::string& path, const std::string& name)> archive_wal;
  int archive_retry_millis = 1000;
};

// A consistent cut of the engine's durable files, for an online backup
// (storage/backup/). The manifest prefix, the SSTables and the WAL prefixes
// together recover to exactly the writes with sequence <= last_sequence.
struct LiveFiles {
  struct File {
    std::string name;  // relative to the data directory ("000012.sst")
    uint64_t size = 0;  // bytes to take: a prefix for the manifest and the newest WAL segment
  };
  std::string dir;  // the data directory
  SequenceNumber last_sequence = 0;
  std::string manifest_name;  // what CURRENT names at the cut
  std::vector<File> files;    // the manifest, every SSTable of every tree, the live WAL segments
};

struct WriteOptions {
  // fdatasync the WAL before returning (group commit shares one sync across
  // concurrent writers). false: durable only once a later sync happens.
  bool sync = true;
};

class Snapshot {
 public:
  explicit Snapshot(SequenceNumber seq) : sequence_(seq) {}
  SequenceNumber sequence() const { return sequence_; }

 private:
  SequenceNumber sequence_;
};

struct ReadOptions {
  const Snapshot* snapshot = nullptr;  // nullptr = latest
  // Iterator bounds on user keys: [lower_bound, upper_bound).
  std::optional<std::string> lower_bound;
  std::optional<std::string> upper_bound;
  bool fill_cache = true;
  bool verify_checksums = true;
};

struct LevelStats {
  int level = 0;
  int files = 0;
  uint64_t bytes = 0;
};

struct TreeStats {
  TreeId id = 0;
  std::string name;
  std::vector<LevelStats> levels;
  uint64_t memtable_bytes = 0;
  uint64_t pending_compaction_bytes = 0;
  // Work for this tree since the engine opened.
  uint64_t user_bytes_written = 0;        // keys + values written to the tree
  uint64_t flush_bytes_written = 0;
  uint64_t compaction_bytes_written = 0;
  uint64_t compaction_bytes_read = 0;
  double write_amplification = 0;         // (flush + compaction bytes) / user bytes; 0 if none
  uint64_t stalls = 0;                    // writes stopped because of this tree
  uint64_t stall_micros = 0;              // time they waited
  uint64_t block_cache_hits = 0;          // data blocks of Get / iterators found in the cache
  uint64_t block_cache_misses = 0;        // ... read from the file
  uint64_t bloom_checks = 0;              // Get: SSTable Bloom filters consulted
  uint64_t bloom_negatives = 0;           // ... that ruled the key out (a table read saved)
};

// Group commit: how many commits (write batches) shared one WAL write.
// commit_group_sizes[i] counts the groups of size <= kCommitGroupSizeBounds[i]
// (and above the previous bound); the last slot counts larger groups.
inline constexpr std::array<uint64_t, 7> kCommitGroupSizeBounds = {1, 2, 4, 8, 16, 32, 64};
using CommitGroupSizeCounts = std::array<uint64_t, kCommitGroupSizeBounds.size() + 1>;

struct EngineStats {
  std::vector<TreeStats> trees;
  uint64_t user_bytes_written = 0;        // keys + values handed to Write
  uint64_t wal_bytes_written = 0;
  uint64_t flush_bytes_written = 0;
  uint64_t compaction_bytes_written = 0;
  uint64_t compaction_bytes_read = 0;
  double write_amplification = 0;         // (wal + flush + compaction bytes) / user bytes
  uint64_t wal_syncs = 0;
  uint64_t write_groups = 0;              // group-commit leader writes
  uint64_t write_batches = 0;             // commits (batches) those writes carried
  CommitGroupSizeCounts commit_group_sizes{};  // write_groups by batches per group
  uint64_t stall_micros = 0;
  uint64_t slowdown_micros = 0;
  uint64_t block_cache_hits = 0;
  uint64_t block_cache_misses = 0;
  uint64_t bloom_useful = 0;              // SSTable reads skipped by a bloom filter
  uint64_t bloom_checks = 0;              // Bloom filters consulted by Get
  uint64_t flushes = 0;
  uint64_t compactions = 0;
  SequenceNumber last_sequence = 0;
};

// One tree's share of Engine::IngestRowStream: every row emitted for `tree`
// lies in [smallest, largest] (user keys, inclusive).
struct IngestTreeRange {
  TreeId tree = 0;
  std::string smallest;
  std::string largest;
};
// Receives one row of IngestRowStream; value == nullptr is a deletion.
using IngestEmit = std::function<Status(TreeId tree, Slice key, const Slice* value)>;
// One key range of Engine::IngestSortedParts: `produce` calls the emitter
// for every row of the range, keys strictly increasing, each within
// [smallest, largest] (user keys; largest excluded when largest_exclusive:
// a range cut at a splitting key whose predecessor nobody knows).
struct IngestPart {
  std::string smallest;
  std::string largest;
  bool largest_exclusive = false;
  std::function<Status(const IngestEmit& emit)> produce;
};

class Engine {
 public:
  virtual ~Engine() = default;

  // Opens (and with create_if_missing, creates) the engine in dir: takes the
  // LOCK file (Busy if another process holds it), recovers the manifest and
  // replays live WAL segments, deletes orphan files.
  [[nodiscard]] static Result<std::unique_ptr<Engine>> Open(const std::string& dir,
                                                            const EngineOptions& options);

  // Trees. Names are unique; ids are never reused.
  [[nodiscard]] virtual Result<TreeId> CreateTree(const std::string& name,
                                                  const TreeOptions& options = {}) = 0;
  // Removes the tree and deletes its files (once no iterator still reads them).
  [[nodiscard]] virtual Status DropTree(TreeId tree) = 0;
  [[nodiscard]] virtual Result<TreeId> FindTree(const std::string& name) const = 0;

  // Writes.
  [[nodiscard]] virtual Status Write(const WriteOptions& options, WriteBatch* batch) = 0;
  [[nodiscard]] Status Put(const WriteOptions& o, TreeId tree, Slice key, Slice value);
  [[nodiscard]] Status Delete(const WriteOptions& o, TreeId tree, Slice key);
  // Deletes every key in [begin, end).
  [[nodiscard]] Status DeleteRange(const WriteOptions& o, TreeId tree, Slice begin, Slice end);

  // Reads. Get returns NotFound when the key has no visible value.
  [[nodiscard]] virtual Result<std::string> Get(const ReadOptions& options, TreeId tree,
                                                Slice key) = 0;
  // Iterator over user keys and values of one tree at the snapshot; key() is
  // the user key. Deleted keys are skipped.
  virtual std::unique_ptr<Iterator> NewIterator(const ReadOptions& options, TreeId tree) = 0;

  // Snapshots: while held, compaction keeps every version visible at it.
  virtual const Snapshot* GetSnapshot() = 0;
  virtual void ReleaseSnapshot(const Snapshot* snapshot) = 0;
  virtual SequenceNumber LatestSequence() const = 0;

  // Maintenance.
  // Flushes the tree's memtable (all trees when tree is nullopt) and waits.
  [[nodiscard]] virtual Status Flush(std::optional<TreeId> tree = std::nullopt) = 0;
  // Compacts the key range [begin, end) (all when unset) down to the last level and waits.
  [[nodiscard]] virtual Status CompactRange(TreeId tree, std::optional<Slice> begin = std::nullopt,
                                            std::optional<Slice> end = std::nullopt) = 0;
  // Adds externally built SSTables (sorted, non-overlapping, written with
  // TableBuilder) to the tree atomically, assigning them one new sequence number.
  [[nodiscard]] virtual Status IngestFiles(TreeId tree, const std::vector<std::string>& paths) = 0;
  // Adds (user key, value) rows, keys strictly increasing, to the tree
  // atomically at one new sequence number, as IngestFiles would a table of
  // them, but written once, straight into the data directory (COPY's bulk
  // path). Unsorted or duplicate keys: InvalidArgument, nothing added.
  [[nodiscard]] virtual Status IngestSortedRows(
      TreeId tree, const std::vector<std::pair<std::string, std::string>>& rows) = 0;

  // Adds the rows -- puts and deletions -- of several trees atomically at
  // ONE new sequence number with one synced manifest edit (a spilled
  // transaction's commit, txn/transaction_spill.cpp). `produce` calls the
  // emitter for every row: all rows of one tree together, trees in the
  // order of `trees`, each tree's keys strictly increasing and within its
  // declared range (else InvalidArgument and nothing is added). Rows are
  // streamed into one table per tree, never held in memory.
  [[nodiscard]] virtual Status IngestRowStream(
      const std::vector<IngestTreeRange>& trees,
      const std::function<Status(const IngestEmit& emit)>& produce) = 0;
  // Adds the rows of ONE tree, given as parts over disjoint key ranges in
  // increasing order (each part's largest below the next part's smallest,
  // or equal to it when excluded),
  // atomically at one new sequence number with one synced manifest edit, as
  // IngestRowStream would the concatenation of the parts -- but each part is
  // written as its own table, all at once: part 0 on the caller's thread,
  // every other part on a thread of its own, so a `produce` must be safe to
  // run on another thread, beside the others (a parallel CREATE INDEX writes
  // its key ranges on both cores). A part that emits nothing writes no
  // table. Keys out of order or outside their part's range: InvalidArgument
  // and nothing is added; a produce's own error comes back as it returned
  // it (the first part's first). Like IngestRowStream, not logged for WAL
  // archiving (point-in-time restore refuses to cross it).
  [[nodiscard]] virtual Status IngestSortedParts(TreeId tree, const std::vector<IngestPart>& parts) = 0;

  // Online backup. PinLiveFiles stops deleting obsolete files (they are
  // kept until the matching UnpinFiles; pins nest) and returns a cut taken
  // with no write, flush, compaction or DDL in flight. Every successful
  // PinLiveFiles must be paired with one UnpinFiles.
  [[nodiscard]] virtual Result<LiveFiles> PinLiveFiles() = 0;
  virtual void UnpinFiles() = 0;

  // Point-in-time restore (storage/backup/point_in_time.h): applies one
  // record of another run's WAL (an archived segment) the way the engine
  // that logged it did: a batch as a new commit, a logged tree creation or
  // drop with the logged tree id, a logged ingestion as an ingestion.
  // Records must come in log order, each once. NotSupported when a record
  // cannot be replayed.
  [[nodiscard]] virtual Status ReplayLoggedRecord(Slice record) = 0;

  virtual EngineStats GetStats() const = 0;
  // Flushes nothing; stops background work and closes files. Idempotent.
  [[nodiscard]] virtual Status Close() = 0;
};

}  // namespace strata::storage
