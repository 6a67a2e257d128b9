// SqlSession's prepared statements and portals: Prepare (Parse message,
// PREPARE), the named-statement table, CreatePortal/Fetch (Bind, Execute),
// and the SQL statements PREPARE, EXECUTE and DEALLOCATE (PostgreSQL's
// prepare.c and the parts of postgres.c that analyze a Parse message).
#include <algorithm>
#include <memory>
#include <string>

#include "sql/ast/cursor_statement.h"
#include "sql/ast/position.h"
#include "sql/ast/table_statements.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/table_commands.h"
#include "sql/parsed_statement.h"
#include "sql/parser/parser.h"
#include "sql/portal.h"
#include "sql/prepared_statement.h"
#include "sql/settings/execute_variable_set.h"
#include "sql/settings/session_settings.h"
#include "sql/sql_cursors.h"
#include "sql/sql_session.h"
#include "sql/sql_session_impl.h"
#include "sql/stack_depth.h"
#include "sql/statement_output.h"
#include "sql/types/datetime_context.h"

namespace strata::sql {

namespace {

// After analysis every parameter needs a type (exec_parse_message,
// PrepareQuery): 42P18, without a position.
void CheckParameterTypesDetermined(const std::vector<Oid>& types) {
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i] == type_oid::kInvalid || types[i] == type_oid::kUnknown) {
      throw SqlError(SqlState::kIndeterminateDatatype,
                     "could not determine data type of parameter $" + std::to_string(i + 1));
    }
  }
}

// Parameter types the client named must be types we can compute with.
void CheckGivenParameterTypes(const std::vector<Oid>& types) {
  for (Oid type : types) {
    if (type == type_oid::kInvalid || type == type_oid::kUnknown) continue;
    if (FindPgType(type) == nullptr) {
      throw SqlError(SqlState::kInternalError,
                     "cache lookup failed for type " + std::to_string(type));
    }
    if (!IsSupportedType(type)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "parameters of type " + FormatTypeName(type) + " are not supported yet");
    }
  }
}

// Table statements that bind against the catalog (DDL is not analyzed at
// Parse, as PostgreSQL leaves utility statements alone).
std::vector<Oid> AnalyzeTableStatementForPrepare(
    Database* db, std::shared_ptr<const catalog::CatalogSnapshot> catalog,
    const std::string& query, const ast::Statement& statement, std::vector<Oid> types,
    bool* returns_rows, std::vector<ResultColumn>* columns) {
  ParameterTypes params(ParameterTypes::Mode::kVariable, std::move(types));
  StatementOutput described =
      AnalyzeTableStatement(db, query, statement, &params, std::move(catalog));
  Binder(query, &params).CheckParameterResolution();
  *returns_rows = described.returns_rows;
  *columns = std::move(described.columns);
  return params.types();
}

