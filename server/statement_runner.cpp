// Query-phase message handling (see statement_runner.h).
#include "server/statement_runner.h"

#include "sql/types/datetime_context.h"

#include <chrono>
#include <exception>

#include "common/logging.h"
#include "protocol/copy_messages.h"
#include "server/server_metrics.h"
#include "sql/function_notices.h"
#include "sql/stat_statements.h"

namespace strata::server {

namespace {

SqlErrorFields InternalError(const std::string& what) {
  SqlErrorFields f;
  f.sqlstate = SqlState::kInternalError;
  f.message = what;
  return f;
}

// The runner whose message this thread handles (for the error log line).
thread_local StatementRunner* t_runner = nullptr;

void Reply(std::string* out, const SqlErrorFields& f) {
  protocol::AppendErrorResponse(out, f);
  if (t_runner != nullptr) t_runner->LogError(f);
}

// The ErrorResponse for whatever a statement threw: our one catch site.
template <typename Body>
bool ReportErrors(std::string* out, Body body) {
  try {
    body();
    return true;
  } catch (const SqlError& e) {
    for (const SqlErrorFields& notice : sql::TakeNoticesOfFailedStatement()) {
      protocol::AppendNoticeResponse(out, notice);
    }
    Reply(out, e.fields());
  } catch (const protocol::ProtocolError& e) {
    // A malformed body of a typed message: framing is intact, so PostgreSQL
    // reports an ERROR and keeps the connection.
    SqlErrorFields f;
    f.sqlstate = SqlState::kProtocolViolation;
    f.message = e.message;
    Reply(out, f);
  } catch (const std::bad_alloc&) {
    SqlErrorFields f;
    f.sqlstate = SqlState::kOutOfMemory;
    f.message = "out of memory";
    Reply(out, f);
  } catch (const std::exception& e) {
    // A bug, not a user error: report it as PostgreSQL reports internal errors.
    Reply(out, InternalError(e.what()));
  }
  return false;
}

class ScopedRunner {
 public:
  explicit ScopedRunner(StatementRunner* runner) : previous_(t_runner) { t_runner = runner; }
  ~ScopedRunner() { t_runner = previous_; }
  ScopedRunner(const ScopedRunner&) = delete;
  ScopedRunner& operator=(const ScopedRunner&) = delete;

 private:
  StatementRunner* previous_;
};

}  // namespace

void StatementRunner::set_status(std::shared_ptr<sql::BackendStatus> status) {
  status_ = std::move(status);
  if (status_) status_->SetApplicationName(sql_.ShowParameter("application_name"));
}

StatementRunner::Outcome StatementRunner::Handle(const protocol::FrontendMessage& message,
                                                 std::string* out) {
  if (message.type == 'X') return Outcome::kTerminate;
  ScopedRunner runner_scope(this);
  // A reloaded configuration (SIGHUP) reaches the session between
  // transactions, as in PostgreSQL.
  if (!sql_.in_transaction_block() && !sql_.copy_in_active()) sql_.RefreshConfig();
  if (sql_.copy_in_active()) {
    HandleCopyIn(message, out);
    return Outcome::kContinue;
  }
  // Parameters, rows and errors are read and written with the session's
  // DateStyle, TimeZone, ... for the whole message.
  sql::SqlSession::SettingsScope settings_scope(sql_);
  sql::ScopedBackendStatus status_scope(status_.get());
  if (message.type == 'S') {
    // Sync ends the extended-protocol cycle and its implicit transaction.
    // A malformed Sync is an error, yet still ends the cycle (PostgreSQL
    // leaves extended mode on reading a Sync, so no skipping starts).
    skipping_until_sync_ = false;
    // The Executes since the last Sync share an implicit transaction that
    // commits here (its failure is reported before ReadyForQuery). Inside an
    // explicit block (BEGIN) Sync commits nothing and portals stay.
    if (!ReportErrors(out, [&] { sql_.EndImplicitTransaction(); })) {
      sql_.AbortTransactionAfterError();
    }
    if (!sql_.in_transaction_block()) extended_.EndTransaction();
    ReportErrors(out, [&] { protocol::ParseSyncMessage(message); });
    AppendReadyForQuery(out);
    return Outcome::kContinue;
  }
  switch (message.type) {
    case 'Q':
    case 'P':
    case 'B':
    case 'D':
    case 'E':
    case 'C':
    case 'H':
      break;
    case 'd':
    case 'c':
    case 'f':
      // Outside COPY these are ignored, per the protocol: a COPY FROM STDIN
      // failed and the client is still sending its data.
      return Outcome::kContinue;
    default:
      throw protocol::ProtocolError{"invalid frontend message type " +
                                    std::to_string(static_cast<unsigned char>(message.type))};
  }
  // After an error in the extended protocol, everything but Sync is ignored.
  if (skipping_until_sync_) return Outcome::kContinue;
  if (message.type == 'Q') {
    std::string query = protocol::ParseQuery(message);
    if (status_) status_->StartQuery(query, sql::CurrentTimestamp());
    statement_log_.Start(sql_, query);
    query_start_ = std::chrono::steady_clock::now();
    query_failed_ = false;
    query_text_ = query;
    query_rows_ = 0;
    RunSimpleQuery(query, out);
  } else {
    RunExtended(message, out);
  }
  return Outcome::kContinue;
}

void StatementRunner::RunExtended(const protocol::FrontendMessage& message, std::string* out) {
  const bool ok = ReportErrors(out, [&] {
    switch (message.type) {
      case 'P': {
        auto parse = protocol::ParseParseMessage(message);
        if (status_) status_->StartQuery(parse.query, sql::CurrentTimestamp());
        extended_.Parse(std::move(parse), out);
        break;
      }
      case 'B':
        extended_.Bind(protocol::ParseBindMessage(message), out);
        break;
      case 'D':
        extended_.Describe(protocol::ParseDescribeMessage(message), out);
        break;
      case 'E': {
        // Outside a block, Executes up to Sync form one implicit transaction.
        sql_.BeginImplicitTransaction();
        auto execute = protocol::ParseExecuteMessage(message);
        statement_log_.Start(
            sql_, extended_.PortalQuery(execute.portal_name),
            "execute " + (execute.portal_name.empty() ? std::string("<unnamed>")
                                                      : execute.portal_name));
        query_start_ = std::chrono::steady_clock::now();
        query_failed_ = false;
        extended_.Execute(execute, out);
        break;
      }
      case 'C':
        extended_.Close(protocol::ParseCloseMessage(message), out);
        break;
      case 'H':
        // Flush: the session writes the replies of every batch of messages
        // it handles at the batch's end, so there is nothing held back.
        protocol::ParseFlushMessage(message);
        break;
    }
  });
  if (message.type == 'E') {
    statement_log_.Finish(sql_);
    Metrics().RecordStatement(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - query_start_).count(),
        !ok);
  }
  if (!ok) {
    skipping_until_sync_ = true;
    sql_.AbortTransactionAfterError();
  }
}

