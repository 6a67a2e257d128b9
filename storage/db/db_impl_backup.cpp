// DBImpl::PinLiveFiles / UnpinFiles: the engine's part of an online backup
// (storage/backup/ does the copying).
//
// The cut is taken inside write exclusivity (no group commit in flight, so
// the WAL ends on a record boundary and every logged batch is published)
// and under manifest_mu_ (no flush, compaction or DDL between its manifest
// write and its install). The newest WAL segment's buffered bytes are
// flushed to the file first, so "the first N bytes of it" is well defined.
// Retired segments and SSTables are immutable; the manifest only grows,
// except that a rewrite starts a new one, which CURRENT names while the old
// one, pinned, stays on disk. While any pin is held PurgeObsoleteFiles parks
// obsolete SSTables and manifests and keeps every WAL segment; the last
// UnpinFiles deletes what was parked.
#include "storage/cache/table_cache.h"
#include "storage/db/db_impl.h"
#include "storage/db/file_names.h"
#include "storage/io/path.h"
#include "storage/version/manifest_file_names.h"

namespace strata::storage {

Result<LiveFiles> DBImpl::PinLiveFiles() {
  LiveFiles out;
  out.dir = dir_;
  std::vector<uint64_t> retired_wals;
  uint64_t current_wal = 0;
  uint64_t current_wal_size = 0;
  Status s = group_commit_->RunExclusive([&]() -> Status {
    std::lock_guard<std::mutex> manifest_lock(manifest_mu_);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (closed_ || shutting_down_) return Status::InvalidArgument("the engine is closed");
    }
    if (log_ == nullptr) return Status::InvalidArgument("the engine has no WAL writer");
    STRATA_RETURN_IF_ERROR(log_->Flush());
    std::lock_guard<std::mutex> lock(mutex_);
    ++file_pins_;
    out.last_sequence = group_commit_->LastSequence();
    out.manifest_name = ManifestFileName(versions_->manifest_file_number());
    out.files.push_back({out.manifest_name, versions_->manifest_file_size()});
    for (const VersionSet::TreeInfo& tree : versions_->Trees()) {
      if (tree.current == nullptr) continue;
      for (int level = 0; level < kNumLevels; ++level) {
        for (const auto& f : tree.current->files(level)) {
          out.files.push_back({BaseName(TableFileName(dir_, f->number)), f->file_size});
        }
      }
    }
    for (uint64_t w : alive_logs_) {
      if (w == logfile_number_) continue;
      retired_wals.push_back(w);
    }
    current_wal = logfile_number_;
    current_wal_size = log_->FileSize();
    return Status::OK();
  });
  STRATA_RETURN_IF_ERROR(s);
  // Retired segments no longer change: their sizes can be read unlocked.
  for (uint64_t w : retired_wals) {
    Result<uint64_t> size = fs_->GetFileSize(WalFileName(dir_, w));
    if (!size.ok()) {
      UnpinFiles();
      return size.status();
    }
    out.files.push_back({BaseName(WalFileName(dir_, w)), *size});
  }
  out.files.push_back({BaseName(WalFileName(dir_, current_wal)), current_wal_size});
  return out;
}

void DBImpl::UnpinFiles() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (file_pins_ == 0) return;
    if (--file_pins_ > 0) return;
  }
  PurgeObsoleteFiles();
}

}  // namespace strata::storage
