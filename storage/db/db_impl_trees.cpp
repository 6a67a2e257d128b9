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
#include <limits>

#include "storage/db/db_impl.h"

namespace strata::storage {

Result<TreeId> DBImpl::CreateTree(const std::string& name, const TreeOptions& options) {
  if (name.empty()) return Status::InvalidArgument("CreateTree: empty name");
  std::lock_guard<std::mutex> ddl_lock(ddl_mu_);
  if (has_bg_error_.load(std::memory_order_acquire)) return BackgroundError();
  {
    std::lock_guard<std::mutex> lock(tree_index_mu_);
    for (const auto& [id, tree] : trees_) {
      if (tree->name == name)
        return Status::InvalidArgument("CreateTree: tree \"" + name + "\" exists");
    }
  }
  const uint64_t number = versions_->NewFileNumber();
  if (number > std::numeric_limits<TreeId>::max())
    return Status::NotSupported("CreateTree: tree ids exhausted");
  const TreeId id = static_cast<TreeId>(number);
  const TreeCompactionOptions tree_options = MakeTreeOptions(options);

  Status s = group_commit_->RunExclusive([&]() -> Status {
    std::lock_guard<std::mutex> manifest_lock(manifest_mu_);
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
