// Autovacuum: the server's background ANALYZE (PostgreSQL's autovacuum
// launcher and workers, reduced to their analyze half: our VACUUM is a
// compaction, which the storage engine schedules on its own).
//
// One thread wakes every autovacuum_naptime and, when `autovacuum` is on,
// analyzes each table whose rows changed enough since its last ANALYZE:
//
//   n_mod_since_analyze > autovacuum_analyze_threshold
//                         + autovacuum_analyze_scale_factor * reltuples
//
// (reltuples from the table's statistics record, 0 if never analyzed), in
// every database of the data directory, temporary tables left out (only
// their session can read them), as PostgreSQL's relation_needs_vacanalyze.
// The settings are the server's configuration (file and command line,
// reloaded on SIGHUP), read at each round.
//
// Each table is analyzed in a transaction of its own that takes the table's
// ShareUpdateExclusiveLock without waiting -- a table whose lock is not free
// (DDL, LOCK TABLE) is skipped until the next round -- and never the
// catalog's DDL lock: DDL on the table waits at most for the one ANALYZE.
// The result is reported as last_autoanalyze / autoanalyze_count. Errors
// are logged and the round goes on; nothing escapes the thread.
//
// Thread safety: Start and Stop from one thread (stratad's main).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace strata::sql {

class Database;

// Whether a table is due for an automatic ANALYZE (the rule above).
bool NeedsAutoanalyze(int64_t mod_since_analyze, double reltuples, int64_t base_threshold,
                      double scale_factor);

class Autovacuum {
 public:
  // LIFETIME: `db` (the data directory's first database) outlives this.
  explicit Autovacuum(Database* db);
  ~Autovacuum();  // Stop()
  Autovacuum(const Autovacuum&) = delete;
  Autovacuum& operator=(const Autovacuum&) = delete;

  void Start();
  // Wakes the thread and waits for it to end (after the table it is
  // analyzing, if any). Idempotent.
  void Stop();

  // One round over every database now; returns the number of tables
  // analyzed. The thread calls it every naptime.
  int RunRound();

 private:
  void Loop();

  Database* db_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace strata::sql
