// BackupLabel: the small text file ("backup_label") that makes a directory a
// StrataDB backup: the commit point, when it was taken, and every file the
// restored data directory needs with its size, XXH64 checksum and the backup
// directory that holds it (an incremental backup references its parent's
// SSTables instead of copying them).
//
// Format (text, one item per line, written to disk: keep it readable by
// older restores, add keys rather than change them):
//   strata_backup_label 1
//   last_sequence N                 every commit <= N is in the backup, none after
//   backup_time_us N                microseconds since the epoch when the cut was taken
//   backup_time TEXT                the same, as 'YYYY-MM-DD HH:MM:SS.ffffff+00'
//   manifest MANIFEST-NNNNNN        what CURRENT names in a restored directory
//   parent DIR | -                  the backup this one is incremental to
//   file NAME SIZE HEX16 LOCATION   LOCATION "." (this directory) or an absolute
//                                   path of the backup directory holding NAME
//   end HEX16                       XXH64 of every byte before this line
// Pure data + encoding; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "storage/dbformat.h"
#include "storage/io/file_system.h"

namespace strata::storage {

inline constexpr char kBackupLabelFileName[] = "backup_label";
inline constexpr int kBackupLabelFormat = 1;

struct BackupLabel {
  struct File {
    std::string name;
    uint64_t size = 0;
    uint64_t checksum = 0;       // XXH64 of the file's bytes
    std::string location = ".";  // "." or the absolute directory holding it
  };
  SequenceNumber last_sequence = 0;
  int64_t backup_time_us = 0;
  std::string manifest_name;
  std::string parent;  // empty: a full backup
  std::vector<File> files;

  std::string Encode() const;
  // Corruption on a damaged or unknown label.
  [[nodiscard]] static Result<BackupLabel> Decode(const std::string& text);
  // The directory holding `file` of the backup in `backup_dir`.
  static std::string FileDirectory(const std::string& backup_dir, const File& file);
};

// 'YYYY-MM-DD HH:MM:SS.ffffff+00' (UTC) for microseconds since the epoch.
std::string FormatBackupTime(int64_t unix_us);

[[nodiscard]] Result<BackupLabel> ReadBackupLabel(FileSystem* fs, const std::string& backup_dir);
[[nodiscard]] Status WriteBackupLabel(FileSystem* fs, const std::string& backup_dir,
                                      const BackupLabel& label);

}  // namespace strata::storage