void StatementRunner::RunSimpleQuery(const std::string& query, std::string* out) {
  extended_.DropUnnamedStatement();
  statements_.clear();
  next_statement_ = 0;
  const bool ok = ReportErrors(out, [&] {
    statements_ = sql_.Parse(query);
    if (statements_.empty()) protocol::AppendEmptyQueryResponse(out);
  });
  if (ok) {
    RunStatements(out);
    if (sql_.copy_in_active()) return;  // the Query goes on after CopyDone
  } else {
    sql_.AbortTransactionAfterError();
  }
  FinishSimpleQuery(out);
}

void StatementRunner::RunStatements(std::string* out) {
  const bool ok = ReportErrors(out, [&] {
    while (next_statement_ < statements_.size()) {
      const auto& statement = statements_[next_statement_++];
      // Several statements in one Query share an implicit transaction
      // (PostgreSQL's implicit transaction block), restarted after a COMMIT.
      if (statements_.size() > 1) sql_.BeginImplicitTransaction();
      const bool in_block_before = sql_.in_transaction_block();
      sql::StatementResult result = sql_.Execute(*statement);
      CountStatement(result.command_tag, in_block_before);
      // A query's notices are raised while it runs: PostgreSQL has sent its
      // RowDescription by then.
      if (!result.returns_rows) {
        for (const auto& notice : result.notices) protocol::AppendNoticeResponse(out, notice);
      }
      if (result.copy_mode == sql::CopyMode::kIn) {
        protocol::AppendCopyInResponse(out, protocol::CopyFormat::kText, result.copy_columns);
        return;
      }
      if (result.copy_mode == sql::CopyMode::kOut) {
        protocol::AppendCopyOutResponse(out, protocol::CopyFormat::kText, result.copy_columns);
        for (const std::string& line : result.copy_data) protocol::AppendCopyData(out, line);
        protocol::AppendCopyDone(out);
      }
      if (result.returns_rows) {
        std::vector<protocol::FieldDescription> fields;
        fields.reserve(result.columns.size());
        for (const auto& c : result.columns) {
          protocol::FieldDescription f;
          f.name = c.name;
          f.type_oid = c.type_oid;
          f.type_size = c.type_size;
          f.type_modifier = c.type_modifier;
          f.table_oid = c.table_oid;
          f.column_attnum = c.column_attnum;
          fields.push_back(std::move(f));
        }
        protocol::AppendRowDescription(out, fields);
        for (const auto& notice : result.notices) protocol::AppendNoticeResponse(out, notice);
        for (const auto& row : result.rows) protocol::AppendDataRow(out, row);
      }
      if (next_statement_ == statements_.size() && statements_.size() > 1) {
        // PostgreSQL commits a Query's implicit transaction before the last
        // statement's CommandComplete (exec_simple_query), so a commit that
        // fails (a deferred constraint) is answered instead of it.
        sql_.EndImplicitTransaction();
      }
      protocol::AppendCommandComplete(out, result.command_tag);
    }
  });
  if (!ok) {
    next_statement_ = statements_.size();
    // A failed statement outside a block is a rolled-back transaction; in a
    // block, its ROLLBACK counts.
    if (!sql_.in_transaction_block()) Metrics().xact_rollback.fetch_add(1);
    query_failed_ = true;
    sql_.AbortTransactionAfterError();
  }
}

