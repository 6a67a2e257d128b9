// VerifyBackupFiles and LayOutBackup (see restore_backup.h).
#include "storage/backup/restore_backup.h"

#include <cinttypes>
#include <cstdio>

#include "storage/backup/backup_files.h"
#include "storage/io/path.h"
#include "storage/version/manifest_file_names.h"

namespace strata::storage {

namespace {

bool IsTableName(const std::string& name) {
  return name.size() > 4 && name.compare(name.size() - 4, 4, ".sst") == 0;
}

}  // namespace

Result<BackupLabel> VerifyBackupFiles(FileSystem* fs, const std::string& backup_dir,
                                      std::vector<std::string>* errors) {
  STRATA_ASSIGN_OR_RETURN(BackupLabel label, ReadBackupLabel(fs, backup_dir));
  bool has_current = false;
  for (const BackupLabel::File& f : label.files) {
    if (f.name == kCurrentFileName) has_current = true;
    const std::string path = JoinPath(BackupLabel::FileDirectory(backup_dir, f), f.name);
    if (!fs->FileExists(path)) {
      errors->push_back(path + ": missing");
      continue;
    }
    Result<uint64_t> size = fs->GetFileSize(path);
    if (!size.ok()) {
      errors->push_back(path + ": " + size.status().ToString());
      continue;
    }
    if (*size != f.size) {
      errors->push_back(path + ": size is " + std::to_string(*size) + " bytes, the label says " +
                        std::to_string(f.size));
      continue;
    }
    Result<uint64_t> sum = ChecksumFile(fs, path, f.size);
    if (!sum.ok()) {
      errors->push_back(path + ": " + sum.status().ToString());
    } else if (*sum != f.checksum) {
      char buf[96];
      std::snprintf(buf, sizeof(buf), ": checksum mismatch (%016" PRIx64 ", expected %016" PRIx64 ")",
                    *sum, f.checksum);
      errors->push_back(path + buf);
    }
  }
  if (!has_current) errors->push_back(JoinPath(backup_dir, kBackupLabelFileName) + ": lists no CURRENT");
  return label;
}

Status LayOutBackup(FileSystem* fs, const std::string& backup_dir, const BackupLabel& label,
                    const std::string& target_dir) {
  if (fs->FileExists(target_dir)) {
    STRATA_ASSIGN_OR_RETURN(std::vector<std::string> children, fs->GetChildren(target_dir));
    if (!children.empty()) {
      return Status::InvalidArgument("directory \"" + target_dir + "\" exists and is not empty");
    }
  }
  STRATA_RETURN_IF_ERROR(fs->CreateDirIfMissing(target_dir));
  const BackupLabel::File* current = nullptr;
  for (const BackupLabel::File& f : label.files) {
    if (f.name == kCurrentFileName) {
      current = &f;
      continue;
    }
    const std::string from = JoinPath(BackupLabel::FileDirectory(backup_dir, f), f.name);
    const std::string to = JoinPath(target_dir, f.name);
    uint64_t checksum = 0;
    if (IsTableName(f.name)) {
      bool linked = false;
      STRATA_RETURN_IF_ERROR(LinkOrCopyFile(fs, from, to, f.size, &checksum, &linked));
    } else {
      STRATA_RETURN_IF_ERROR(CopyFilePrefix(fs, from, to, f.size, &checksum));
    }
    if (checksum != f.checksum) {
      return Status::Corruption(from + ": changed while being restored (checksum mismatch)");
    }
  }
  STRATA_RETURN_IF_ERROR(fs->SyncDir(target_dir));
  if (current == nullptr) return Status::Corruption("the backup label lists no CURRENT");
  uint64_t checksum = 0;
  // CURRENT last: until it exists the directory is not a database.
  STRATA_RETURN_IF_ERROR(CopyFilePrefix(fs, JoinPath(backup_dir, current->name),
                                        JoinPath(target_dir, current->name), current->size,
                                        &checksum));
  return fs->SyncDir(target_dir);
}

}  // namespace strata::storage
