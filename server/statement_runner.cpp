// Query-phase message handling (see statement_runner.h).
#include "server/statement_runner.h"

#include "sql/types/datetime_context.h"

#include <exception>

#include "common/logging.h"
#include "protocol/copy_messages.h"

namespace strata::server {

namespace {

SqlErrorFields InternalError(const std::string& what) {
  SqlErrorFields f;
  f.sqlstate = SqlState::kInternalError;
  f.message = what;
  return f;
}

// The ErrorResponse for whatever a statement threw: our one catch site.
template <typename Body>
bool ReportErrors(std::string* out, Body body) {
  try {
    body();
    return true;
  } catch (const SqlError& e) {
    protocol::AppendErrorResponse(out, e.fields());
  } catch (const protocol::ProtocolError& e) {
    // A malformed body of a typed message: framing is intact, so PostgreSQL
    // reports an ERROR and keeps the connection.
    SqlErrorFields f;
    f.sqlstate = SqlState::kProtocolViolation;
    f.message = e.message;
    protocol::AppendErrorResponse(out, f);
  } catch (const std::bad_alloc&) {
    SqlErrorFields f;
    f.sqlstate = SqlState::kOutOfMemory;
    f.message = "out of memory";
    protocol::AppendErrorResponse(out, f);
  } catch (const std::exception& e) {
    // A bug, not a user error: report it as PostgreSQL reports internal errors.
    STRATA_LOG_ERROR("internal error running statement: {}", e.what());
    protocol::AppendErrorResponse(out, InternalError(e.what()));
  }
  return false;
}

}  // namespace

void StatementRunner::set_status(std::shared_ptr<sql::BackendStatus> status) {
  status_ = std::move(status);
  if (status_) status_->SetApplicationName(sql_.ShowParameter("application_name"));
}

StatementRunner::Outcome StatementRunner::Handle(const protocol::FrontendMessage& message,
                                                 std::string* out) {
  if (message.type == 'X') return Outcome::kTerminate;
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
      case 'E':
        // Outside a block, Executes up to Sync form one implicit transaction.
        sql_.BeginImplicitTransaction();
        extended_.Execute(protocol::ParseExecuteMessage(message), out);
        break;
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
      sql::StatementResult result = sql_.Execute(*statement);
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
      protocol::AppendCommandComplete(out, result.command_tag);
    }
  });
  if (!ok) {
    next_statement_ = statements_.size();
    sql_.AbortTransactionAfterError();
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
  AppendReadyForQuery(out);
}

void StatementRunner::AppendReadyForQuery(std::string* out) {
  for (const auto& [name, value] : sql_.TakeReportedParameterChanges()) {
    protocol::AppendParameterStatus(out, name, value);
    if (status_ && name == "application_name") status_->SetApplicationName(value);
  }
  const auto txn_status = static_cast<char>(sql_.transaction_status());
  if (status_) status_->SetIdle(txn_status, sql::CurrentTimestamp());
  protocol::AppendReadyForQuery(out, txn_status);
}

}  // namespace strata::server
