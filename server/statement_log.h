// StatementLog: the per-statement server-log lines of a session, with
// PostgreSQL's texts and rules:
//   log_statement (none/ddl/mod/all)   "statement: <query>" before it runs
//                                      ("execute <unnamed>: <query>" for an Execute)
//   log_min_duration_statement (ms)    "duration: 1.234 ms  statement: <query>"
//                                      after it ran (just "duration: ..." when
//                                      log_statement already printed it)
//   errors                             "ERROR:  <message>" (with DETAIL/HINT),
//                                      plus "STATEMENT:  <query>" when the
//                                      error's level reaches log_min_error_statement
// The thresholds are the session's own settings (superuser parameters: the
// file sets the default, SET changes them per session).
// Used by StatementRunner on the session's thread only.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/sql_error.h"

namespace strata::sql {
class SqlSession;
}

namespace strata::server {

// What log_statement level a query string needs to be logged: 0 all only,
// 1 mod (and all), 2 ddl (and mod, all). Looks at each statement's first
// keyword (EXPLAIN ANALYZE counts as the statement it runs).
int LogStatementClass(std::string_view query);

class StatementLog {
 public:
  // A statement (simple Query, or an Execute) starts. `label` begins its
  // log lines: "statement", or "execute <unnamed>" for an Execute.
  void Start(const sql::SqlSession& session, std::string_view query,
             std::string_view label = "statement");
  // It ended (successfully or not).
  void Finish(const sql::SqlSession& session);
  // An error ended it: logs the error (and STATEMENT:).
  void Error(const sql::SqlSession& session, const SqlErrorFields& error);

 private:
  std::string query_;
  std::string label_;
  bool active_ = false;
  bool statement_logged_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace strata::server
