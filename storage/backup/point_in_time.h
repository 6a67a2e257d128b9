// Point-in-time restore: extends a restored backup's WAL with archived WAL
// segments (those archive_command copied), cut after the last commit at or
// before a target time.
//
// The backup's newest WAL segment N is a prefix of the archived N, so the
// archive's N and every later archived segment replace / follow it. Records
// are copied verbatim (LogReader -> LogWriter) into the data directory
// until the first record, past the backup's commit point, whose
// commit-time trailer (storage/write_batch.h) is after the target; nothing
// after it is kept. Starting the engine then replays exactly the commits up
// to that point. Limits (refused, never silently wrong):
//  - a target before the backup's commit point;
//  - a kept record that writes a tree the backup's manifest does not know
//    (CREATE TABLE, TRUNCATE, CREATE INDEX after the base backup: trees are
//    created in the manifest, which is not archived) — take a newer backup;
//  - archived segment N missing while later ones exist (a gap).
// If the archive ends before any commit after the target, it is an error
// (PostgreSQL's "recovery ended before configured recovery target was
// reached") unless the target is unset (replay everything archived).
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "common/result.h"
#include "storage/backup/backup_label.h"
#include "storage/io/file_system.h"

namespace strata::storage {

inline constexpr int64_t kNoTargetTime = std::numeric_limits<int64_t>::max();

struct PointInTimeResult {
  int segments_replaced = 0;        // archived segments written into the directory
  SequenceNumber last_sequence = 0;  // of the last kept record
  int64_t last_commit_time_us = 0;   // of the last kept record with a commit time (0: none)
};

// REQUIRES: LayOutBackup(backup, label, target_dir) succeeded.
[[nodiscard]] Result<PointInTimeResult> ApplyArchivedWal(FileSystem* fs, const BackupLabel& label,
                                                         const std::string& target_dir,
                                                         const std::string& archive_dir,
                                                         int64_t target_us);

// Parses 'YYYY-MM-DD HH:MM:SS[.ffffff][ ][Z|UTC|+HH[:MM]|-HH[:MM]]' (no zone:
// UTC) into microseconds since the epoch.
[[nodiscard]] Result<int64_t> ParseTargetTime(const std::string& text);

}  // namespace strata::storage