// Parse analysis of one statement for preparing (parse_analyze_varparams):
// parameter types inferred, result columns as described before planning.
// `db` (may be null: no tables) is where table statements resolve names.
// `catalog`: the transaction block's own catalog after its DDL (or null).
std::shared_ptr<const PreparedStatement> AnalyzeForPrepare(
    const SqlSession& session, Database* db,
    const std::shared_ptr<const catalog::CatalogSnapshot>& catalog,
    std::shared_ptr<const std::string> query, std::shared_ptr<const ast::Statement> statement,
    std::vector<Oid> types) {
  CheckGivenParameterTypes(types);
  bool returns_rows = false;
  std::vector<ResultColumn> columns;
  switch (statement->kind) {
    case ast::StatementKind::kSelect: {
      if (!ast::IsConstantSelect(static_cast<const ast::SelectStatement&>(*statement)) ||
          SelectNeedsTableQuery(static_cast<const ast::SelectStatement&>(*statement))) {
        types = AnalyzeTableStatementForPrepare(db, catalog, *query, *statement, std::move(types),
                                                &returns_rows, &columns);
        break;
      }
      ParameterTypes params(ParameterTypes::Mode::kVariable, std::move(types));
      Binder binder(*query, &params);
      const BoundSelect bound =
          binder.BindSelect(static_cast<const ast::SelectStatement&>(*statement));
      binder.CheckParameterResolution();
      types = params.types();
      returns_rows = true;
      for (const OutputColumn& c : bound.columns) columns.push_back(MakeResultColumn(c.name, c.type));
      break;
    }
    case ast::StatementKind::kExecute: {
      // Described as the statement it runs, if that exists now.
      const auto& execute = static_cast<const ast::ExecuteStatement&>(*statement);
      if (auto target = session.FindPreparedStatement(execute.name)) {
        returns_rows = target->returns_rows();
        columns = target->columns();
      }
      break;
    }
    case ast::StatementKind::kPrepare:
    case ast::StatementKind::kDeallocate:
    case ast::StatementKind::kVariableSet:
    case ast::StatementKind::kTransaction:
    case ast::StatementKind::kDeclareCursor:
    case ast::StatementKind::kCloseCursor:
      break;
    case ast::StatementKind::kFetch: {
      // Described as the cursor's rows, if it is open now (as EXECUTE).
      const auto& fetch = static_cast<const ast::FetchStatement&>(*statement);
      const SqlCursors* cursors = CurrentSqlCursorsOrNull();
      if (cursors != nullptr && !fetch.is_move) {
        auto it = cursors->cursors().find(fetch.cursor);
        if (it != cursors->cursors().end()) {
          returns_rows = true;
          columns = it->second.output.columns;
        }
      }
      break;
    }
    case ast::StatementKind::kVariableShow: {
      // SHOW has no side effects: its columns are those of running it now.
      StatementResult shown = ExecuteVariableShow(
          CurrentSessionSettings(), static_cast<const ast::VariableShowStatement&>(*statement));
      returns_rows = true;
      columns = std::move(shown.columns);
      break;
    }
    case ast::StatementKind::kCreateTable:
    case ast::StatementKind::kDropTable:
    case ast::StatementKind::kTruncate:
    case ast::StatementKind::kCreateSchema:
    case ast::StatementKind::kRenameSchema:
    case ast::StatementKind::kDropSchema:
    case ast::StatementKind::kCreateSequence:
    case ast::StatementKind::kAlterSequence:
    case ast::StatementKind::kDropSequence:
    case ast::StatementKind::kAlterTable:
    case ast::StatementKind::kCreateTableAs:
    case ast::StatementKind::kCreateView:
    case ast::StatementKind::kDropView:
    case ast::StatementKind::kCreateFunction:
    case ast::StatementKind::kDropFunction:
    case ast::StatementKind::kAlterFunction:
    case ast::StatementKind::kAlterOwner:
    case ast::StatementKind::kComment:
    case ast::StatementKind::kRoleDdl:
    case ast::StatementKind::kDatabaseDdl:
    case ast::StatementKind::kTypeDdl:
    case ast::StatementKind::kTriggerDdl:
    case ast::StatementKind::kOperatorDdl:
    case ast::StatementKind::kVacuum:
    case ast::StatementKind::kLock:
    case ast::StatementKind::kIndexDdl:
      break;
    case ast::StatementKind::kExplain:
      returns_rows = true;
      columns.push_back(MakeResultColumn("QUERY PLAN", DataType{type_oid::kText}));
      break;
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete:
    case ast::StatementKind::kMerge:
      types = AnalyzeTableStatementForPrepare(db, catalog, *query, *statement, std::move(types),
                                              &returns_rows, &columns);
      break;
    case ast::StatementKind::kCopy:
      throw SqlError(SqlState::kFeatureNotSupported,
                     "COPY is not supported in the extended query protocol yet");
    case ast::StatementKind::kUnsupported:
      // PostgreSQL would analyze (or accept) it here; we cannot, so say so now.
      throw SqlError(static_cast<const ast::UnsupportedStatement&>(*statement).error);
  }
  CheckParameterTypesDetermined(types);
  // ParameterDescription and Bind count parameters in an Int16.
  if (types.size() > 65535) {
    throw SqlError(SqlState::kProgramLimitExceeded,
                   "prepared statements support at most 65535 parameters");
  }
  return std::make_shared<const PreparedStatement>(std::move(query), std::move(statement),
                                                   std::move(types), returns_rows,
                                                   std::move(columns));
}

