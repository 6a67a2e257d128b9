// RunOnlineBackup (see online_backup.h).
#include "storage/backup/online_backup.h"

#include <chrono>
#include <map>

#include "storage/backup/backup_files.h"
#include "storage/backup/backup_label.h"
#include "storage/db/file_names.h"
#include "storage/io/path.h"
#include "storage/version/manifest_file_names.h"

namespace strata::storage {

namespace {

bool IsTableName(const std::string& name) {
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".sst") == 0;
}

// Copies the pinned files; the caller unpins.
Status CopyPinned(FileSystem* fs, const LiveFiles& live, const OnlineBackupOptions& options,
                  const std::map<std::string, BackupLabel::File>& parent_files,
                  BackupLabel* label, OnlineBackupSummary* summary) {
  const std::string& to_dir = options.backup_dir;
  for (const LiveFiles::File& f : live.files) {
    BackupLabel::File entry;
    entry.name = f.name;
    entry.size = f.size;
    const std::string from = JoinPath(live.dir, f.name);
    const std::string to = JoinPath(to_dir, f.name);
    if (IsTableName(f.name)) {
      // SSTables never change once written: same name and size = same file.
      auto it = parent_files.find(f.name);
      if (it != parent_files.end() && it->second.size == f.size &&
          fs->FileExists(JoinPath(it->second.location, f.name))) {
        entry.checksum = it->second.checksum;
        entry.location = it->second.location;
        ++summary->files_referenced;
        summary->bytes_referenced += f.size;
      } else {
        bool linked = false;
        STRATA_RETURN_IF_ERROR(LinkOrCopyFile(fs, from, to, f.size, &entry.checksum, &linked));
        ++(linked ? summary->files_linked : summary->files_copied);
        (linked ? summary->bytes_linked : summary->bytes_copied) += f.size;
      }
    } else {
      STRATA_RETURN_IF_ERROR(CopyFilePrefix(fs, from, to, f.size, &entry.checksum));
      ++summary->files_copied;
      summary->bytes_copied += f.size;
    }
    label->files.push_back(std::move(entry));
  }
  return Status::OK();
}

}  // namespace

Result<OnlineBackupSummary> RunOnlineBackup(Engine* engine, const OnlineBackupOptions& options) {
  FileSystem* fs = options.fs != nullptr ? options.fs : DefaultFileSystem();
  const std::string& dir = options.backup_dir;
  if (dir.empty() || dir[0] != '/') {
    return Status::InvalidArgument("backup directory must be an absolute path");
  }
  if (fs->FileExists(dir)) {
    STRATA_ASSIGN_OR_RETURN(std::vector<std::string> children, fs->GetChildren(dir));
    if (!children.empty()) {
      return Status::InvalidArgument("backup directory \"" + dir + "\" exists and is not empty");
    }
  }
  std::map<std::string, BackupLabel::File> parent_files;
  BackupLabel label;
  if (!options.incremental_from.empty()) {
    const std::string& parent = options.incremental_from;
    if (parent[0] != '/') {
      return Status::InvalidArgument("parent backup directory must be an absolute path");
    }
    STRATA_ASSIGN_OR_RETURN(BackupLabel parent_label, ReadBackupLabel(fs, parent));
    for (BackupLabel::File f : parent_label.files) {
      f.location = BackupLabel::FileDirectory(parent, f);  // flatten the chain
      parent_files[f.name] = f;
    }
    label.parent = parent;
  }
  STRATA_RETURN_IF_ERROR(fs->CreateDirIfMissing(dir));

  STRATA_ASSIGN_OR_RETURN(LiveFiles live, engine->PinLiveFiles());
  OnlineBackupSummary summary;
  summary.last_sequence = live.last_sequence;
  summary.backup_time_us = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  label.last_sequence = live.last_sequence;
  label.backup_time_us = summary.backup_time_us;
  label.manifest_name = live.manifest_name;
  Status s = CopyPinned(fs, live, options, parent_files, &label, &summary);
  engine->UnpinFiles();
  STRATA_RETURN_IF_ERROR(s);

  // CURRENT and the server's own files.
  const std::string current = live.manifest_name + "\n";
  STRATA_RETURN_IF_ERROR(WriteFileAtomically(fs, JoinPath(dir, kCurrentFileName), current));
  std::vector<std::string> extras = {kCurrentFileName};
  for (const std::string& name : options.extra_files) {
    const std::string from = JoinPath(live.dir, name);
    if (!fs->FileExists(from)) continue;
    STRATA_ASSIGN_OR_RETURN(uint64_t size, fs->GetFileSize(from));
    uint64_t checksum = 0;
    STRATA_RETURN_IF_ERROR(CopyFilePrefix(fs, from, JoinPath(dir, name), size, &checksum));
    extras.push_back(name);
  }
  for (const std::string& name : extras) {
    const std::string path = JoinPath(dir, name);
    STRATA_ASSIGN_OR_RETURN(uint64_t size, fs->GetFileSize(path));
    STRATA_ASSIGN_OR_RETURN(uint64_t checksum, ChecksumFile(fs, path, size));
    label.files.push_back({name, size, checksum, "."});
  }
  STRATA_RETURN_IF_ERROR(fs->SyncDir(dir));
  STRATA_RETURN_IF_ERROR(WriteBackupLabel(fs, dir, label));
  return summary;
}

}  // namespace strata::storage
