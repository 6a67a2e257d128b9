// DBImpl compaction: picking (policy: the tree's CompactionPicker, under
// mutex_), running (mechanism: CompactionJob, without locks) and installing
// results; CompactRange.
//
// A compaction job sees the live snapshot list as of its start: versions
// visible to any of them survive (CompactionIterator's stripes). Snapshots
// taken later are newer than everything the job reads, so they cannot need a
// version the job drops. Implicit snapshots of running reads need nothing
// either: those reads pin their input files through their SuperVersion.
//
// Installing a result: under manifest_mu_, LogAndApply(job edit) then, under
// mutex_, a new SuperVersion. An edit the version set rejects without writing
// anything (InvalidArgument: the tree was dropped, or a conflicting change
// won) just discards the job's outputs; any other failure is a background
// error. Inputs become obsolete once no SuperVersion or iterator holds a
// Version listing them, and are deleted by PurgeObsoleteFiles.
//
// CompactRange(tree, begin, end) flushes the tree, stops automatic picking
// for it, then compacts level by level: L0 into the base level, each Ln into
// Ln+1, and finally rewrites the last level's files in the range if they hold
// deletions or a compaction filter is set, so tombstones and filtered
// entries can be dropped. Universal trees merge all runs in one job.
#include <algorithm>

#include "common/logging.h"
#include "storage/compaction/compaction_job.h"
#include "storage/compaction/universal_compaction_picker.h"
#include "storage/db/db_impl.h"

