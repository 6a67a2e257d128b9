// DBImpl::Open: takes the LOCK, loads (or creates) the manifest, replays the
// live WAL segments, starts a fresh segment and deletes orphan files.
//
// Recovery, step by step:
//  1. LOCK is taken with FileSystem::LockFile: a second engine (in this or
//     another process) on the same directory gets Busy.
//  2. CURRENT -> MANIFEST gives every tree with its files and log number;
//     tree 0 ("default") is created if missing.
//  3. Every NNNNNN.wal with number >= MinLogNumberToKeep is replayed in
//     number order. A record of tree T in segment N is applied only if
//     N >= T's log number (older ones are already in T's SSTables) and T
//     still exists (records of dropped trees are skipped). A torn tail of the
//     last segment ends the log; damage with intact records after it, or an
//     incomplete segment followed by newer ones, is Corruption naming the
//     file, unless wal_tolerate_corrupted_tail, which stops the replay at
//     the damage instead (a consistent prefix).
//  4. Replayed memtables are written as L0 tables (BuildTable), and one
//     edit records them together with the new segment as every tree's log
//     number and the recovered last sequence. Only after that edit is
//     durable are the old segments deleted, so a crash during recovery just
//     replays again.
//  5. Orphans are deleted: SSTables no Version lists (a crashed flush or
//     compaction), manifests CURRENT does not name, obsolete WAL segments and
//     leftover *.tmp files. Every number seen is marked used so new files
//     never reuse it.
#include <algorithm>
#include <map>

#include "common/logging.h"
#include "storage/db/build_table.h"
#include "storage/db/db_impl.h"
#include "storage/db/file_names.h"
#include "storage/io/path.h"
#include "storage/version/manifest_file_names.h"
#include "storage/wal/log_reader.h"

namespace strata::storage {

namespace {

// Applies replayed WAL records to per-tree recovery memtables.
class RecoveryInserter final : public WriteBatch::Handler {
 public:
  struct Tree {
    uint64_t log_number = 0;  // the tree's records in older segments are flushed
    std::shared_ptr<MemTable> mem;
    uint64_t mem_bytes = 0;  // MemTableEntryCharge of what mem holds
  };

  RecoveryInserter(std::map<TreeId, Tree>* trees, uint64_t wal_number)
      : trees_(trees), wal_number_(wal_number) {}

  Status Put(SequenceNumber seq, uint32_t tree, Slice key, Slice value) override {
    Add(tree, seq, ValueType::kValue, key, value);
    return Status::OK();
  }
  Status Delete(SequenceNumber seq, uint32_t tree, Slice key) override {
    Add(tree, seq, ValueType::kDeletion, key, Slice());
    return Status::OK();
  }
  Status DeleteRange(SequenceNumber seq, uint32_t tree, Slice begin, Slice end) override {
    Add(tree, seq, ValueType::kRangeDeletion, begin, end);
    return Status::OK();
  }

 private:
  void Add(uint32_t tree, SequenceNumber seq, ValueType type, Slice key, Slice value) {
    auto it = trees_->find(tree);
    if (it == trees_->end() || wal_number_ < it->second.log_number) return;
    it->second.mem->Add(seq, type, key, value);
    it->second.mem_bytes += MemTableEntryCharge(key.size(), value.size());
  }

