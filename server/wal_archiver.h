// Continuous WAL archiving for stratad: the storage engine's archive_wal
// callback (storage/engine.h) that runs archive_command as PostgreSQL does.
//
// archive_command is read from the current configuration at every segment
// (it is a sighup parameter: a reload takes effect at the next segment).
// %p becomes the segment's absolute path, %f its file name, %% a '%'. The
// command runs through /bin/sh -c; exit status 0 is success, anything else
// is logged as PostgreSQL logs it (LOG "archive command failed with exit
// code N" + DETAIL with the command) and the engine retries; after three
// failures in a row for one segment a WARNING "... failed too many times,
// will try again later". An empty archive_command keeps segments and warns.
// Thread safety: called from the engine's archiver thread only.
#pragma once

#include <functional>
#include <string>

#include "common/status.h"

namespace strata::server {

std::function<Status(const std::string& path, const std::string& name)> MakeWalArchiver();

// The command with %p, %f and %% replaced.
std::string ExpandArchiveCommand(const std::string& command, const std::string& path,
                                 const std::string& name);

}  // namespace strata::server
