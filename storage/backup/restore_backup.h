// Restore side of a backup (offline): check every file of a backup against
// its label, then lay the files out as a data directory.
//
// VerifyBackupFiles reads every byte of every file the label lists (in this
// backup or in the parent backups it references) and compares size and
// XXH64, so a flipped byte anywhere is found before anything is written.
// LayOutBackup then fills a new directory: SSTables hard-linked from the
// backups (copied when the link fails; SSTables are never modified in
// place, so sharing them is safe), everything else copied, CURRENT last.
// Starting the engine there replays the backup's WAL: exactly the commits up
// to the label's last_sequence.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "storage/backup/backup_label.h"
#include "storage/io/file_system.h"

namespace strata::storage {

// Appends one "<path>: <problem>" per damaged or missing file to *errors.
// An error Status means the label itself cannot be read.
[[nodiscard]] Result<BackupLabel> VerifyBackupFiles(FileSystem* fs, const std::string& backup_dir,
                                                    std::vector<std::string>* errors);

// REQUIRES: target_dir is missing or empty (InvalidArgument otherwise).
[[nodiscard]] Status LayOutBackup(FileSystem* fs, const std::string& backup_dir,
                                  const BackupLabel& label, const std::string& target_dir);

}  // namespace strata::storage
