// SqlSession: the entry point from protocol/server into SQL. One per client
// connection; not thread-safe (a session runs one statement at a time).
//
// A query string is parsed whole first (as PostgreSQL does): a syntax error
// anywhere means no statement of the string runs. Then each statement is
// executed in order; the caller sends each result before executing the next
// and stops at the first SqlError.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/types/data_type.h"
#include "sql/types/value.h"
#include "txn/transaction_status.h"

namespace strata::sql {

class PreparedStatement;
namespace ast {
struct ExecuteStatement;
}  // namespace ast
class Portal;
struct PortalFetch;
struct StatementOutput;

struct ResultColumn {
  std::string name;
  uint32_t type_oid = 0;
  int16_t type_size = 0;     // pg_type.typlen
  int32_t type_modifier = -1;
  uint32_t table_oid = 0;     // the table a plain column reference reads, else 0
  int16_t column_attnum = 0;  // its attribute number, else 0
};

// A COPY statement's sub-protocol: none, COPY FROM STDIN (the caller sends
// CopyInResponse and feeds CopyData to SqlSession::CopyInData), or COPY TO
// STDOUT (the caller sends CopyOutResponse, `copy_data`, CopyDone).
enum class CopyMode { kNone, kIn, kOut };

// What one statement produced: rows (for statements that return them) and the
// CommandComplete tag ("SELECT 2", "INSERT 0 1").
struct StatementResult {
  bool returns_rows = false;   // send RowDescription + DataRows
  std::vector<ResultColumn> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;  // text format; nullopt = NULL
  std::string command_tag;
  // NOTICEs raised while running, sent before the result.
  std::vector<SqlErrorFields> notices;
  CopyMode copy_mode = CopyMode::kNone;
  size_t copy_columns = 0;              // COPY: column count of Copy*Response
  std::vector<std::string> copy_data;   // COPY TO STDOUT: one CopyData each
};

// One parsed statement of a query string; opaque to callers.
class ParsedStatement {
 public:
  virtual ~ParsedStatement() = default;
};

class Database;

class SqlSession {
 public:
  // Makes this session's run-time settings (DateStyle, TimeZone, ...) the
  // current thread's while it lives, so that value input and output done
  // outside Execute (the protocol layer formatting a portal's rows) follows
  // them. Scopes nest; Execute and Run install one themselves.
  class SettingsScope {
   public:
    explicit SettingsScope(SqlSession& session);
    ~SettingsScope();
    SettingsScope(const SettingsScope&) = delete;
    SettingsScope& operator=(const SettingsScope&) = delete;

   private:
    struct State;
    std::unique_ptr<State> state_;
  };

  // Without a database only constant SELECT/VALUES run; table statements
  // fail with 0A000. LIFETIME: `database` outlives the session.
  SqlSession();
  explicit SqlSession(Database* database);
  ~SqlSession();

  // Parses a whole query string. Returns one entry per statement; empty for an
  // empty or all-whitespace/comment string (the caller sends EmptyQueryResponse).
  // Throws SqlError (42601 with PostgreSQL's message and 1-based position) on a
  // syntax error.
  std::vector<std::unique_ptr<ParsedStatement>> Parse(std::string_view query);

  // Executes one statement from Parse(). Throws SqlError; statement kinds not
  // yet supported throw 0A000 naming the statement.
  StatementResult Execute(const ParsedStatement& statement);

  // --- Transaction blocks (sql/transaction_block.h). The protocol layer
  // tells the session where PostgreSQL's implicit transactions begin and end.
  // ReadyForQuery's status byte.
  txn::TransactionStatus transaction_status() const;
  // The session's cancel/statement_timeout state: RequestCancel() on it
  // (from any thread) cancels the running statement with 57014.
  std::shared_ptr<InterruptState> interrupts() const;
  // In an explicit block (BEGIN seen; failed or not): Sync and the end of a
  // Query string do not end it, and portals live on.
  bool in_transaction_block() const;
  // Before each statement of a multi-statement Query string: outside a
  // block, the statements share one implicit transaction...
  void BeginImplicitTransaction();
  // ...which commits when the string ends. Throws SqlError if that fails.
  void EndImplicitTransaction();
  // After any error was reported: an implicit transaction rolls back, an
  // explicit block becomes failed (25P02 until ROLLBACK).
  void AbortTransactionAfterError();

  // --- COPY FROM STDIN, after Execute returned copy_mode kIn. The COPY runs
  // in one transaction: every row is checked as it arrives and nothing is
  // stored unless CopyInDone commits. After an SqlError from any of these the
  // COPY is over (rolled back) and copy_in_active() is false.
  bool copy_in_active() const;
  // Data of a CopyData message (boundaries need not match rows).
  void CopyInData(std::string_view data);
  // CopyDone: the last line, commit; the result's tag is "COPY n".
  StatementResult CopyInDone();
  // CopyFail: throws 57014 "COPY from stdin failed: <message>".
  void CopyInFail(const std::string& message);

