// stratactl's online commands, against a running stratad over libpq (so the
// connection options are psql's: -h/-p/-U/-d, else PGHOST, PGPORT, PGUSER,
// PGDATABASE, PGPASSWORD):
//   status             server version, data directory, uptime-like facts,
//                      sessions by state, LSM trees (levels, files, bytes)
//   checkpoint         SELECT strata_checkpoint(): memtables to SSTables
//   compact [TABLE]    SELECT strata_compact(...): every tree, or one table's
// Long operations show progress (progress.h) while they wait.
#pragma once

#include <string>
#include <vector>

namespace strata::tools {

struct ConnectionOptions {
  std::string host, port, user, database;
};

// Each returns the process exit code, printing results to stdout and
// errors to stderr.
int RunStatus(const ConnectionOptions& options);
int RunCheckpoint(const ConnectionOptions& options);
int RunCompact(const ConnectionOptions& options, const std::string& table);
// Runs one long statement returning one value with the elapsed-time
// progress; the value in *value. Returns the exit status (0, 1, or 2 when
// the connection fails).
int RunServerQuery(const ConnectionOptions& options, const std::string& label,
                   const std::string& sql, const std::vector<std::string>& params,
                   std::string* value);

}  // namespace strata::tools
