// DBImpl trees: CreateTree, DropTree, FindTree.
//
// Tree ids come from the version set's file-number counter, which is
// persisted in the manifest and only moves forward, so an id is never reused,
// not even after the newest tree is dropped and the engine restarts (WAL
// records of a dropped tree can therefore never be replayed into a new
// one). Tree 0 ("default") always exists and cannot be dropped.
//
// CreateTree logs the creation with the current WAL segment as the tree's log
// number, then registers the tree inside write exclusivity so the
// group-commit leader never sees trees_ change under it.
// DropTree logs the drop first (from then on recovery ignores the tree's WAL
// records), then unregisters the tree. Its SSTables become obsolete once no
// SuperVersion or iterator holds a Version of it and are deleted by
// PurgeObsoleteFiles; flushes and compactions still running for it discard
// their output.
// CreateTree and DropTree are serialized by ddl_mu_ (names stay unique).
//
// Both are also logged in the WAL (a logged-operation record with the
// creation's or drop's VersionEdit, storage/write_batch.h), inside write
// exclusivity, so that the archived WAL orders them among the commits for
// point-in-time restore (db_impl_replay.cpp). The engine's own recovery
// ignores these records: the manifest is what it trusts. A creation is
// logged before its manifest edit, a drop after it (the drop record then
// goes in DropTree's second, exclusive step), so a backup's cut -- taken
// inside write exclusivity and under manifest_mu_ -- never has a tree whose
// creation the archive lacks, and never keeps one whose logged drop it
// would miss.
#include <chrono>
#include <limits>

#include "storage/db/db_impl.h"

namespace strata::storage {

Status DBImpl::LogOperation(const std::function<void(std::string*)>& append_trailer,
                            SequenceNumber sequence) {
  WriteBatch header;  // count 0
  header.SetSequence(sequence != 0 ? sequence : group_commit_->LastSequence());
  std::string record(header.Data());
  append_trailer(&record);
  WriteBatch::AppendCommitTime(&record,
                               std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
  Status s = log_->AddRecord(record);
  if (s.ok()) s = log_->Sync();
  wal_bytes_.store(wal_bytes_closed_ + log_->FileSize(), std::memory_order_relaxed);
  if (!s.ok()) {
    std::lock_guard<std::mutex> lock(mutex_);
    SetBackgroundErrorLocked(s);
  }
  return s;
}

Result<TreeId> DBImpl::CreateTree(const std::string& name, const TreeOptions& options) {
  return CreateTreeWithOptions(name, MakeTreeOptions(options), std::nullopt);
}

Result<TreeId> DBImpl::CreateTreeWithOptions(const std::string& name,
                                             const TreeCompactionOptions& tree_options,
                                             std::optional<TreeId> logged_id) {
  if (name.empty()) return Status::InvalidArgument("CreateTree: empty name");
  std::lock_guard<std::mutex> ddl_lock(ddl_mu_);
  if (has_bg_error_.load(std::memory_order_acquire)) return BackgroundError();
  {
    std::lock_guard<std::mutex> lock(tree_index_mu_);
    for (const auto& [id, tree] : trees_) {
      if (tree->name == name)
        return Status::InvalidArgument("CreateTree: tree \"" + name + "\" exists");
      if (logged_id && id == *logged_id)
        return Status::InvalidArgument("CreateTree: tree " + std::to_string(id) + " exists");
    }
  }
  uint64_t number = 0;
  if (logged_id) {
    number = *logged_id;
    versions_->MarkFileNumberUsed(number);  // never handed out again
  } else {
    number = versions_->NewFileNumber();
  }
  if (number > std::numeric_limits<TreeId>::max())
    return Status::NotSupported("CreateTree: tree ids exhausted");
  const TreeId id = static_cast<TreeId>(number);

  Status s = group_commit_->RunExclusive([&]() -> Status {
    std::lock_guard<std::mutex> manifest_lock(manifest_mu_);
    VersionEdit logged;
    logged.CreateTree(id, name, tree_options);
    STRATA_RETURN_IF_ERROR(LogOperation([&](std::string* record) {
      WriteBatch::AppendTreeEdit(record, logged.Encode());
    }));
    VersionEdit edit;
    edit.CreateTree(id, name, tree_options);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      edit.SetTreeLogNumber(id, logfile_number_);
    }
    Status applied = ApplyEdit(std::move(edit));
    std::lock_guard<std::mutex> lock(mutex_);
    if (!applied.ok()) {
      if (!applied.IsInvalidArgument()) SetBackgroundErrorLocked(applied);
      return applied;
    }
    std::optional<VersionSet::TreeInfo> info = versions_->GetTree(id);
    AddTreeLocked(*info);
    return Status::OK();
  });
  if (!s.ok()) return s;
  return id;
}

Status DBImpl::DropTree(TreeId id) {
  if (id == kDefaultTree)
    return Status::InvalidArgument("DropTree: the default tree cannot be dropped");
  std::lock_guard<std::mutex> ddl_lock(ddl_mu_);
  if (has_bg_error_.load(std::memory_order_acquire)) return BackgroundError();
  std::shared_ptr<TreeData> tree = FindTreeData(id);
  if (tree == nullptr)
    return Status::InvalidArgument("DropTree: unknown tree " + std::to_string(id));
  {
    std::lock_guard<std::mutex> manifest_lock(manifest_mu_);
    VersionEdit edit;
    edit.DropTree(id);
    Status s = ApplyEdit(std::move(edit));
    std::lock_guard<std::mutex> lock(mutex_);
    if (!s.ok()) {
      if (!s.IsInvalidArgument()) SetBackgroundErrorLocked(s);
      return s;
    }
    tree->dropped = true;
  }
  std::shared_ptr<const SuperVersion> retired;
  Status s = group_commit_->RunExclusive([&] {
    // The drop is durable in the manifest already; a failure to log it is
    // a background error (LogOperation) but the tree still goes.
    VersionEdit logged;
    logged.DropTree(id);
    (void)LogOperation(
        [&](std::string* record) { WriteBatch::AppendTreeEdit(record, logged.Encode()); });
    std::lock_guard<std::mutex> lock(mutex_);
    {
      std::lock_guard<std::mutex> index_lock(tree_index_mu_);
      trees_.erase(id);
      retired = std::move(tree->super_version);
    }
    bool still_requested = false;
    for (const auto& [other_id, other] : trees_)
      still_requested = still_requested || other->switch_requested.load();
    switch_requested_.store(still_requested, std::memory_order_release);
    RecalculateWriteStallLocked();
    bg_cv_.notify_all();
    return Status::OK();
  });
  retired.reset();
  PurgeObsoleteFiles();
  return s;
}

Result<TreeId> DBImpl::FindTree(const std::string& name) const {
  std::lock_guard<std::mutex> lock(tree_index_mu_);
  for (const auto& [id, tree] : trees_) {
    if (tree->name == name) return id;
  }
  return Status::NotFound("no tree named \"" + name + "\"");
}

}  // namespace strata::storage