  // --- Prepared statements and portals (extended query protocol, PREPARE,
  // EXECUTE, DEALLOCATE). Implemented in sql_session_prepared.cpp.

  // Parses and analyzes `query` (at most one statement) with the client's
  // parameter types (0 = infer; fewer than the query uses is fine) into a
  // statement with every parameter's type and its result columns. Throws
  // SqlError: syntax errors, 42601 "cannot insert multiple commands into a
  // prepared statement", 42P18 "could not determine data type of parameter
  // $n", bind errors, 0A000 for statements we cannot run. An empty query gives
  // an empty statement (Execute answers EmptyQueryResponse).
  std::shared_ptr<const PreparedStatement> Prepare(std::string_view query,
                                                   const std::vector<Oid>& parameter_types);

  // Named prepared statements, shared by Parse messages and SQL PREPARE (the
  // unnamed statement is the protocol layer's). Store throws 42P05
  // "prepared statement \"name\" already exists"; Find returns null.
  // `from_sql`: made by SQL PREPARE (pg_prepared_statements.from_sql).
  void StorePreparedStatement(const std::string& name,
                              std::shared_ptr<const PreparedStatement> statement,
                              bool from_sql = false);
  std::shared_ptr<const PreparedStatement> FindPreparedStatement(const std::string& name) const;
  // Removes `name` if present; true if it was.
  bool DropPreparedStatement(const std::string& name);

  // Creates a portal: `statement` with parameter values (one per parameter,
  // of its type, already converted by the caller). As PostgreSQL plans at
  // Bind -- folding constant expressions with the parameter values -- a
  // SELECT is evaluated here, so its errors (22012 ...) are Bind's.
  // `portal_name` is for error messages. REQUIRES: params.size() equals the
  // statement's parameter count.
  std::unique_ptr<Portal> CreatePortal(std::string portal_name,
                                       std::shared_ptr<const PreparedStatement> statement,
                                       std::vector<Value> params);
  // Runs (or continues) a portal: up to `max_rows` rows (<= 0: all).
  PortalFetch Fetch(Portal& portal, int64_t max_rows);
  // Sets a run-time parameter's session value and reset value (startup
  // packet options, server configuration such as TimeZone). Throws SqlError.
  void InitParameter(std::string_view name, const std::string& value);
  // The database the session connected to (its catalog, sequences):
  // REQUIRES no statement has run yet (set once at login).
  void UseDatabase(Database* database);
  // The value of a run-time parameter as SHOW prints it. Throws SqlError.
  std::string ShowParameter(std::string_view name) const;
  // An integer parameter in its base unit (ms, kB); see SessionSettings::IntValue.
  int64_t IntParameter(std::string_view name) const;
  // Takes the server's reloaded configuration (SIGHUP) if there was a reload
  // since the last call; the runner calls it between statements.
  void RefreshConfig();
  // GUC_REPORT parameters (DateStyle, TimeZone, ...) whose value changed since
  // the last call: the server sends each as ParameterStatus before
  // ReadyForQuery, as PostgreSQL does.
  std::vector<std::pair<std::string, std::string>> TakeReportedParameterChanges();

 private:
  // Runs one statement with parameter values; every statement kind is
  // dispatched here (simple Query, portals, EXECUTE).
  // Run() sets up what every statement has (its interrupt scope and
  // statement_timeout, the sink for functions' notices) around
  // RunStatement(), which dispatches.
  StatementOutput Run(const ParsedStatement& statement, const std::vector<Oid>& param_types,
                      const std::vector<Value>& params);
  StatementOutput RunStatement(const ParsedStatement& statement,
                               const std::vector<Oid>& param_types,
                               const std::vector<Value>& params);
  // sql_session_copy.cpp: COPY (FROM STDIN leaves impl_->copy_in open).
  StatementOutput RunCopy(const ParsedStatement& statement);
  // sql_session_prepared.cpp: PREPARE, EXECUTE, DEALLOCATE.
  StatementOutput RunPrepare(const ParsedStatement& statement);
  StatementOutput RunExecute(const ParsedStatement& statement);
  // EXECUTE's prepared statement and its arguments evaluated as PostgreSQL's
  // EvaluateParams does (coerced to the parameter types); 26000 for an unknown
  // name, 42601 for a wrong argument count.
  std::shared_ptr<const PreparedStatement> PrepareExecute(const std::string& query,
                                                          const ast::ExecuteStatement& execute,
                                                          std::vector<Value>* values);
  StatementOutput RunDeallocate(const ParsedStatement& statement);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata::sql
