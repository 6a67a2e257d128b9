// Query-phase message handling (see statement_runner.h).
#include "server/statement_runner.h"

#include <exception>

#include "common/logging.h"

namespace strata::server {

namespace {

SqlErrorFields InternalError(const std::string& what) {
  SqlErrorFields f;
  f.sqlstate = SqlState::kInternalError;
  f.message = what;
  return f;
}

}  // namespace

StatementRunner::Outcome StatementRunner::Handle(const protocol::FrontendMessage& message,
                                                 std::string* out) {
  switch (message.type) {
    case 'Q':
      RunSimpleQuery(protocol::ParseQuery(message), out);
      return Outcome::kContinue;
    case 'X':
      return Outcome::kTerminate;
    case 'S':  // Sync: ends an extended-protocol cycle
      skipping_until_sync_ = false;
      AppendReadyForQuery(out);
      return Outcome::kContinue;
    case 'H':  // Flush: replies are already sent as soon as they are ready
      return Outcome::kContinue;
    case 'P':
    case 'B':
    case 'D':
    case 'E':
    case 'C':
      // Extended query protocol arrives with the tables issue. Say so once per
      // cycle, then discard until Sync as the protocol requires after an error.
      if (!skipping_until_sync_) {
        SqlErrorFields f;
        f.sqlstate = SqlState::kFeatureNotSupported;
        f.message = "extended query protocol is not supported yet";
        protocol::AppendErrorResponse(out, f);
        skipping_until_sync_ = true;
      }
      return Outcome::kContinue;
    default:
      throw protocol::ProtocolError{"invalid frontend message type " +
                                    std::to_string(static_cast<unsigned char>(message.type))};
  }
}

void StatementRunner::RunSimpleQuery(const std::string& query, std::string* out) {
  try {
    auto statements = sql_.Parse(query);
    if (statements.empty()) protocol::AppendEmptyQueryResponse(out);
    for (const auto& statement : statements) {
      sql::StatementResult result = sql_.Execute(*statement);
      if (result.returns_rows) {
        std::vector<protocol::FieldDescription> fields;
        fields.reserve(result.columns.size());
        for (const auto& c : result.columns) {
          protocol::FieldDescription f;
          f.name = c.name;
          f.type_oid = c.type_oid;
          f.type_size = c.type_size;
          f.type_modifier = c.type_modifier;
          fields.push_back(std::move(f));
        }
        protocol::AppendRowDescription(out, fields);
        for (const auto& row : result.rows) protocol::AppendDataRow(out, row);
      }
      protocol::AppendCommandComplete(out, result.command_tag);
    }
  } catch (const SqlError& e) {
    protocol::AppendErrorResponse(out, e.fields());
  } catch (const std::bad_alloc&) {
    SqlErrorFields f;
    f.sqlstate = SqlState::kOutOfMemory;
    f.message = "out of memory";
    protocol::AppendErrorResponse(out, f);
  } catch (const std::exception& e) {
    // A bug, not a user error: report it as PostgreSQL reports internal errors.
    STRATA_LOG_ERROR("internal error running query: {}", e.what());
    protocol::AppendErrorResponse(out, InternalError(e.what()));
  }
  AppendReadyForQuery(out);
}

void StatementRunner::AppendReadyForQuery(std::string* out) {
  for (const auto& [name, value] : sql_.TakeReportedParameterChanges()) {
    protocol::AppendParameterStatus(out, name, value);
  }
  protocol::AppendReadyForQuery(out, static_cast<char>(status_));
}

}  // namespace strata::server
