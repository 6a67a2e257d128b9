// stratactl restore: every checksum of every file of the backup (and of the
// parents an incremental backup references) first; on any damage nothing is
// written. Then the data directory is laid out and checked once more with
// the `verify` code (every block and record checksum, the manifest's files).
// With --wal-archive, archived WAL is replayed up to --target-time between
// the two (storage/backup/point_in_time.h).
#include <cstdio>

#include "storage/backup/point_in_time.h"
#include "storage/backup/restore_backup.h"
#include "tools/stratactl/backup_commands.h"
#include "tools/stratactl/verify.h"

namespace strata::tools {

int RunRestore(const std::string& backup_dir_arg, const std::string& target_dir_arg,
               const std::string& wal_archive, const std::string& target_time) {
  storage::FileSystem* fs = storage::DefaultFileSystem();
  int64_t target_us = storage::kNoTargetTime;
  if (!target_time.empty()) {
    Result<int64_t> t = storage::ParseTargetTime(target_time);
    if (!t.ok()) {
      std::fprintf(stderr, "stratactl: %s\n", t.status().message().c_str());
      return 2;
    }
    target_us = *t;
  }
  const std::string backup_dir = AbsolutePath(backup_dir_arg);
  const std::string target_dir = AbsolutePath(target_dir_arg);
  std::vector<std::string> errors;
  Result<storage::BackupLabel> label = storage::VerifyBackupFiles(fs, backup_dir, &errors);
  if (!label.ok()) {
    std::fprintf(stderr, "stratactl: %s\n", label.status().message().c_str());
    return 1;
  }
  for (const std::string& e : errors) std::printf("CORRUPT: %s\n", e.c_str());
  if (!errors.empty()) {
    std::fprintf(stderr,
                 "stratactl: backup \"%s\" is damaged (%zu file(s) failed their check); "
                 "nothing was restored\n",
                 backup_dir.c_str(), errors.size());
    return 1;
  }
  std::printf("backup \"%s\": %zu file(s) verified, last sequence %llu, taken %s\n",
              backup_dir.c_str(), label->files.size(),
              static_cast<unsigned long long>(label->last_sequence),
              storage::FormatBackupTime(label->backup_time_us).c_str());
  Status s = storage::LayOutBackup(fs, backup_dir, *label, target_dir);
  if (!s.ok()) {
    std::fprintf(stderr, "stratactl: could not restore into \"%s\": %s\n", target_dir.c_str(),
                 s.message().c_str());
    return 1;
  }
  if (!wal_archive.empty()) {
    Result<storage::PointInTimeResult> pitr =
        storage::ApplyArchivedWal(fs, *label, target_dir, AbsolutePath(wal_archive), target_us);
    if (!pitr.ok()) {
      std::fprintf(stderr, "stratactl: point-in-time restore into \"%s\" failed: %s\n",
                   target_dir.c_str(), pitr.status().message().c_str());
      return 1;
    }
    std::printf("replayed %d archived WAL segment(s): last sequence %llu%s%s\n",
                pitr->segments_replaced, static_cast<unsigned long long>(pitr->last_sequence),
                pitr->last_commit_time_us != 0 ? ", last commit at " : "",
                pitr->last_commit_time_us != 0
                    ? storage::FormatBackupTime(pitr->last_commit_time_us).c_str()
                    : "");
  }
  VerifyReport report;
  VerifyOptions verify_options;
  verify_options.plain_progress = true;
  const std::string err = VerifyDataDirectory(target_dir, verify_options, &report);
  if (!err.empty() || !report.errors.empty()) {
    for (const auto& e : report.errors) std::printf("CORRUPT: %s\n", e.c_str());
    std::fprintf(stderr, "stratactl: the restored directory \"%s\" failed verification%s%s\n",
                 target_dir.c_str(), err.empty() ? "" : ": ", err.c_str());
    return 1;
  }
  std::printf("restored into \"%s\" (%d file(s) verified); start it with stratad -D %s\n",
              target_dir.c_str(), report.files_checked, target_dir.c_str());
  return 0;
}

}  // namespace strata::tools