void StatementRunner::CountStatement(const std::string& tag, bool in_block_before) {
  // The rows a tag reports ("SELECT 5", "INSERT 0 5"), for pg_stat_statements.
  const size_t space = tag.rfind(' ');
  if (space != std::string::npos) {
    uint64_t n = 0;
    bool digits = space + 1 < tag.size();
    for (size_t i = space + 1; i < tag.size(); ++i) {
      if (tag[i] < '0' || tag[i] > '9') digits = false;
      else n = n * 10 + static_cast<uint64_t>(tag[i] - '0');
    }
    if (digits) query_rows_ += n;
  }
  ServerMetrics& m = Metrics();
  m.RecordCommandTag(tag);
  if (tag == "COMMIT") {
    m.xact_commit.fetch_add(1, std::memory_order_relaxed);
  } else if (tag == "ROLLBACK") {
    m.xact_rollback.fetch_add(1, std::memory_order_relaxed);
  } else if (!in_block_before && !sql_.in_transaction_block()) {
    m.xact_commit.fetch_add(1, std::memory_order_relaxed);
  }
}

void StatementRunner::HandleCopyIn(const protocol::FrontendMessage& message, std::string* out) {
  sql::SqlSession::SettingsScope settings_scope(sql_);
  // Anything but CopyData/CopyDone/CopyFail/Flush/Sync breaks the protocol:
  // ProtocolError closes the connection, as PostgreSQL does.
  const protocol::CopyInAction action = protocol::ClassifyCopyInMessage(message.type);
  if (action == protocol::CopyInAction::kIgnore) return;
  const bool ok = ReportErrors(out, [&] {
    switch (action) {
      case protocol::CopyInAction::kData:
        sql_.CopyInData(protocol::ParseCopyData(message));
        return;
      case protocol::CopyInAction::kFail:
        sql_.CopyInFail(protocol::ParseCopyFail(message));
        return;
      case protocol::CopyInAction::kDone: {
        protocol::ParseCopyDone(message);
        sql::StatementResult result = sql_.CopyInDone();
        for (const auto& notice : result.notices) protocol::AppendNoticeResponse(out, notice);
        protocol::AppendCommandComplete(out, result.command_tag);
        return;
      }
      case protocol::CopyInAction::kIgnore:
        return;
    }
  });
  if (!ok) {
    // The COPY is over; the rest of the Query string does not run.
    sql_.AbortTransactionAfterError();
    FinishSimpleQuery(out);
    return;
  }
  if (action == protocol::CopyInAction::kDone) {
    RunStatements(out);
    if (!sql_.copy_in_active()) FinishSimpleQuery(out);
  }
}

void StatementRunner::FinishSimpleQuery(std::string* out) {
  statements_.clear();
  next_statement_ = 0;
  // The simple Query's implicit transaction ends here (a failed commit is
  // this Query's error); portals go unless a block is open.
  if (!ReportErrors(out, [&] { sql_.EndImplicitTransaction(); })) {
    sql_.AbortTransactionAfterError();
  }
  if (!sql_.in_transaction_block()) extended_.EndTransaction();
  statement_log_.Finish(sql_);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - query_start_).count();
  Metrics().RecordStatement(seconds, query_failed_);
  if (!query_failed_ && !query_text_.empty()) {
    sql::RecordStatStatement(query_text_, seconds * 1000, query_rows_);
  }
  query_text_.clear();
  AppendReadyForQuery(out);
}

StatementRunner::IdleTimeout StatementRunner::CurrentIdleTimeout() const {
  IdleTimeout t;
  t.in_transaction = sql_.transaction_status() != txn::TransactionStatus::kIdle;
  t.ms = sql_.IntParameter(t.in_transaction ? "idle_in_transaction_session_timeout"
                                            : "idle_session_timeout");
  return t;
}

void StatementRunner::AppendReadyForQuery(std::string* out) {
  for (const auto& [name, value] : sql_.TakeReportedParameterChanges()) {
    protocol::AppendParameterStatus(out, name, value);
    if (status_ && name == "application_name") status_->SetApplicationName(value);
    if (log_session_ != nullptr && name == "application_name") {
      log_session_->application_name = value;
    }
  }
  const auto txn_status = static_cast<char>(sql_.transaction_status());
  if (status_) status_->SetIdle(txn_status, sql::CurrentTimestamp());
  protocol::AppendReadyForQuery(out, txn_status);
}

}  // namespace strata::server
