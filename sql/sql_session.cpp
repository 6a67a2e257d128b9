// SqlSession: parse a query string into statements, then bind and execute
// them one at a time (see sql_session.h for the contract). Prepared
// statements and portals: sql_session_prepared.cpp.
#include "sql/sql_session.h"

#include <memory>
#include <string>

#include "catalog/builtin_types.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/commands/copy_from.h"
#include "sql/commands/maintenance_commands.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_rows.h"
#include "sql/database.h"
#include "sql/executor/execute_select.h"
#include "sql/parsed_statement.h"
#include "sql/parser/parser.h"
#include "sql/sql_session_impl.h"
#include "sql/stack_depth.h"
#include "sql/statement_output.h"
#include "sql/settings/execute_variable_set.h"
#include "sql/settings/session_settings.h"
#include "sql/types/datetime_context.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

StatementOutput ExecuteSelectStatement(const std::string& query,
                                       const ast::SelectStatement& select,
                                       const std::vector<Oid>& param_types,
                                       const std::vector<Value>& params) {
  ParameterTypes types(ParameterTypes::Mode::kFixed, param_types);
  Binder binder(query, &types);
  const BoundSelect bound = binder.BindSelect(select);
  SelectResult selected = ExecuteSelect(bound, &params);

  StatementOutput result;
  result.returns_rows = true;
  for (size_t c = 0; c < bound.columns.size(); ++c) {
    result.columns.push_back(MakeResultColumn(bound.columns[c].name, selected.column_types[c]));
  }
  result.rows = std::move(selected.rows);
  result.command_tag = "SELECT " + std::to_string(result.rows.size());
  return result;
}

// Runs one table statement in its own transaction: commit on success,
// rollback on any error. DDL holds the catalog's DDL mutex throughout and
// reloads the catalog cache after its commit (or rollback).
// Thrown inside RunOnce when a commit lost a primary-key race and the
// statement asked to be retried in that case.
struct RetryStatement {};

// The $n parameters a table statement runs with (both null: none).
struct StatementParams {
  ParameterTypes* types = nullptr;
  const std::vector<Value>* values = nullptr;
};

template <typename Fn>
StatementOutput RunOnce(Database* db, const std::string& query, const StatementParams& params,
                        bool ddl, bool retry_on_race, Fn& fn);

// `retry_on_race`: the statement re-runs from a fresh snapshot when its
// commit lost a race: another session committed one of its new keys first
// (INSERT ... ON CONFLICT then takes the conflict path, as PostgreSQL does
// after waiting for the other inserter), or changed a row it updated or
// deleted. Nothing of the failed attempt was stored. After kMaxAttempts the
// error is reported (23505, or 40001 for a write conflict).
template <typename Fn>
StatementOutput RunInTransaction(Database* db, const std::string& query,
                                 const StatementParams& params, bool ddl, Fn&& fn,
                                 bool retry_on_race = false) {
  if (db == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "tables are not available in this session");
  }
  constexpr int kMaxAttempts = 100;
  for (int attempt = 1;; ++attempt) {
    try {
      return RunOnce(db, query, params, ddl, retry_on_race && attempt < kMaxAttempts, fn);
    } catch (const RetryStatement&) {
    }
  }
}