// A table statement binds again when it runs; if DDL since Parse changed
// its result columns, the client's Describe no longer matches the rows, which
// PostgreSQL refuses (RevalidateCachedQuery) with this error.
void CheckResultTypeUnchanged(const PreparedStatement& prepared, const StatementOutput& output) {
  const ast::StatementKind kind = prepared.statement().kind;
  if (kind == ast::StatementKind::kExecute || kind == ast::StatementKind::kFetch) return;
  bool same = output.returns_rows == prepared.returns_rows() &&
              output.columns.size() == prepared.columns().size();
  for (size_t i = 0; same && i < output.columns.size(); ++i) {
    same = output.columns[i].type_oid == prepared.columns()[i].type_oid &&
           output.columns[i].type_modifier == prepared.columns()[i].type_modifier;
  }
  if (!same) {
    throw SqlError(SqlState::kFeatureNotSupported, "cached plan must not change result type");
  }
}

// One more execution of `prepared` if it is a named statement
// (pg_prepared_statements.custom_plans).
void CountExecution(const PreparedStatementMap& statements, const PreparedStatement& prepared) {
  for (const auto& [name, entry] : statements) {
    if (entry.statement.get() == &prepared) ++*entry.custom_plans;
  }
}

}  // namespace

std::shared_ptr<const PreparedStatement> SqlSession::Prepare(std::string_view query,
                                                             const std::vector<Oid>& types) {
  StackDepthBase stack_base;
  // Constants are bound (and date/time literals read) with the session's settings.
  ScopedDatetimeContext datetime_scope(&impl_->settings.datetime());
  ScopedSessionSettings settings_scope(&impl_->settings);
  ScopedTempNamespace temp_scope(&impl_->temp_namespace);
  ScopedSqlCursors cursors_scope(&impl_->cursors);
  auto shared_query = std::make_shared<const std::string>(query);
  auto statements = ParseQuery(*shared_query);
  if (statements.size() > 1) {
    throw SqlError(SqlState::kSyntaxError,
                   "cannot insert multiple commands into a prepared statement");
  }
  if (statements.empty()) {
    // PostgreSQL checks parameter types only when there is a statement.
    return std::make_shared<const PreparedStatement>(std::move(shared_query), nullptr, types,
                                                     false, std::vector<ResultColumn>{});
  }
  std::shared_ptr<const ast::Statement> statement = std::move(statements.front());
  impl_->block->CheckNotFailed(*statement);
  return AnalyzeForPrepare(*this, impl_->db, impl_->block->private_catalog(),
                           std::move(shared_query), std::move(statement), types);
}

void SqlSession::StorePreparedStatement(const std::string& name,
                                        std::shared_ptr<const PreparedStatement> statement,
                                        bool from_sql) {
  NamedPreparedStatement entry;
  entry.statement = std::move(statement);
  entry.from_sql = from_sql;
  entry.prepare_time = CurrentTimestamp();
  auto [it, inserted] = impl_->prepared_statements.try_emplace(name, std::move(entry));
  if (!inserted) {
    throw SqlError(SqlState::kDuplicatePstatement,
                   "prepared statement \"" + name + "\" already exists");
  }
}

std::shared_ptr<const PreparedStatement> SqlSession::FindPreparedStatement(
    const std::string& name) const {
  auto it = impl_->prepared_statements.find(name);
  return it == impl_->prepared_statements.end() ? nullptr : it->second.statement;
}

bool SqlSession::DropPreparedStatement(const std::string& name) {
  return impl_->prepared_statements.erase(name) > 0;
}

