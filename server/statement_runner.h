// StatementRunner: turns one frontend message of the query phase into the
// backend bytes that answer it, by running SQL through the session's
// SqlSession. No sockets here: the caller ships the bytes.
//
// Error rules (PostgreSQL's): the first SqlError of a simple Query ends that
// Query (later statements in the string do not run) and ReadyForQuery still
// follows. In the extended protocol an error makes the session discard
// messages until Sync. Runs on the session's query thread; one call at a time.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "sql/backend_status.h"
#include "protocol/messages.h"
#include "common/logging.h"
#include "server/extended_query.h"
#include "server/statement_log.h"
#include "sql/sql_session.h"
#include "txn/transaction_status.h"

namespace strata::server {

class StatementRunner {
 public:
  enum class Outcome {
    kContinue,   // reply sent, keep reading
    kTerminate,  // client sent Terminate: close without reply
  };

  // LIFETIME: `database` (may be null: constant queries only) outlives the runner.
  explicit StatementRunner(sql::Database* database = nullptr) : sql_(database) {}

  // Handles one message; appends the reply to *out. Throws
  // protocol::ProtocolError for messages that break the protocol.
  Outcome Handle(const protocol::FrontendMessage& message, std::string* out);

  // Session parameters (startup packet, server configuration); see
  // sql::SqlSession. Throw SqlError.
  void InitParameter(std::string_view name, const std::string& value) {
    sql_.InitParameter(name, value);
  }
  std::string ShowParameter(std::string_view name) const { return sql_.ShowParameter(name); }
  // The database the session logged in to (before its first statement).
  void UseDatabase(sql::Database* database) { sql_.UseDatabase(database); }
  // The idle timeout in force while the session waits after ReadyForQuery:
  // idle_in_transaction_session_timeout inside a transaction block (failed
  // or not), else idle_session_timeout; ms = 0: none.
  struct IdleTimeout {
    int64_t ms = 0;
    bool in_transaction = false;
  };
  IdleTimeout CurrentIdleTimeout() const;
  // What a CancelRequest for this session signals (thread-safe).
  std::shared_ptr<InterruptState> interrupts() const { return sql_.interrupts(); }
  // Where the session's activity is reported (pg_stat_activity); may stay null.
  void set_status(std::shared_ptr<sql::BackendStatus> status);
  // The session's log-line fields (application_name follows SET); may stay null.
  void set_log_session(LogSession* log_session) { log_session_ = log_session; }
  // Logs an error a statement ended with (called from the one catch site).
  void LogError(const SqlErrorFields& error) { statement_log_.Error(sql_, error); }

 private:
  void RunSimpleQuery(const std::string& query, std::string* out);
  // Runs the simple Query's statements from `next_statement_` on; stops
  // early (without ReadyForQuery) when one starts COPY FROM STDIN.
  void RunStatements(std::string* out);
  // A frontend message while COPY FROM STDIN is in progress.
  void HandleCopyIn(const protocol::FrontendMessage& message, std::string* out);
  // Ends the simple Query: its implicit transaction, ReadyForQuery.
  void FinishSimpleQuery(std::string* out);
  // One extended-protocol message; on error sends ErrorResponse and starts
  // skipping until Sync.
  void RunExtended(const protocol::FrontendMessage& message, std::string* out);
  // ParameterStatus for each reportable setting changed since the last
  // ReadyForQuery, then ReadyForQuery (PostgreSQL reports them just before).
  void AppendReadyForQuery(std::string* out);
  // Metrics of one statement that ran: rows by its tag, transactions.
  void CountStatement(const std::string& tag, bool in_block_before);

  sql::SqlSession sql_;
  std::shared_ptr<sql::BackendStatus> status_;
  LogSession* log_session_ = nullptr;
  StatementLog statement_log_;
  std::chrono::steady_clock::time_point query_start_;  // of the simple Query running
  bool query_failed_ = false;
  std::string query_text_;   // the simple Query, for pg_stat_statements
  uint64_t query_rows_ = 0;  // rows its statements' tags reported
  ExtendedQuery extended_{&sql_};
  bool skipping_until_sync_ = false;
  // The simple Query being run: statements after a COPY FROM STDIN run once
  // its CopyDone arrives, as in PostgreSQL.
  std::vector<std::unique_ptr<sql::ParsedStatement>> statements_;
  size_t next_statement_ = 0;
};

}  // namespace strata::server
