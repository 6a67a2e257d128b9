// DBImpl::PurgeObsoleteFiles: deletes the files nothing needs any more.
//
//  - SSTables: when the last Version listing a file goes away (the
//    LiveFileTracker counts Versions per file number; SuperVersions and
//    iterators hold Versions), the file is queued as obsolete. It is evicted
//    from the table cache and deleted here. A reader that still has the file
//    open keeps reading it (POSIX unlink semantics).
//  - Manifests no longer named by CURRENT.
//  - WAL segments numbered below VersionSet::MinLogNumberToKeep: every live
//    tree has flushed everything they hold (dropped trees do not count),
//    except the segment currently being written.
// While an online backup holds a pin (PinLiveFiles) nothing is deleted:
// SSTables and manifests are parked until the last UnpinFiles, WAL segments
// simply stay in alive_logs_. With WAL archiving, a segment is deleted only
// once archived (nothing from the oldest unarchived one on).
// Called after flushes, compactions, DropTree, Flush and at open/close; file
// deletion happens without engine locks.
#include "common/logging.h"
#include "storage/db/db_impl.h"
#include "storage/db/file_names.h"
#include "storage/io/path.h"
#include "storage/version/manifest_file_names.h"

namespace strata::storage {

void DBImpl::PurgeObsoleteFiles() {
  VersionSet::ObsoleteFiles obsolete = versions_->TakeObsoleteFiles();
  std::vector<uint64_t> tables;
  for (const LiveFileTracker::ObsoleteFile& f : obsolete.tables) tables.push_back(f.number);
  std::vector<uint64_t> manifests = obsolete.manifests;
  std::vector<uint64_t> wals;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (file_pins_ > 0) {  // an online backup is reading them (db_impl_backup.cpp)
      pinned_obsolete_tables_.insert(pinned_obsolete_tables_.end(), tables.begin(), tables.end());
      pinned_obsolete_manifests_.insert(pinned_obsolete_manifests_.end(), manifests.begin(),
                                        manifests.end());
      return;
    }
    tables.insert(tables.end(), pinned_obsolete_tables_.begin(), pinned_obsolete_tables_.end());
    manifests.insert(manifests.end(), pinned_obsolete_manifests_.begin(),
                     pinned_obsolete_manifests_.end());
    pinned_obsolete_tables_.clear();
    pinned_obsolete_manifests_.clear();
    const uint64_t min_log = versions_->MinLogNumberToKeep();
    while (!alive_logs_.empty() && alive_logs_.front() < min_log &&
           alive_logs_.front() != logfile_number_ &&
           (unarchived_.empty() || alive_logs_.front() < unarchived_.front())) {
      wals.push_back(alive_logs_.front());
      alive_logs_.pop_front();
    }
  }
  auto remove = [this](const std::string& path) {
    Status s = fs_->DeleteFile(path);
    if (!s.ok() && !s.IsNotFound())
      STRATA_LOG_WARNING("cannot delete obsolete file {}: {}", path, s.ToString());
  };
  for (uint64_t number : tables) {
    table_cache_->Evict(number);
    remove(TableFileName(dir_, number));
  }
  for (uint64_t m : manifests) remove(JoinPath(dir_, ManifestFileName(m)));
  for (uint64_t w : wals) {
    remove(WalFileName(dir_, w));
    if (options_.archive_wal) remove(ArchiveDoneMarker(w));
  }
}

}  // namespace strata::storage