std::unique_ptr<Portal> SqlSession::CreatePortal(std::string portal_name,
                                                 std::shared_ptr<const PreparedStatement> statement,
                                                 std::vector<Value> params) {
  // Each Bind starts a statement for now() and statement_timestamp() (an
  // approximation of PostgreSQL, which also restarts the clock at Execute).
  const int64_t now = CurrentTimestamp();
  if (!impl_->block->explicit_block()) impl_->settings.mutable_datetime().transaction_start = now;
  impl_->settings.mutable_datetime().statement_start = now;
  if (!statement->empty()) impl_->block->CheckNotFailed(statement->statement());
  auto portal =
      std::make_unique<Portal>(std::move(portal_name), std::move(statement), std::move(params));
  const PreparedStatement& prepared = portal->statement();
  // A SELECT without FROM is folded here, as PostgreSQL's planner folds
  // constants at Bind; a SELECT over a table runs (in its own transaction)
  // at the first Execute, like every other table statement.
  if (!prepared.empty() && prepared.statement().kind == ast::StatementKind::kSelect &&
      ast::IsConstantSelect(static_cast<const ast::SelectStatement&>(prepared.statement())) &&
      !SelectNeedsTableQuery(static_cast<const ast::SelectStatement&>(prepared.statement()))) {
    const ParsedStatementImpl parsed(prepared.query_ptr(), prepared.statement_ptr());
    CountExecution(impl_->prepared_statements, prepared);
    portal->output_ = Run(parsed, prepared.parameter_types(), portal->params_);
  }
  return portal;
}

PortalFetch SqlSession::Fetch(Portal& portal, int64_t max_rows) {
  PortalFetch fetch;
  const PreparedStatement& prepared = portal.statement();
  if (prepared.empty()) {
    fetch.empty_query = true;
    return fetch;
  }
  // A failed block runs nothing but its way out (even a portal that already
  // has rows).
  impl_->block->CheckNotFailed(prepared.statement());
  if (portal.finished_) {
    // PortalRun on a portal already run to completion (not a SELECT).
    throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                   "portal \"" + portal.name() + "\" cannot be run");
  }
  if (!portal.output_) {
    const ParsedStatementImpl parsed(prepared.query_ptr(), prepared.statement_ptr());
    CountExecution(impl_->prepared_statements, prepared);
    portal.output_ = Run(parsed, prepared.parameter_types(), portal.params_);
    CheckResultTypeUnchanged(prepared, *portal.output_);
    fetch.notices = std::move(portal.output_->notices);
  }
  StatementOutput& output = *portal.output_;
  if (!output.returns_rows) {
    portal.finished_ = true;
    fetch.command_tag = output.command_tag;
    return fetch;
  }
  const size_t available = output.rows.size() - portal.next_row_;
  const size_t n =
      max_rows > 0 ? std::min(available, static_cast<size_t>(max_rows)) : available;
  fetch.rows.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    fetch.rows.push_back(std::move(output.rows[portal.next_row_ + i]));
  }
  portal.next_row_ += n;
  // A fetch that fills its limit exactly is suspended even if nothing is
  // left; the next one then completes with zero rows (as PostgreSQL does).
  fetch.completed = max_rows <= 0 || n < static_cast<size_t>(max_rows);
  // The tag counts the rows of this fetch: "SELECT 2".
  const std::string& tag = output.command_tag;
  fetch.command_tag = tag.substr(0, tag.rfind(' ') + 1) + std::to_string(n);
  return fetch;
}

StatementOutput SqlSession::RunPrepare(const ParsedStatement& statement) {
  const auto& parsed = static_cast<const ParsedStatementImpl&>(statement);
  const auto& prepare = static_cast<const ast::PrepareStatement&>(parsed.statement());
  std::vector<Oid> types;
  Binder binder(parsed.query());
  for (const ast::TypeName& t : prepare.parameter_types) {
    types.push_back(binder.BindTypeName(t).oid);
  }
  // The prepared statement keeps the PREPARE's tree alive through `inner`.
  std::shared_ptr<const ast::Statement> inner(parsed.statement_ptr(), prepare.query.get());
  auto prepared = AnalyzeForPrepare(*this, impl_->db, impl_->block->private_catalog(),
                                    parsed.query_ptr(), std::move(inner), std::move(types));
  StorePreparedStatement(prepare.name, std::move(prepared), /*from_sql=*/true);
  StatementOutput output;
  output.command_tag = "PREPARE";
  return output;
}

