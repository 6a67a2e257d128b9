// DBImpl: construction, Close, the background thread loop and background
// errors; Engine::Open and the Put/Delete/DeleteRange helpers. The locking
// rules are at the top of db_impl.h.
#include "storage/db/db_impl.h"

#include <algorithm>

#include "common/logging.h"

namespace strata::storage {

Result<std::unique_ptr<Engine>> Engine::Open(const std::string& dir, const EngineOptions& options) {
  auto db = std::make_unique<DBImpl>(dir, options);
  Status s = db->Open();
  if (!s.ok()) {
    (void)db->Close();
    return s;
  }
  return std::unique_ptr<Engine>(std::move(db));
}

Status Engine::Put(const WriteOptions& o, TreeId tree, Slice key, Slice value) {
  WriteBatch batch;
  batch.Put(tree, key, value);
  return Write(o, &batch);
}

Status Engine::Delete(const WriteOptions& o, TreeId tree, Slice key) {
  WriteBatch batch;
  batch.Delete(tree, key);
  return Write(o, &batch);
}

Status Engine::DeleteRange(const WriteOptions& o, TreeId tree, Slice begin, Slice end) {
  WriteBatch batch;
  batch.DeleteRange(tree, begin, end);
  return Write(o, &batch);
}

DBImpl::DBImpl(std::string dir, const EngineOptions& options)
    : dir_(std::move(dir)),
      options_(options),
      fs_(options.fs != nullptr ? options.fs : DefaultFileSystem()) {
  if (options_.use_direct_io_for_reads || options_.use_direct_io_for_compaction_writes) {
    table_fs_ = std::make_unique<DirectIoFileSystem>(fs_, options_.use_direct_io_for_reads, false);
    compaction_fs_ = std::make_unique<DirectIoFileSystem>(
        fs_, options_.use_direct_io_for_reads, options_.use_direct_io_for_compaction_writes);
  }
  table_options_.block_size = options_.block_size;
  table_options_.block_restart_interval = options_.block_restart_interval;
  table_options_.compression =
      options_.compression ? CompressionType::kLz4 : CompressionType::kNone;
  table_options_.bloom_bits_per_key = options_.bloom_bits_per_key;

  VersionSetOptions vs_options;
  vs_options.max_manifest_file_size = options_.manifest_rewrite_bytes;
  versions_ = std::make_unique<VersionSet>(fs_, dir_, vs_options);
  block_cache_ = std::make_unique<BlockCache>(options_.block_cache_bytes);
  TableReaderOptions reader_options;
  reader_options.use_bloom_filter = false;  // Get consults the filter itself, to count it
  table_cache_ =
      std::make_unique<TableCache>(table_fs_ ? table_fs_.get() : fs_, dir_,
                                   static_cast<size_t>(std::max(options_.max_open_files, 16)),
                                   block_cache_.get(), reader_options);
  if (options_.compaction_rate_limit_bytes_per_sec > 0) {
    rate_limiter_ = std::make_unique<RateLimiter>(
        static_cast<int64_t>(options_.compaction_rate_limit_bytes_per_sec));
  }
  compaction_slots_ = std::max(1, options_.max_background_jobs - 1);
}

DBImpl::~DBImpl() { (void)Close(); }

void DBImpl::StartBackgroundThreads() {
  const int n = std::max(1, options_.max_background_jobs);
  for (int i = 0; i < n; ++i) bg_threads_.emplace_back([this] { BackgroundThreadMain(); });
}

void DBImpl::BackgroundThreadMain() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!shutting_down_) {
    if (!has_bg_error_.load(std::memory_order_relaxed)) {
      if (std::shared_ptr<TreeData> tree = PickFlushLocked()) {
        BackgroundFlush(tree, &lock);
        continue;
      }
      if (running_compactions_ < compaction_slots_) {
        std::shared_ptr<TreeData> tree;
        if (std::unique_ptr<Compaction> c = PickCompactionLocked(&tree)) {
          (void)RunCompaction(tree, std::move(c), &lock);
          continue;
        }
      }
    }
    bg_cv_.wait(lock);
  }
}

Status DBImpl::ApplyEdit(VersionEdit edit) {
  const SequenceNumber latest = LatestSequence();
  if (!edit.last_sequence() || *edit.last_sequence() < latest) edit.SetLastSequence(latest);
  return versions_->LogAndApply(edit);
}

void DBImpl::SetBackgroundErrorLocked(const Status& s) {
  if (s.ok() || !bg_error_.ok()) return;
  bg_error_ = s;
  has_bg_error_.store(true, std::memory_order_release);
  STRATA_LOG_ERROR("storage engine {}: background error, now read-only: {}", dir_, s.ToString());
  bg_cv_.notify_all();
}

Status DBImpl::BackgroundError() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bg_error_;
}

Status DBImpl::Close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return Status::OK();
    closed_ = true;
    shutting_down_ = true;
    bg_cv_.notify_all();
  }
  for (std::thread& t : bg_threads_) t.join();
  bg_threads_.clear();
  if (archiver_thread_.joinable()) archiver_thread_.join();

  Status result;
  if (group_commit_ != nullptr) {
    // Later writes fail fast; the WAL is synced so unsynced writes survive
    // a clean shutdown too.
    result = group_commit_->RunExclusive([this] {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (bg_error_.ok()) {
          bg_error_ = Status::Aborted("storage engine is closed");
          has_bg_error_.store(true, std::memory_order_release);
        }
      }
      if (log_ == nullptr) return Status::OK();
      Status s = log_->error().ok() ? log_->Sync() : Status::OK();
      Status c = log_->Close();
      return s.ok() ? c : s;
    });
    PurgeObsoleteFiles();
  } else {
    std::lock_guard<std::mutex> lock(mutex_);
    if (bg_error_.ok()) {
      bg_error_ = Status::Aborted("storage engine is closed");
      has_bg_error_.store(true, std::memory_order_release);
    }
  }
  lock_.reset();  // releases LOCK
  return result;
}

}  // namespace strata::storage