namespace strata::storage {

std::unique_ptr<Compaction> DBImpl::PickCompactionLocked(std::shared_ptr<TreeData>* out) {
  if (trees_.empty()) return nullptr;
  std::vector<std::shared_ptr<TreeData>> order;
  order.reserve(trees_.size());
  for (const auto& [id, tree] : trees_) order.push_back(tree);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
  for (size_t i = 0; i < order.size(); ++i) {
    const std::shared_ptr<TreeData>& tree = order[(compaction_cursor_ + i) % order.size()];
    if (tree->dropped || tree->manual_compactions > 0 || tree->ingesting) continue;
    std::shared_ptr<const Version> version = versions_->current(tree->id);
    if (version == nullptr || !tree->picker->NeedsCompaction(*version)) continue;
    std::unique_ptr<Compaction> c = tree->picker->PickCompaction(std::move(version));
    if (c == nullptr) continue;
    tree->running_compactions.push_back(c.get());
    compaction_cursor_ = (compaction_cursor_ + i + 1) % order.size();
    *out = tree;
    return c;
  }
  return nullptr;
}

Status DBImpl::RunCompaction(const std::shared_ptr<TreeData>& tree, std::unique_ptr<Compaction> c,
                             std::unique_lock<std::mutex>* lock) {
  ++running_compactions_;
  CompactionJobOptions job_options;
  job_options.fs = compaction_fs_ ? compaction_fs_.get() : fs_;
  job_options.dir = dir_;
  job_options.table_cache = table_cache_.get();
  job_options.table_options = table_options_;
  job_options.new_file_number = [this] { return versions_->NewFileNumber(); };
  job_options.snapshots = snapshots_.Sequences();
  job_options.filter = options_.compaction_filter.get();
  job_options.rate_limiter = rate_limiter_.get();
  lock->unlock();

  CompactionJob job(*c, std::move(job_options));
  Status s = job.Run();
  bool discard = false;
  if (s.ok()) {
    std::lock_guard<std::mutex> manifest_lock(manifest_mu_);
    lock->lock();
    discard = tree->dropped;
    lock->unlock();
    if (!discard) {
      s = ApplyEdit(job.edit());
      if (s.IsInvalidArgument()) {
        STRATA_LOG_WARNING("compaction of tree {} discarded: {}", tree->id, s.ToString());
        discard = true;
        s = Status::OK();
      }
    }
    lock->lock();
    if (s.ok() && !discard) {
      InstallSuperVersionLocked(tree.get());
      RecalculateWriteStallLocked();
      compactions_.fetch_add(1, std::memory_order_relaxed);
      compaction_bytes_written_.fetch_add(job.stats().output_bytes, std::memory_order_relaxed);
      TreeCounters::Add(&tree->counters.compaction_bytes_written, job.stats().output_bytes);
      if (!c->is_trivial_move()) {
        compaction_bytes_read_.fetch_add(job.stats().input_bytes, std::memory_order_relaxed);
        TreeCounters::Add(&tree->counters.compaction_bytes_read, job.stats().input_bytes);
      }
    }
    lock->unlock();
  }
  if (discard) {
    for (const FileMetaData& f : job.outputs())
      (void)fs_->DeleteFile(TableFileName(dir_, f.number));
  }

  lock->lock();
  tree->picker->ReleaseCompaction(c.get());
  auto& running = tree->running_compactions;
  running.erase(std::remove(running.begin(), running.end(), c.get()), running.end());
  --running_compactions_;
  if (!s.ok()) SetBackgroundErrorLocked(s);
  bg_cv_.notify_all();
  lock->unlock();
  c.reset();  // unpins the input Version
  PurgeObsoleteFiles();
  lock->lock();
  return s;
}

Status DBImpl::ManualCompactLevel(const std::shared_ptr<TreeData>& tree, int level,
                                  std::optional<Slice> begin, std::optional<Slice> end) {
  const bool universal = tree->options.compaction_style == CompactionStyle::kUniversal;
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    if (!bg_error_.ok()) return bg_error_;
    if (shutting_down_) return Status::Aborted("storage engine is closing");
    if (tree->dropped) return Status::InvalidArgument("CompactRange: tree was dropped");
    if (tree->ingesting) {
      bg_cv_.wait(lock);
      continue;
    }
    std::shared_ptr<const Version> version = versions_->current(tree->id);
    if (version == nullptr) return Status::OK();
    // The last level is rewritten only when that can drop something:
    // tombstones, or whatever the compaction filter wants gone.
    auto worth_rewriting = [this](const Version::FileList& files) {
      return options_.compaction_filter != nullptr ||
             std::any_of(files.begin(), files.end(),
                         [](const auto& f) { return f->num_deletions > 0; });
    };
    if (universal) {
      const auto runs = UniversalCompactionPicker::SortedRuns(*version);
      if (runs.empty()) return Status::OK();
      if (runs.size() == 1 && runs[0].level == kNumLevels - 1 && !worth_rewriting(runs[0].files)) {
        return Status::OK();
      }
    } else if (level == kNumLevels - 1) {
      if (!worth_rewriting(version->OverlappingFiles(level, begin, end))) return Status::OK();
    } else if (!version->OverlapInLevel(level, begin, end)) {
      return Status::OK();
    }
    std::unique_ptr<Compaction> c =
        tree->picker->PickManualCompaction(std::move(version), level, begin, end);
    if (c == nullptr) {
      if (tree->running_compactions.empty()) return Status::OK();  // nothing the picker wants to do
      bg_cv_.wait(lock);  // inputs busy: wait for the running compactions
      continue;
    }
    tree->running_compactions.push_back(c.get());
    return RunCompaction(tree, std::move(c), &lock);
  }
}

Status DBImpl::CompactRange(TreeId id, std::optional<Slice> begin, std::optional<Slice> end) {
  std::shared_ptr<TreeData> tree = FindTreeData(id);
  if (tree == nullptr)
    return Status::InvalidArgument("CompactRange: unknown tree " + std::to_string(id));
  STRATA_RETURN_IF_ERROR(FlushTrees({id}));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++tree->manual_compactions;
  }
  Status s;
  if (tree->options.compaction_style == CompactionStyle::kUniversal) {
    s = ManualCompactLevel(tree, 0, begin, end);
  } else {
    for (int level = 0; level < kNumLevels && s.ok(); ++level)
      s = ManualCompactLevel(tree, level, begin, end);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --tree->manual_compactions;
    bg_cv_.notify_all();
  }
  PurgeObsoleteFiles();
  return s;
}

}  // namespace strata::storage
