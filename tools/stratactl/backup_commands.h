// stratactl backup (online, through strata_backup() on the server) and
// stratactl restore (offline: check the backup, lay out a data directory,
// verify it). Formats and the engine side: storage/backup/.
#pragma once

#include <string>

#include "tools/stratactl/server_commands.h"

namespace strata::tools {

// Paths are made absolute against the current directory before they are
// sent: the server resolves them on its own machine, with its own cwd.
int RunBackup(const ConnectionOptions& options, const std::string& backup_dir,
              const std::string& incremental_from);

// With wal_archive: replays the archived WAL after the backup, up to the last
// commit at or before target_time (everything archived when empty).
int RunRestore(const std::string& backup_dir, const std::string& target_dir,
               const std::string& wal_archive, const std::string& target_time);

// "dir" made absolute against the current directory (not resolved further).
std::string AbsolutePath(const std::string& dir);

}  // namespace strata::tools
