// DBImpl flush: immutable memtables -> one L0 SSTable, SuperVersion
// installation, per-tree WAL log numbers, and Engine::Flush.
//
// A background flush takes every immutable memtable of one tree (oldest
// first; one flush per tree at a time), writes them as one table with
// BuildTable (temp name, fsync, rename, directory fsync), then under
// manifest_mu_:
//   1. LogAndApply(AddFile(tree, L0) + SetTreeLogNumber for every tree whose
//      oldest unflushed data now starts in a newer WAL segment),
//   2. under mutex_: drop the flushed memtables from the tree's list and
//      install a new SuperVersion (Version with the new file, without them).
// WAL segments below the version set's MinLogNumberToKeep are then deleted
// (db_impl_files.cpp): no live tree needs them for recovery any more.
// A flush of a tree dropped meanwhile is discarded. A failed flush is a
// background error (read-only); its memtables stay readable.
#include <algorithm>

#include "storage/db/build_table.h"
#include "storage/db/db_impl.h"

namespace strata::storage {

void DBImpl::InstallSuperVersionLocked(TreeData* tree) {
  std::shared_ptr<const Version> version = versions_->current(tree->id);
  if (version == nullptr) return;  // dropped from the version set
  std::vector<std::shared_ptr<MemTable>> imm;
  imm.reserve(tree->imm.size());
  for (auto it = tree->imm.rbegin(); it != tree->imm.rend(); ++it) imm.push_back(it->mem);
  auto sv = std::make_shared<const SuperVersion>(tree->mem, std::move(imm), std::move(version));
  std::shared_ptr<const SuperVersion> retired;
  {
    std::lock_guard<std::mutex> index_lock(tree_index_mu_);
    retired = std::move(tree->super_version);
    tree->super_version = std::move(sv);
  }
  // `retired` usually holds the last reference to a flushed memtable; it is
  // freed here, after tree_index_mu_ is released.
}

std::shared_ptr<TreeData> DBImpl::PickFlushLocked() {
  for (const auto& [id, tree] : trees_) {
    if (tree->dropped || tree->imm.empty()) continue;
    if (std::any_of(tree->imm.begin(), tree->imm.end(),
                    [](const ImmutableMemTable& m) { return m.flush_in_progress; })) {
      continue;
    }
    return tree;
  }
  return nullptr;
}

void DBImpl::AddLogNumbersLocked(VersionEdit* edit, const TreeData* flushed, size_t flushed_imms) {
  for (const auto& [id, tree] : trees_) {
    if (tree->dropped) continue;
    const uint64_t needed =
        tree->MinLogNumberNeeded(tree.get() == flushed ? flushed_imms : 0, logfile_number_);
    if (needed > tree->manifest_log_number) edit->SetTreeLogNumber(id, needed);
  }
}

void DBImpl::CommitLogNumbersLocked(const VersionEdit& edit) {
  for (const VersionEdit::TreeLogNumber& t : edit.tree_log_numbers()) {
    auto it = trees_.find(t.tree_id);
    if (it != trees_.end())
      it->second->manifest_log_number = std::max(it->second->manifest_log_number, t.log_number);
  }
}

void DBImpl::BackgroundFlush(const std::shared_ptr<TreeData>& tree,
                             std::unique_lock<std::mutex>* lock) {
  const size_t n = tree->imm.size();
  std::vector<std::shared_ptr<MemTable>> mems;
  mems.reserve(n);
  for (ImmutableMemTable& m : tree->imm) {
    m.flush_in_progress = true;
    mems.push_back(m.mem);
  }
  ++running_flushes_;
  lock->unlock();

  const uint64_t number = versions_->NewFileNumber();
  auto built = BuildTable(fs_, dir_, table_options_, number, mems);
  mems.clear();
  Status s = built.ok() ? Status::OK() : built.status();
  std::optional<FileMetaData> meta;
  if (built.ok()) meta = std::move(*built);
  bool discard = false;
  if (s.ok()) {
    std::lock_guard<std::mutex> manifest_lock(manifest_mu_);
    VersionEdit edit;
    lock->lock();
    discard = tree->dropped;
    if (!discard) {
      if (meta) edit.AddFile(tree->id, 0, *meta);
      AddLogNumbersLocked(&edit, tree.get(), n);
    }
    lock->unlock();
    if (!discard && !edit.empty()) s = ApplyEdit(edit);
    lock->lock();
    if (!s.ok() && s.IsInvalidArgument()) {
      discard = true;                       // rejected, nothing written: e.g. DropTree won the race
      if (tree->dropped) s = Status::OK();  // otherwise a background error below
    }
    if (s.ok() && !discard) {
      CommitLogNumbersLocked(edit);
      tree->imm.erase(tree->imm.begin(), tree->imm.begin() + static_cast<std::ptrdiff_t>(n));
      InstallSuperVersionLocked(tree.get());
      RecalculateWriteStallLocked();
      flushes_.fetch_add(1, std::memory_order_relaxed);
      if (meta) {
        flush_bytes_.fetch_add(meta->file_size, std::memory_order_relaxed);
        TreeCounters::Add(&tree->counters.flush_bytes, meta->file_size);
      }
    }
    lock->unlock();
  }
  // After a failed LogAndApply the edit may still have reached the manifest,
  // so the table stays; the next open deletes it if nothing lists it.
  if (discard && meta) (void)fs_->DeleteFile(TableFileName(dir_, meta->number));

  lock->lock();
  --running_flushes_;
  if (!s.ok()) {
    for (ImmutableMemTable& m : tree->imm) m.flush_in_progress = false;
    SetBackgroundErrorLocked(s);
  }
  bg_cv_.notify_all();
  lock->unlock();
  PurgeObsoleteFiles();
  lock->lock();
}

Status DBImpl::WaitForFlushLocked(TreeData* tree, uint64_t mem_id,
                                  std::unique_lock<std::mutex>* lock) {
  while (true) {
    if (!bg_error_.ok()) return bg_error_;
    if (shutting_down_) return Status::Aborted("storage engine is closing");
    if (tree->dropped || tree->imm.empty() || tree->imm.front().id > mem_id) return Status::OK();
    bg_cv_.wait(*lock);
  }
}

Status DBImpl::FlushTrees(const std::vector<TreeId>& ids) {
  if (has_bg_error_.load(std::memory_order_acquire)) return BackgroundError();
  STRATA_RETURN_IF_ERROR(group_commit_->RunExclusive([&] { return SwitchMemTables(&ids); }));
  std::unique_lock<std::mutex> lock(mutex_);
  for (TreeId id : ids) {
    auto it = trees_.find(id);
    if (it == trees_.end()) continue;
    std::shared_ptr<TreeData> tree = it->second;
    if (tree->imm.empty()) continue;
    STRATA_RETURN_IF_ERROR(WaitForFlushLocked(tree.get(), tree->imm.back().id, &lock));
  }
  return Status::OK();
}

Status DBImpl::Flush(std::optional<TreeId> tree) {
  std::vector<TreeId> ids;
  {
    std::lock_guard<std::mutex> lock(tree_index_mu_);
    if (tree) {
      if (trees_.find(*tree) == trees_.end())
        return Status::InvalidArgument("Flush: unknown tree " + std::to_string(*tree));
      ids.push_back(*tree);
    } else {
      for (const auto& [id, t] : trees_) ids.push_back(id);
    }
  }
  Status s = FlushTrees(ids);
  PurgeObsoleteFiles();
  return s;
}

}  // namespace strata::storage