std::shared_ptr<const PreparedStatement> SqlSession::PrepareExecute(
    const std::string& query, const ast::ExecuteStatement& execute, std::vector<Value>* values) {
  std::shared_ptr<const PreparedStatement> prepared = FindPreparedStatement(execute.name);
  if (prepared == nullptr) {
    throw SqlError(SqlState::kInvalidSqlStatementName,
                   "prepared statement \"" + execute.name + "\" does not exist");
  }
  const std::vector<Oid>& types = prepared->parameter_types();
  if (execute.arguments.size() != types.size()) {
    throw SqlError(SqlState::kSyntaxError,
                   "wrong number of parameters for prepared statement \"" + execute.name + "\"")
        .WithDetail("Expected " + std::to_string(types.size()) + " parameters but got " +
                    std::to_string(execute.arguments.size()) + ".");
  }
  // EvaluateParams(): bind and coerce every argument (assignment rules), then
  // evaluate them all.
  Binder binder(query);
  std::vector<BoundExprPtr> arguments;
  for (size_t i = 0; i < types.size(); ++i) {
    BoundExprPtr arg = binder.BindStandaloneExpr(*execute.arguments[i]);
    const Oid given = arg->type().oid;
    const int location = arg->location();
    BoundExprPtr coerced = binder.CoerceForAssignment(std::move(arg), DataType{types[i], -1});
    if (coerced == nullptr) {
      SqlError error(SqlState::kDatatypeMismatch,
                     "parameter $" + std::to_string(i + 1) + " of type " + FormatTypeName(given) +
                         " cannot be coerced to the expected type " + FormatTypeName(types[i]));
      error.WithHint("You will need to rewrite or cast the expression.");
      if (location >= 0) error.WithPosition(ast::CharPosition(query, location));
      throw error;
    }
    arguments.push_back(std::move(coerced));
  }
  EvalContext ctx;
  for (const BoundExprPtr& arg : arguments) values->push_back(arg->Evaluate(ctx));
  return prepared;
}

StatementOutput SqlSession::RunExecute(const ParsedStatement& statement) {
  const auto& parsed = static_cast<const ParsedStatementImpl&>(statement);
  const auto& execute = static_cast<const ast::ExecuteStatement&>(parsed.statement());
  std::vector<Value> values;
  std::shared_ptr<const PreparedStatement> prepared =
      PrepareExecute(parsed.query(), execute, &values);
  std::unique_ptr<Portal> portal = CreatePortal("", prepared, std::move(values));
  PortalFetch fetch = Fetch(*portal, 0);
  StatementOutput output;
  // Described as the prepared statement is (before folding), as PostgreSQL
  // describes EXECUTE.
  output.returns_rows = prepared->returns_rows();
  output.columns = prepared->columns();
  output.rows = std::move(fetch.rows);
  output.command_tag = std::move(fetch.command_tag);
  output.notices = std::move(fetch.notices);
  return output;
}

StatementOutput SqlSession::RunDeallocate(const ParsedStatement& statement) {
  const auto& parsed = static_cast<const ParsedStatementImpl&>(statement);
  const auto& deallocate = static_cast<const ast::DeallocateStatement&>(parsed.statement());
  if (deallocate.all) {
    impl_->prepared_statements.clear();
  } else if (!DropPreparedStatement(deallocate.name)) {
    throw SqlError(SqlState::kInvalidSqlStatementName,
                   "prepared statement \"" + deallocate.name + "\" does not exist");
  }
  StatementOutput output;
  output.command_tag = deallocate.all ? "DEALLOCATE ALL" : "DEALLOCATE";
  return output;
}

}  // namespace strata::sql
