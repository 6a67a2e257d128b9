// Continuous WAL archiving: DBImpl hands each finished WAL segment to
// EngineOptions::archive_wal (the server runs archive_command there).
//
// A segment is finished when SwitchMemTables retires it (synced, closed) or,
// at open, when it was left by the previous run. unarchived_ (guarded by
// mutex_) lists finished segments not archived yet, oldest first; one
// archiver thread takes the front, calls archive_wal without locks, and on
// success writes the marker archive_status/NNNNNN.wal.done (so a restart
// does not archive it again), pops it and lets PurgeObsoleteFiles delete
// what is no longer needed. PurgeObsoleteFiles never deletes a segment at
// or after unarchived_.front(), so archives are complete and in order. A
// failure waits archive_retry_millis (or shutdown) and tries again.
#include <algorithm>
#include <chrono>

#include "common/logging.h"
#include "storage/db/db_impl.h"
#include "storage/db/file_names.h"
#include "storage/io/path.h"

namespace strata::storage {

namespace {
constexpr char kArchiveStatusDir[] = "archive_status";
}  // namespace

std::string DBImpl::ArchiveDoneMarker(uint64_t number) const {
  return JoinPath(JoinPath(dir_, kArchiveStatusDir), BaseName(WalFileName(dir_, number)) + ".done");
}

void DBImpl::RecoverArchiveStateLocked(const std::vector<uint64_t>& wal_files) {
  const std::string status_dir = JoinPath(dir_, kArchiveStatusDir);
  if (Status s = fs_->CreateDirIfMissing(status_dir); !s.ok()) {
    STRATA_LOG_WARNING("cannot create {}: {}", status_dir, s.ToString());
  }
  std::vector<uint64_t> sorted = wal_files;
  std::sort(sorted.begin(), sorted.end());
  unarchived_.clear();
  for (uint64_t w : sorted) {
    if (w == logfile_number_ || fs_->FileExists(ArchiveDoneMarker(w))) continue;
    unarchived_.push_back(w);
  }
  // Unarchived segments stay alive (before the new one) until archived.
  alive_logs_.assign(unarchived_.begin(), unarchived_.end());
  alive_logs_.push_back(logfile_number_);
  // Markers whose segment is gone.
  if (auto names = fs_->GetChildren(status_dir); names.ok()) {
    for (const std::string& name : *names) {
      uint64_t number = 0;
      const std::string wal = name.size() > 5 ? name.substr(0, name.size() - 5) : name;
      if (ParseDbFileName(wal, &number) == DbFileType::kWal &&
          !std::binary_search(sorted.begin(), sorted.end(), number)) {
        (void)fs_->DeleteFile(JoinPath(status_dir, name));
      }
    }
  }
}

void DBImpl::ArchiverThreadMain() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    bg_cv_.wait(lock, [this] { return shutting_down_ || !unarchived_.empty(); });
    if (shutting_down_) return;
    const uint64_t number = unarchived_.front();
    lock.unlock();
    const std::string path = WalFileName(dir_, number);
    Status s = options_.archive_wal(path, BaseName(path));
    if (s.ok()) s = WriteFileAtomically(fs_, ArchiveDoneMarker(number), "");
    lock.lock();
    if (s.ok()) {
      if (!unarchived_.empty() && unarchived_.front() == number) unarchived_.pop_front();
      lock.unlock();
      PurgeObsoleteFiles();
      lock.lock();
      continue;
    }
    bg_cv_.wait_for(lock, std::chrono::milliseconds(options_.archive_retry_millis),
                    [this] { return shutting_down_; });
  }
}

}  // namespace strata::storage
