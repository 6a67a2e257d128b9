// SqlSession: parse a query string into statements, then bind and execute
// them one at a time (see sql_session.h for the contract).
#include "sql/sql_session.h"

#include <memory>
#include <string>

#include "catalog/builtin_types.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/executor/execute_select.h"
#include "sql/parser/parser.h"
#include "sql/settings/execute_variable_set.h"
#include "sql/settings/session_settings.h"
#include "sql/stack_depth.h"
#include "sql/types/datetime_context.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

// One statement plus the query string it came from (for error positions).
class ParsedStatementImpl final : public ParsedStatement {
 public:
  ParsedStatementImpl(std::shared_ptr<const std::string> query,
                      std::unique_ptr<ast::Statement> statement)
      : query_(std::move(query)), statement_(std::move(statement)) {}

  const std::string& query() const { return *query_; }
  const ast::Statement& statement() const { return *statement_; }

 private:
  std::shared_ptr<const std::string> query_;
  std::unique_ptr<ast::Statement> statement_;
};

StatementResult ExecuteSelectStatement(const std::string& query,
                                       const ast::SelectStatement& select) {
  Binder binder(query);
  const BoundSelect bound = binder.BindSelect(select);
  SelectResult selected = ExecuteSelect(bound);

  StatementResult result;
  result.returns_rows = true;
  for (size_t c = 0; c < bound.columns.size(); ++c) {
    const DataType& type = selected.column_types[c];
    ResultColumn out;
    out.name = bound.columns[c].name;
    out.type_oid = type.oid;
    const catalog::BuiltinType* info = catalog::FindBuiltinType(type.oid);
    out.type_size = info != nullptr ? info->length : -1;
    out.type_modifier = type.typmod;
    result.columns.push_back(std::move(out));
  }
  result.rows.reserve(selected.rows.size());
  for (const Row& row : selected.rows) {
    std::vector<std::optional<std::string>> text_row;
    text_row.reserve(row.size());
    for (const Value& v : row) {
      if (v.is_null()) {
        text_row.emplace_back(std::nullopt);
      } else {
        text_row.emplace_back(OutputValue(v));
      }
    }
    result.rows.push_back(std::move(text_row));
  }
  result.command_tag = "SELECT " + std::to_string(result.rows.size());
  return result;
}

}  // namespace

struct SqlSession::Impl {
  SessionSettings settings;
};

SqlSession::SqlSession() : impl_(std::make_unique<Impl>()) {}
SqlSession::~SqlSession() = default;

std::vector<std::unique_ptr<ParsedStatement>> SqlSession::Parse(std::string_view query) {
  StackDepthBase stack_base;
  // One query string is one implicit transaction and one statement start
  // time (now() and statement_timestamp() agree for all its statements).
  const int64_t now = CurrentTimestamp();
  impl_->settings.mutable_datetime().transaction_start = now;
  impl_->settings.mutable_datetime().statement_start = now;
  auto shared_query = std::make_shared<const std::string>(query);
  std::vector<std::unique_ptr<ParsedStatement>> parsed;
  for (auto& statement : ParseQuery(*shared_query)) {
    parsed.push_back(std::make_unique<ParsedStatementImpl>(shared_query, std::move(statement)));
  }
  return parsed;
}

StatementResult SqlSession::Execute(const ParsedStatement& statement) {
  StackDepthBase stack_base;
  const auto& parsed = static_cast<const ParsedStatementImpl&>(statement);
  const ast::Statement& stmt = parsed.statement();
  // Date/time input, output and functions read the session's settings.
  ScopedDatetimeContext datetime_scope(&impl_->settings.datetime());
  ScopedSessionSettings settings_scope(&impl_->settings);
  switch (stmt.kind) {
    case ast::StatementKind::kVariableSet:
      return ExecuteVariableSet(impl_->settings,
                                static_cast<const ast::VariableSetStatement&>(stmt));
    case ast::StatementKind::kVariableShow:
      return ExecuteVariableShow(impl_->settings,
                                 static_cast<const ast::VariableShowStatement&>(stmt));
    case ast::StatementKind::kSelect:
      return ExecuteSelectStatement(parsed.query(), static_cast<const ast::SelectStatement&>(stmt));
    case ast::StatementKind::kUnsupported:
      throw SqlError(static_cast<const ast::UnsupportedStatement&>(stmt).error);
  }
  throw SqlError(SqlState::kInternalError, "unrecognized statement kind");
}

void SqlSession::InitParameter(std::string_view name, const std::string& value) {
  impl_->settings.InitValue(name, value);
}

std::string SqlSession::ShowParameter(std::string_view name) const {
  return impl_->settings.Show(name);
}

std::vector<std::pair<std::string, std::string>> SqlSession::TakeReportedParameterChanges() {
  return impl_->settings.TakeReportedChanges();
}

}  // namespace strata::sql
