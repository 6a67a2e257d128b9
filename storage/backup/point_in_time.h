// Point-in-time restore: brings a restored backup forward with the records
// of archived WAL segments (those archive_command copied), up to the last
// commit at or before a target time.
//
// The backup's newest WAL segment N is a prefix of the archived N, cut at a
// record boundary with no write in flight; the records of the archived N
// past that prefix and of later segments are the ones to apply, in log
// order, stopping
// before the first whose commit-time trailer (storage/write_batch.h) is
// after the target. They are applied by an engine opened on the restored
// directory (Engine::ReplayLoggedRecord, storage/db/db_impl_replay.cpp):
// commits are written again, and the tree creations, drops and ingestions
// the engine logs in the WAL since format version 3 (CREATE TABLE / INDEX,
// TRUNCATE, DROP, CREATE INDEX's and COPY's bulk loads) are done again with
// the logged tree ids, so tables and indexes made after the base backup are
// restored too. The engine is flushed and closed at the end.
//
// Checked before anything is written; refused, never silently wrong:
//  - a target before the backup's commit point;
//  - a gap in the sequence numbers after the commit point: a change made
//    durable without a WAL record (an ingestion of external files, a spilled
//    transaction's commit);
//  - a write to a tree neither the backup nor the archived WAL creates
//    (WAL written before format version 3);
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
  int segments_replaced = 0;        // archived segments whose records were replayed
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
