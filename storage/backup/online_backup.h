// RunOnlineBackup: a full or incremental backup of a running engine into a
// directory, while writes continue.
//
// Steps: Engine::PinLiveFiles fixes the commit point and keeps every file of
// the cut from deletion; SSTables are hard-linked (copied when the link
// fails) or, for an incremental backup, referenced in the parent when it
// already holds the same file; the manifest and the WAL segments are copied
// up to the cut's sizes; CURRENT is written; the pin is released; the label
// (backup_label.h) is written last, so a directory without one is an
// unfinished backup. The result is self-contained (with its parents): a
// restore lays it out as a data directory whose recovery replays the copied
// WAL, i.e. exactly the commits up to the cut.
// Thread-safe with respect to the engine; one backup per directory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "storage/engine.h"

namespace strata::storage {

struct OnlineBackupOptions {
  std::string backup_dir;        // absolute; created; must be missing or empty
  std::string incremental_from;  // absolute directory of the parent backup, or empty
  // Names of other files of the data directory to copy whole when present
  // (the server's configuration and layout marker).
  std::vector<std::string> extra_files;
  FileSystem* fs = nullptr;  // nullptr = DefaultFileSystem()
};

struct OnlineBackupSummary {
  SequenceNumber last_sequence = 0;
  int64_t backup_time_us = 0;
  int files_linked = 0, files_copied = 0, files_referenced = 0;
  uint64_t bytes_linked = 0, bytes_copied = 0, bytes_referenced = 0;
};

[[nodiscard]] Result<OnlineBackupSummary> RunOnlineBackup(Engine* engine,
                                                          const OnlineBackupOptions& options);

}  // namespace strata::storage