  std::map<TreeId, Tree>* const trees_;
  const uint64_t wal_number_;
};

// Only checks that a batch decodes.
class BatchValidator final : public WriteBatch::Handler {
 public:
  Status Put(SequenceNumber, uint32_t, Slice, Slice) override { return Status::OK(); }
  Status Delete(SequenceNumber, uint32_t, Slice) override { return Status::OK(); }
  Status DeleteRange(SequenceNumber, uint32_t, Slice, Slice) override { return Status::OK(); }
};

}  // namespace

TreeCompactionOptions DBImpl::MakeTreeOptions(const TreeOptions& tree_options) const {
  TreeCompactionOptions o;
  o.compaction_style = tree_options.compaction_style;
  o.level0_file_num_compaction_trigger =
      static_cast<uint32_t>(std::max(1, options_.l0_compaction_trigger));
  o.max_bytes_for_level_base = std::max<uint64_t>(1, options_.max_bytes_for_level_base);
  o.max_bytes_for_level_multiplier =
      static_cast<uint32_t>(std::max(2, options_.max_bytes_for_level_multiplier));
  o.target_file_size = std::max<uint64_t>(1, options_.target_file_size);
  return o;
}

std::shared_ptr<TreeData> DBImpl::AddTreeLocked(const VersionSet::TreeInfo& info) {
  auto tree = std::make_shared<TreeData>(info.id, info.name, info.options);
  tree->mem = MemTable::Create();
  tree->mem_id = tree->next_mem_id++;
  tree->mem_log_number = logfile_number_;
  tree->manifest_log_number = info.log_number;
  {
    std::lock_guard<std::mutex> index_lock(tree_index_mu_);
    trees_[info.id] = tree;
  }
  InstallSuperVersionLocked(tree.get());
  return tree;
}

Status DBImpl::LoadOrCreateManifest() {
  const bool exists = fs_->FileExists(JoinPath(dir_, kCurrentFileName));
  if (exists) return versions_->Recover();
  if (!options_.create_if_missing) {
    return Status::InvalidArgument(dir_ + ": no database here (create_if_missing is false)");
  }
  // Without CURRENT, a manifest or SSTables here mean a damaged database, not
  // an empty directory: creating a new one would delete them as orphans.
  auto children = fs_->GetChildren(dir_);
  if (!children.ok()) return children.status();
  for (const std::string& name : *children) {
    uint64_t number = 0;
    const DbFileType type = ParseDbFileName(name, &number);
    if (type == DbFileType::kManifest || type == DbFileType::kTable) {
      return Status::Corruption(JoinPath(dir_, kCurrentFileName) + " is missing but " +
                                JoinPath(dir_, name) +
                                " exists: refusing to create a new database over it");
    }
  }
  return versions_->Create();
}

Result<std::unique_ptr<wal::LogWriter>> DBImpl::NewWalSegment(uint64_t number) {
  auto file = fs_->NewWritableFile(WalFileName(dir_, number));
  if (!file.ok()) return file.status();
  auto writer = std::make_unique<wal::LogWriter>(std::move(*file), number);
  // The segment's directory entry must be durable before a synced write in
  // it can be acknowledged.
  STRATA_RETURN_IF_ERROR(fs_->SyncDir(dir_));
  return writer;
}

Status DBImpl::RecoverWal(const std::vector<uint64_t>& wal_numbers, VersionEdit* edit,
                          SequenceNumber* max_sequence) {
  std::map<TreeId, RecoveryInserter::Tree> trees;
  for (const auto& [id, tree] : trees_) {
    trees[id] = RecoveryInserter::Tree{tree->manifest_log_number, MemTable::Create()};
  }
  auto flush = [&](TreeId id, RecoveryInserter::Tree* t) -> Status {
    if (t->mem->empty()) return Status::OK();
    const uint64_t number = versions_->NewFileNumber();
    auto meta = BuildTable(fs_, dir_, table_options_, number, {t->mem});
    if (!meta.ok()) return meta.status();
    if (meta->has_value()) {
      flush_bytes_.fetch_add((*meta)->file_size, std::memory_order_relaxed);
      edit->AddFile(id, 0, **meta);
    }
    t->mem = MemTable::Create();
    t->mem_bytes = 0;
    return Status::OK();
  };

  const wal::RecoveryMode mode = options_.wal_tolerate_corrupted_tail
                                     ? wal::RecoveryMode::kPointInTime
                                     : wal::RecoveryMode::kTolerateTornTail;
  for (size_t i = 0; i < wal_numbers.size(); ++i) {
    const uint64_t number = wal_numbers[i];
    const std::string path = WalFileName(dir_, number);
    auto file = fs_->NewSequentialFile(path);
    if (!file.ok()) return file.status();
    wal::LogReader::Options reader_options;
    reader_options.mode = mode;
    wal::LogReader reader(std::move(*file), path, reader_options);
    RecoveryInserter inserter(&trees, number);
    BatchValidator validator;
    Slice record;
    std::string scratch;
    WriteBatch batch;
    uint64_t records = 0;
    bool stop = false;
    while (reader.ReadRecord(&record, &scratch)) {
      // Decode the whole batch before applying any of it, so a bad record
      // never leaves half a batch behind.
      Status s = batch.SetData(record);
      if (s.ok()) s = batch.Iterate(&validator);
      if (s.ok()) s = batch.Iterate(&inserter);
      if (!s.ok()) {
        const std::string where =
            path + ": record at offset " + std::to_string(reader.last_record_offset());
        if (!options_.wal_tolerate_corrupted_tail)
          return Status::Corruption(where + ": " + s.message());
        // A record that does not decode ends the consistent prefix.
        STRATA_LOG_WARNING("WAL recovery stops at {}: {}", where, s.ToString());
        stop = true;
        break;
      }
      ++records;
      if (batch.Count() > 0) {
        *max_sequence = std::max(*max_sequence, batch.Sequence() + batch.Count() - 1);
      } else {
        // A logged operation (tree edit, ingestion: write_batch.h): the
        // manifest already holds its effect; only its sequence number
        // counts here (an ingestion's must never be handed out again).
        *max_sequence = std::max(*max_sequence, batch.Sequence());
      }
      for (auto& [id, t] : trees) {
        if (t.mem_bytes >= options_.write_buffer_size) STRATA_RETURN_IF_ERROR(flush(id, &t));
      }
    }
    if (stop) break;
    STRATA_RETURN_IF_ERROR(reader.status());
    if (reader.log_number() != 0 && reader.log_number() != number) {
      return Status::Corruption(path + ": header names log " + std::to_string(reader.log_number()));
    }
    const bool damaged = reader.torn_tail() || reader.dropped_bytes() > 0;
    if (damaged) {
      STRATA_LOG_WARNING("WAL recovery: {} ends with {} damaged bytes after {} records", path,
                         reader.dropped_bytes(), records);
    }
    if (damaged && i + 1 < wal_numbers.size()) {
      // Retired segments are synced before the next one starts, so a torn
      // tail can only be followed by segments that were never written (an
      // open that failed after creating its segment, e.g. a full disk).
      // Records after the damage would be a gap, which a crash cannot cause.
      for (size_t j = i + 1; j < wal_numbers.size(); ++j) {
        const std::string later = WalFileName(dir_, wal_numbers[j]);
        auto size = fs_->GetFileSize(later);
        if (!size.ok()) return size.status();
        if (*size == 0) continue;
        if (!options_.wal_tolerate_corrupted_tail) {
          return Status::Corruption(path + ": damaged record at its end, but newer WAL segment " +
                                    later + " holds records");
        }
        break;
      }
      break;  // nothing after the damage is replayed
    }
  }
  for (auto& [id, t] : trees) STRATA_RETURN_IF_ERROR(flush(id, &t));
  return Status::OK();
}

void DBImpl::DeleteOrphanFiles(const std::vector<std::string>& children) {
  const std::vector<uint64_t> live = versions_->LiveTableFileNumbers();
  const uint64_t manifest = versions_->manifest_file_number();
  for (const std::string& name : children) {
    uint64_t number = 0;
    bool doomed = false;
    switch (ParseDbFileName(name, &number)) {
      case DbFileType::kTable:
        doomed = !std::binary_search(live.begin(), live.end(), number);
        break;
      case DbFileType::kWal:
        doomed = number != logfile_number_ &&
                 std::find(unarchived_.begin(), unarchived_.end(), number) == unarchived_.end();
        break;
      case DbFileType::kManifest:
        doomed = number != manifest;
        break;
      case DbFileType::kTemp:
        doomed = true;
        break;
      default:
        break;
    }
    if (!doomed) continue;
    Status s = fs_->DeleteFile(JoinPath(dir_, name));
    if (!s.ok() && !s.IsNotFound())
      STRATA_LOG_WARNING("cannot delete orphan {}/{}: {}", dir_, name, s.ToString());
  }
}

Status DBImpl::Open() {
  if (!options_.create_if_missing && !fs_->FileExists(JoinPath(dir_, kCurrentFileName))) {
    return Status::InvalidArgument(dir_ + ": no database here (create_if_missing is false)");
  }
  STRATA_RETURN_IF_ERROR(fs_->CreateDirIfMissing(dir_));
  auto lock = fs_->LockFile(JoinPath(dir_, kLockFileName));
  if (!lock.ok()) {
    const Status& s = lock.status();
    return s.IsBusy() ? Status::Busy(dir_ + " is in use by another engine: " + s.message()) : s;
  }
  lock_ = std::move(*lock);
  STRATA_RETURN_IF_ERROR(LoadOrCreateManifest());

  {
    std::lock_guard<std::mutex> l(mutex_);
    for (const VersionSet::TreeInfo& info : versions_->Trees()) AddTreeLocked(info);
  }
  if (trees_.count(kDefaultTree) == 0) {
    VersionEdit edit;
    edit.CreateTree(kDefaultTree, "default", MakeTreeOptions(TreeOptions{}));
    STRATA_RETURN_IF_ERROR(versions_->LogAndApply(edit));
    std::lock_guard<std::mutex> l(mutex_);
    AddTreeLocked(*versions_->GetTree(kDefaultTree));
  }

  // What is in the directory; numbers in use are never handed out again.
  auto children = fs_->GetChildren(dir_);
  if (!children.ok()) return children.status();
  std::vector<uint64_t> wal_numbers;
  std::vector<uint64_t> wal_files;  // every segment on disk
  const uint64_t min_log = versions_->MinLogNumberToKeep();
  for (const std::string& name : *children) {
    uint64_t number = 0;
    const DbFileType type = ParseDbFileName(name, &number);
    if (type == DbFileType::kWal || type == DbFileType::kTable || type == DbFileType::kManifest) {
      versions_->MarkFileNumberUsed(number);
    }
    if (type == DbFileType::kWal) wal_files.push_back(number);
    if (type == DbFileType::kWal && number >= min_log) wal_numbers.push_back(number);
  }
  std::sort(wal_numbers.begin(), wal_numbers.end());

  VersionEdit edit;
  SequenceNumber last_sequence = versions_->last_sequence();
  STRATA_RETURN_IF_ERROR(RecoverWal(wal_numbers, &edit, &last_sequence));

  // A fresh segment; every tree's older records are now in SSTables.
  const uint64_t log_number = versions_->NewFileNumber();
  auto log = NewWalSegment(log_number);
  if (!log.ok()) return log.status();
  log_ = std::move(*log);
  for (const auto& [id, tree] : trees_) edit.SetTreeLogNumber(id, log_number);
  edit.SetLastSequence(last_sequence);
  STRATA_RETURN_IF_ERROR(versions_->LogAndApply(edit));

  {
    std::lock_guard<std::mutex> l(mutex_);
    logfile_number_ = log_number;
    alive_logs_.assign(1, log_number);
    if (options_.archive_wal) RecoverArchiveStateLocked(wal_files);
    for (const auto& [id, tree] : trees_) {
      tree->mem_log_number = log_number;
      tree->manifest_log_number = log_number;
      InstallSuperVersionLocked(tree.get());
    }
    RecalculateWriteStallLocked();
  }
  DeleteOrphanFiles(*children);
  PurgeObsoleteFiles();

  wal::GroupCommitWriter::Options gc_options;
  gc_options.on_logged = [this](const std::vector<const WriteBatch*>& group) {
    return ApplyToMemTables(group);
  };
  group_commit_ =
      std::make_unique<wal::GroupCommitWriter>(log_.get(), last_sequence, std::move(gc_options));

  std::lock_guard<std::mutex> l(mutex_);
  opened_ = true;
  StartBackgroundThreads();
  if (options_.archive_wal) archiver_thread_ = std::thread([this] { ArchiverThreadMain(); });
  bg_cv_.notify_all();  // recovered L0 files may need compaction
  return Status::OK();
}

}  // namespace strata::storage