template <typename Fn>
StatementOutput RunOnce(Database* db, const std::string& query, const StatementParams& params,
                        bool ddl, bool retry_on_race, Fn& fn) {
  catalog::Catalog* catalog = db->catalog();
  std::unique_lock<std::mutex> ddl_lock;
  if (ddl) ddl_lock = std::unique_lock<std::mutex>(catalog->ddl_mutex());
  auto txn = db->txns()->Begin();
  std::vector<SqlErrorFields> notices;
  CommandContext ctx;
  ctx.db = db;
  ctx.txn = txn.get();
  ctx.catalog = catalog->Current();
  ctx.query = query;
  ctx.notices = &notices;
  ctx.params = params.types;
  ctx.param_values = params.values;
  StatementOutput result;
  try {
    result = fn(ctx);
    try {
      CommitStatementTransaction(ctx);
    } catch (const SqlError&) {
      // Lost a race with another session: it committed one of our new keys
      // first, or changed a row we changed. The statement re-runs on a fresh
      // snapshot (what PostgreSQL's READ COMMITTED re-check amounts to for a
      // single statement; ON CONFLICT then takes its conflict path).
      if (retry_on_race && (txn->unique_violation().has_value() || txn->write_conflict())) {
        throw RetryStatement{};
      }
      throw;
    }
  } catch (...) {
    txn->Rollback();
    if (ddl) (void)catalog->Reload();
    throw;
  }
  if (ddl) {
    if (Status s = catalog->Reload(); !s.ok()) ThrowStatus(s);
  }
  result.notices = std::move(notices);
  return result;
}

// SET/SHOW produce text results; SHOW's columns are text.
StatementOutput TextResultToOutput(StatementResult text) {
  StatementOutput out;
  out.returns_rows = text.returns_rows;
  out.columns = std::move(text.columns);
  out.command_tag = std::move(text.command_tag);
  out.notices = std::move(text.notices);
  for (auto& row : text.rows) {
    Row values;
    values.reserve(row.size());
    for (auto& cell : row) {
      values.push_back(cell ? Value::Text(std::move(*cell)) : Value::Null(type_oid::kText));
    }
    out.rows.push_back(std::move(values));
  }
  return out;
}

}  // namespace

ResultColumn MakeResultColumn(std::string name, const DataType& type) {
  ResultColumn out;
  out.name = std::move(name);
  out.type_oid = type.oid;
  const catalog::BuiltinType* info = catalog::FindBuiltinType(type.oid);
  out.type_size = info != nullptr ? info->length : -1;
  out.type_modifier = type.typmod;
  return out;
}

struct SqlSession::SettingsScope::State {
  explicit State(SessionSettings* settings)
      : datetime(&settings->datetime()), session(settings) {}
  ScopedDatetimeContext datetime;
  ScopedSessionSettings session;
};

SqlSession::SettingsScope::SettingsScope(SqlSession& session)
    : state_(std::make_unique<State>(&session.impl_->settings)) {}
SqlSession::SettingsScope::~SettingsScope() = default;

SqlSession::SqlSession() : impl_(std::make_unique<Impl>()) {}
SqlSession::SqlSession(Database* database) : impl_(std::make_unique<Impl>()) {
  impl_->db = database;
}
SqlSession::~SqlSession() {
  if (impl_->db != nullptr && impl_->temp_namespace.oid != 0) {
    (void)DropTempNamespace(impl_->db, impl_->temp_namespace.oid);
  }
}

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
  SettingsScope settings_scope(*this);  // the text output below follows DateStyle etc.
  StatementOutput output = Run(statement, {}, {});
  StatementResult result;
  result.returns_rows = output.returns_rows;
  result.columns = std::move(output.columns);
  result.command_tag = std::move(output.command_tag);
  result.notices = std::move(output.notices);
  result.copy_mode = output.copy_mode;
  result.copy_columns = output.copy_columns;
  result.copy_data = std::move(output.copy_data);
  result.rows.reserve(output.rows.size());
  for (const Row& row : output.rows) {
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
  return result;
}

