// SavedStatistics: the cumulative statistics (pg_stat_database's counters,
// sql/stat_counters.h, and pg_stat_*_tables / _indexes', sql/table_stats.h)
// kept across a clean shutdown, as PostgreSQL 15 keeps them in
// pg_stat/pgstat.stat.
//
// The server writes DATADIR/pg_stat/pgstat.stat after a clean (SIGTERM /
// SIGINT) shutdown and, at startup, reads it back and deletes it. So after a
// crash or kill -9 there is no file (it was deleted when the server started)
// and the counters start at zero, like PostgreSQL's after a crash or an
// immediate shutdown. A damaged or foreign file is ignored (logged) and
// deleted: statistics are never worth refusing to start.
//
// Format (little-endian fixed-width integers, version 1):
//   "STRATSTA"                        8-byte magic
//   fixed32 version                   1
//   fixed32 n, n x fixed64            server counters, in StatCounters order
//   fixed32 tables, per table:        fixed32 oid, fixed32 f, f x fixed64
//   fixed32 indexes, per index:       fixed32 oid, fixed32 f, f x fixed64
//   fixed64 XXH64 of all the bytes before it
// The field counts must equal the ones this version writes; anything else
// (short file, trailing bytes, checksum) makes the file unreadable.
#pragma once

#include <string>

#include "common/result.h"
#include "common/slice.h"
#include "common/status.h"

namespace strata::sql {

// The file's path under the data directory.
std::string SavedStatisticsPath(const std::string& data_dir);

// The current counters (GlobalStatCounters, GlobalTableStats) in the format above.
std::string EncodeStatistics();
// Replaces the current counters with the encoded ones. Corruption (nothing
// changed) if `data` is not a complete, intact version-1 file.
[[nodiscard]] Status DecodeStatistics(Slice data);

// Writes the file durably (temporary file, fsync, rename, directory fsync).
[[nodiscard]] Status SaveStatistics(const std::string& data_dir);
// Loads the file if there is one and deletes it. Returns whether counters
// were loaded; a damaged file is not an error (false, logged as a WARNING).
[[nodiscard]] Result<bool> LoadStatistics(const std::string& data_dir);

}  // namespace strata::sql