StatementOutput SqlSession::Run(const ParsedStatement& statement,
                                const std::vector<Oid>& param_types,
                                const std::vector<Value>& params) {
  StackDepthBase stack_base;
  const auto& parsed = static_cast<const ParsedStatementImpl&>(statement);
  const ast::Statement& stmt = parsed.statement();
  // Date/time input, output and functions read the session's settings.
  ScopedDatetimeContext datetime_scope(&impl_->settings.datetime());
  ScopedSessionSettings settings_scope(&impl_->settings);
  ScopedTempNamespace temp_scope(&impl_->temp_namespace);
  // Table statements bind every clause with these (final) parameter types.
  ParameterTypes fixed_types(ParameterTypes::Mode::kFixed, param_types);
  const StatementParams table_params{&fixed_types, &params};
  switch (stmt.kind) {
    case ast::StatementKind::kVariableSet:
      return TextResultToOutput(ExecuteVariableSet(impl_->settings,
                                static_cast<const ast::VariableSetStatement&>(stmt)));
    case ast::StatementKind::kVariableShow:
      return TextResultToOutput(ExecuteVariableShow(impl_->settings,
                                 static_cast<const ast::VariableShowStatement&>(stmt)));
    case ast::StatementKind::kSelect: {
      const auto& select = static_cast<const ast::SelectStatement&>(stmt);
      if (select.from.empty()) {
        if (!select.sort.empty()) {
          throw SqlError(SqlState::kFeatureNotSupported, "ORDER BY without FROM is not supported yet");
        }
        if (select.limit_count || select.limit_offset) {
          throw SqlError(SqlState::kFeatureNotSupported,
                         "LIMIT/OFFSET without FROM is not supported yet");
        }
        return ExecuteSelectStatement(parsed.query(), select, param_types, params);
      }
      return RunInTransaction(impl_->db, parsed.query(), table_params, false,
                              [&](CommandContext& ctx) { return ExecuteTableSelect(ctx, select); });
    }
    case ast::StatementKind::kCreateTable:
      return RunInTransaction(impl_->db, parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteCreateTable(ctx, static_cast<const ast::CreateTableStatement&>(stmt));
      });
    case ast::StatementKind::kDropTable:
      return RunInTransaction(impl_->db, parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteDropTable(ctx, static_cast<const ast::DropTableStatement&>(stmt));
      });
    case ast::StatementKind::kTruncate:
      return RunInTransaction(impl_->db, parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteTruncate(ctx, static_cast<const ast::TruncateStatement&>(stmt));
      });
    case ast::StatementKind::kCreateSchema:
      return RunInTransaction(impl_->db, parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteCreateSchema(ctx, static_cast<const ast::CreateSchemaStatement&>(stmt));
      });
    case ast::StatementKind::kDropSchema:
      return RunInTransaction(impl_->db, parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteDropSchema(ctx, static_cast<const ast::DropSchemaStatement&>(stmt));
      });
    case ast::StatementKind::kInsert: {
      const auto& insert = static_cast<const ast::InsertStatement&>(stmt);
      return RunInTransaction(
          impl_->db, parsed.query(), table_params, false,
          [&](CommandContext& ctx) { return ExecuteInsert(ctx, insert); },
          insert.on_conflict != ast::InsertStatement::OnConflict::kNone);
    }
    case ast::StatementKind::kUpdate:
      return RunInTransaction(
          impl_->db, parsed.query(), table_params, false,
          [&](CommandContext& ctx) {
            return ExecuteUpdate(ctx, static_cast<const ast::UpdateStatement&>(stmt));
          },
          true);
    case ast::StatementKind::kDelete:
      return RunInTransaction(
          impl_->db, parsed.query(), table_params, false,
          [&](CommandContext& ctx) {
            return ExecuteDelete(ctx, static_cast<const ast::DeleteStatement&>(stmt));
          },
          true);
    case ast::StatementKind::kCopy:
      return RunCopy(statement);
    case ast::StatementKind::kVacuum: {
      std::vector<storage::TreeId> trees;
      StatementOutput out =
          RunInTransaction(impl_->db, parsed.query(), {}, true, [&](CommandContext& ctx) {
            trees.clear();
            return ExecuteVacuum(ctx, static_cast<const ast::VacuumStatement&>(stmt), &trees);
          });
      CompactTrees(impl_->db, trees);
      return out;
    }
    case ast::StatementKind::kPrepare:
      return RunPrepare(statement);
    case ast::StatementKind::kExecute:
      return RunExecute(statement);
    case ast::StatementKind::kDeallocate:
      return RunDeallocate(statement);
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
