// SqlSession: parse a query string into statements, then bind and execute
// them one at a time (see sql_session.h for the contract). Prepared
// statements and portals: sql_session_prepared.cpp.
#include "sql/sql_session.h"

#include <exception>
#include <memory>
#include <string>

#include "catalog/builtin_types.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/commands/alter_owner.h"
#include "sql/commands/column_privileges.h"
#include "sql/commands/explain.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/select_locking.h"
#include "sql/commands/copy_from.h"
#include "sql/commands/function_commands.h"
#include "sql/commands/comment_commands.h"
#include "sql/commands/index_commands.h"
#include "sql/commands/database_commands.h"
#include "sql/commands/role_commands.h"
#include "sql/commands/sequence_commands.h"
#include "sql/commands/maintenance_commands.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/trigger_commands.h"
#include "sql/commands/operator_commands.h"
#include "sql/commands/type_commands.h"
#include "sql/current_transaction.h"
#include "sql/database.h"
#include "sql/executor/execute_select.h"
#include "sql/function_notices.h"
#include "sql/parsed_statement.h"
#include "sql/parser/parser.h"
#include "sql/sql_session_impl.h"
#include "sql/stack_depth.h"
#include "sql/transaction_block.h"
#include "sql/ast/copy_statement.h"
#include "sql/ast/cursor_statement.h"
#include "sql/sql_cursors.h"
#include "sql/statement_output.h"
#include "sql/settings/execute_variable_set.h"
#include "sql/settings/session_settings.h"
#include "sql/builtin/type_table.h"
#include "sql/types/user_types.h"
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
                        bool ddl, bool retry_on_race, bool sync, bool serializable,
                        DeferredConstraints* deferred, Fn& fn);

// Outside a transaction block a statement is its own transaction, which
// ends with it: committed, or aborted by an exception leaving it. Its
// settings nest level goes (set_config(..., true) ends with it, an error
// undoes its SETs), and so do cursors that do not outlive a transaction. A
// BEGIN keeps the level for the block it starts.
class StatementTransactionEnd {
 public:
  StatementTransactionEnd(SessionSettings& settings, SqlCursors& cursors,
                          const TransactionBlock& block)
      : settings_(settings),
        cursors_(cursors),
        block_(block),
        own_(!block.active()),
        exceptions_(std::uncaught_exceptions()) {
    if (own_) settings_.BeginNestLevel();
  }
  ~StatementTransactionEnd() {
    if (!own_ || block_.active()) return;
    const bool commit = std::uncaught_exceptions() == exceptions_;
    if (settings_.nest_level() > 0) settings_.EndNestLevel(commit);
    cursors_.AtTransactionEnd(commit);
  }
  StatementTransactionEnd(const StatementTransactionEnd&) = delete;
  StatementTransactionEnd& operator=(const StatementTransactionEnd&) = delete;

 private:
  SessionSettings& settings_;
  SqlCursors& cursors_;
  const TransactionBlock& block_;
  const bool own_;
  const int exceptions_;
};

// One statement inside a transaction block (implicit or explicit): it runs
// in the block's transaction, which commits later. DML is checked for lost
// races right after it ran; under READ COMMITTED a statement that may retry
// (`retry_on_race`) is undone to a statement savepoint and re-run on a new
// snapshot before any of its rows are returned (transaction_block.h).
// Undoes a statement to its savepoint for a re-run; a statement whose
// writes were spilled to disk since (a huge transaction) cannot be undone in
// part, so it fails instead (txn/README.md, "Huge transactions").
// `release_on_error`: close the savepoint before throwing (when no handler
// of the caller does).
inline void UndoStatement(txn::Transaction* txn, const txn::Transaction::Savepoint& sp,
                          bool release_on_error) {
  if (Status s = txn->RollbackToSavepoint(sp); !s.ok()) {
    if (release_on_error) txn->ReleaseSavepoint(sp);
    throw SqlError(SqlState::kFeatureNotSupported, std::string(s.message()));
  }
}

// Called from a catch block: when the statement failed with an SqlError,
// the notices it raised before still reach the client, ahead of the error
// (PostgreSQL sends each as it is raised): they go to the function-notice
// sink, which SqlSession::Run keeps for the server. Retries and other
// exceptions drop them (a re-run raises them again).
void ForwardNoticesOfFailure(std::vector<SqlErrorFields>* notices) {
  try {
    throw;
  } catch (const SqlError&) {
    for (SqlErrorFields& n : *notices) EmitFunctionNotice(std::move(n));
    notices->clear();
  } catch (...) {
  }
}

template <typename Fn>
StatementOutput RunInBlock(TransactionBlock& block, const std::string& query,
                           const StatementParams& params, bool ddl, bool check_conflicts,
                           bool retry_on_race, Fn& fn) {
  constexpr int kMaxAttempts = 100;
  for (int attempt = 1;; ++attempt) {
    std::vector<SqlErrorFields> notices;
    CommandContext ctx;
    block.StartStatement(ctx, ddl);
    ScopedCurrentTransaction current(ctx.txn);
    // Deferred checks this attempt queues go with its writes when it is undone.
    const DeferredConstraints::Mark deferred_mark = block.deferred()->Save();
    ctx.query = query;
    ctx.notices = &notices;
    ctx.params = params.types;
    ctx.param_values = params.values;
    txn::Transaction* txn = ctx.txn;
    // DDL runs under a statement savepoint too, so that it can re-run after
    // a relation lock wait.
    const bool savepoint = (retry_on_race || ddl) && attempt < kMaxAttempts;
    const txn::Transaction::Savepoint sp = savepoint ? txn->BeginSavepoint() : txn->Position();
    // A statement that waited for a relation lock is planned again (fresh
    // catalog; READ COMMITTED: fresh snapshot) if what it wrote can be undone
    // (or it writes nothing: not DML).
    ctx.rerun_after_lock_wait = savepoint || !check_conflicts;
    StatementOutput result;
    try {
      result = fn(ctx);
      if (check_conflicts && block.CheckStatementConflicts(ctx, sp, savepoint)) {
        UndoStatement(txn, sp, /*release_on_error=*/false);
        txn->ReleaseSavepoint(sp);
        block.deferred()->RollbackTo(deferred_mark);
        continue;
      }
    } catch (const RelationLockWaited&) {
      if (savepoint) {
        UndoStatement(txn, sp, /*release_on_error=*/true);
        txn->ReleaseSavepoint(sp);
        block.deferred()->RollbackTo(deferred_mark);
      }
      continue;
    } catch (...) {
      // The block fails (or, implicit, rolls back); an enclosing SAVEPOINT
      // still undoes this statement's writes through the undo log.
      if (savepoint) txn->ReleaseSavepoint(sp);
      ForwardNoticesOfFailure(&notices);
      throw;
    }
    if (savepoint) txn->ReleaseSavepoint(sp);
    block.FinishStatement(ddl);
    result.notices = std::move(notices);
    return result;
  }
}

// `retry_on_race`: the statement re-runs from a fresh snapshot when its
// commit lost a race: another session committed one of its new keys first
// (INSERT ... ON CONFLICT then takes the conflict path, as PostgreSQL does
// after waiting for the other inserter), or changed a row it updated or
// deleted. Nothing of the failed attempt was stored. After kMaxAttempts the
// error is reported (23505, or 40001 for a write conflict).
// `block`: inside a transaction block the statement runs in the block's
// transaction instead (RunInBlock). `dml`: the statement writes rows (its
// keys are checked for lost races in a block).
template <typename Fn>
StatementOutput RunInTransaction(Database* db, TransactionBlock* block, const std::string& query,
                                 const StatementParams& params, bool ddl, Fn&& fn,
                                 bool retry_on_race = false, bool dml = false) {
  if (db == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "tables are not available in this session");
  }
  if (block->active()) return RunInBlock(*block, query, params, ddl, dml, retry_on_race, fn);
  const bool sync = block->synchronous_commit();
  constexpr int kMaxAttempts = 100;
  for (int attempt = 1;; ++attempt) {
    try {
      return RunOnce(db, query, params, ddl, retry_on_race && attempt < kMaxAttempts, sync,
                     block->Serializable(), block->deferred(), fn);
    } catch (const RetryStatement&) {
    }
  }
}

template <typename Fn>
StatementOutput RunOnce(Database* db, const std::string& query, const StatementParams& params,
                        bool ddl, bool retry_on_race, bool sync, bool serializable,
                        DeferredConstraints* deferred, Fn& fn) {
  catalog::Catalog* catalog = db->catalog();
  auto txn = db->txns()->Begin();
  if (serializable) txn->EnableSerializable();
  txn->set_sync(sync);
  if (const SessionSettings* settings = CurrentSessionSettingsOrNull()) {
    txn->set_spill_threshold(
        static_cast<size_t>(settings->IntValue("transaction_spill_threshold")) * 1024);
  }
  ScopedCurrentTransaction current(txn.get());
  std::vector<SqlErrorFields> notices;
  CommandContext ctx;
  ctx.db = db;
  ctx.txn = txn.get();
  ctx.query = query;
  ctx.notices = &notices;
  ctx.params = params.types;
  ctx.param_values = params.values;
  ctx.rerun_after_lock_wait = true;
  std::unique_lock<catalog::DdlMutex> ddl_lock;
  Status reload_status;  // of the reload at commit (DDL)
  bool reloaded = false;
  StatementOutput result;
  try {
    if (ddl) {
      // The catalog lock first (waits in the lock manager: cancel, timeouts
      // and deadlock detection apply), then the mutex it guards.
      LockCatalogForDdl(ctx);
      ddl_lock = std::unique_lock<catalog::DdlMutex>(catalog->ddl_mutex());
      txn->NewStatementSnapshot();
      txn->set_before_release([&] {
        reload_status = catalog->Reload();
        reloaded = true;
      });
    }
    ctx.catalog = catalog->Current();
    while (true) {
      try {
        result = fn(ctx);
        break;
      } catch (const RelationLockWaited&) {
        // Planned against a catalog and snapshot older than the lock: plan
        // again (the locks stay held). Rows already written: start over.
        if (txn->has_writes()) throw RetryStatement{};
        txn->NewStatementSnapshot();
        ctx.catalog = catalog->Current();
        notices.clear();
      }
    }
    // The statement is its own transaction: its deferred checks run now,
    // before its commit.
    deferred->Fire(ctx, /*all=*/true);
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
    deferred->Clear();
    txn->Rollback();
    if (ddl) (void)catalog->Reload();
    ForwardNoticesOfFailure(&notices);
    throw;
  }
  if (ddl && !reloaded) reload_status = catalog->Reload();  // committed nothing
  if (ddl && !reload_status.ok()) ThrowStatus(reload_status);
  result.notices = std::move(notices);
  return result;
}

// SET ROLE / SET SESSION AUTHORIZATION (their settings' names).
bool IsRoleSetting(const std::string& name) {
  return name == "role" || name == "session_authorization";
}

// Checks the role a SET ROLE / SET SESSION AUTHORIZATION names against the
// catalog this statement sees (role_commands.h); DEFAULT and RESET go back
// to values that always pass (no role, the bootstrap superuser).
void CheckRoleSettingChange(Database* db, TransactionBlock& block,
                            const ast::VariableSetStatement& set) {
  if (set.set_kind != ast::VariableSetStatement::Kind::kValue) return;
  if (db == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "SET " + set.name + " needs a database");
  }
  if (set.args.size() != 1) {
    throw SqlError(SqlState::kInvalidParameterValue, "SET " + set.name + " takes only one argument");
  }
  const auto catalog = block.private_catalog() ? block.private_catalog() : db->catalog()->Current();
  CheckRoleSetting(*catalog, set.name, set.args.front().text);
}

// SET transaction_isolation / transaction_read_only / transaction_deferrable
// TO a value: checked by the transaction block (SET TRANSACTION's rules).
bool IsTransactionSetting(const ast::VariableSetStatement& set) {
  if (set.set_kind != ast::VariableSetStatement::Kind::kValue || set.args.size() != 1) return false;
  return set.name == "transaction_isolation" || set.name == "transaction_read_only" ||
         set.name == "transaction_deferrable";
}

// Before a statement runs: 25006 for a write in a read-only transaction, and
// marks that a query took a snapshot (SET TRANSACTION ISOLATION LEVEL is
// refused afterwards). `stmt` is the statement itself (EXECUTE's target is
// checked when it runs).
// DML's target table, or null (PostgreSQL checks read-only at executor
// start, after parse analysis: a missing table is 42P01, not 25006).
const ast::RangeVar* DmlTarget(const ast::Statement& stmt) {
  switch (stmt.kind) {
    case ast::StatementKind::kInsert:
      return &static_cast<const ast::InsertStatement&>(stmt).table;
    case ast::StatementKind::kUpdate:
      return &static_cast<const ast::UpdateStatement&>(stmt).table;
    case ast::StatementKind::kDelete:
      return &static_cast<const ast::DeleteStatement&>(stmt).table;
    case ast::StatementKind::kMerge:
      return &static_cast<const ast::MergeStatement&>(stmt).table;
    default:
      return nullptr;
  }
}

void CheckTransactionRules(Database* db, TransactionBlock& block, const ast::Statement& stmt) {
  switch (stmt.kind) {
    case ast::StatementKind::kTransaction:
    case ast::StatementKind::kVariableSet:
    case ast::StatementKind::kVariableShow:
    case ast::StatementKind::kPrepare:
    case ast::StatementKind::kDeallocate:
    case ast::StatementKind::kExecute:
    case ast::StatementKind::kUnsupported:
      return;
    case ast::StatementKind::kSelect: {
      const auto& select = static_cast<const ast::SelectStatement&>(stmt);
      if (!select.locking.empty()) {
        block.CheckWritable(std::string("SELECT ") +
                            LockingStrengthName(select.locking.front().strength));
      }
      break;
    }
    case ast::StatementKind::kCopy: {
      const auto& copy = static_cast<const ast::CopyStatement&>(stmt);
      if (copy.is_from) block.CheckWritable("COPY FROM");
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
    case ast::StatementKind::kIndexDdl:
      block.CheckWritable(stmt.command_name);
      break;
    case ast::StatementKind::kLock:  // any mode, even in a read-only transaction
    case ast::StatementKind::kExplain:  // EXPLAIN ANALYZE of a write: checked when it writes
    case ast::StatementKind::kFetch:
    case ast::StatementKind::kCloseCursor:
      break;
    case ast::StatementKind::kDeclareCursor:  // as its query
      CheckTransactionRules(db, block, *static_cast<const ast::DeclareCursorStatement&>(stmt).query);
      return;
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete:
    case ast::StatementKind::kMerge:
      if (db != nullptr) {
        CommandContext ctx;
        ctx.db = db;
        ctx.catalog = block.private_catalog() ? block.private_catalog() : db->catalog()->Current();
        if (FindTable(ctx, *DmlTarget(stmt)) != nullptr) block.CheckWritable(stmt.command_name);
      }
      break;
  }
  block.MarkSnapshotTaken();
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

ResultColumn MakeResultColumn(std::string name, const DataType& declared) {
  ResultColumn out;
  out.name = std::move(name);
  // A domain goes out as its base type and typmod (PostgreSQL's printtup).
  const DataType type = declared.oid >= catalog::kFirstNormalObjectId && IsDomainType(declared.oid)
                            ? DomainBaseType(declared.oid)
                            : declared;
  out.type_oid = type.oid;
  const catalog::BuiltinType* info = catalog::FindBuiltinType(type.oid);
  out.type_size = info != nullptr ? info->length : -1;
  if (info == nullptr && type.oid >= catalog::kFirstNormalObjectId) {
    if (const PgTypeInfo* user = FindPgType(type.oid)) out.type_size = user->typlen;  // enums: 4
  }
  // An anonymous record's typmod names our registered field list
  // (record_type.h), not something a client can use: PostgreSQL sends -1.
  out.type_modifier = type.oid == type_oid::kRecord ? -1 : type.typmod;
  return out;
}

// Also the session's temporary schema: COPY FROM's data runs trigger
// functions, whose statements may name temporary tables.
struct SqlSession::SettingsScope::State {
  State(SessionSettings* settings, SequenceSession* sequence_session, TempNamespace* temp)
      : datetime(&settings->datetime()),
        session(settings),
        sequences(sequence_session),
        temp_namespace(temp) {}
  ScopedDatetimeContext datetime;
  ScopedSessionSettings session;
  ScopedSequenceSession sequences;
  ScopedTempNamespace temp_namespace;
};

SqlSession::SettingsScope::SettingsScope(SqlSession& session)
    : state_(std::make_unique<State>(&session.impl_->settings, &session.impl_->sequences,
                                     &session.impl_->temp_namespace)) {}
SqlSession::SettingsScope::~SettingsScope() = default;

SqlSession::SqlSession() : impl_(std::make_unique<Impl>()) {
  impl_->block = std::make_unique<TransactionBlock>(nullptr, &impl_->settings, &impl_->cursors);
  impl_->sequences.block = impl_->block.get();
}
SqlSession::SqlSession(Database* database) : impl_(std::make_unique<Impl>()) {
  impl_->db = database;
  impl_->sequences.db = database;
  impl_->block = std::make_unique<TransactionBlock>(database, &impl_->settings, &impl_->cursors);
  impl_->sequences.block = impl_->block.get();
}
void SqlSession::UseDatabase(Database* database) {
  impl_->db = database;
  impl_->sequences.db = database;
  impl_->sequences.block = nullptr;
  impl_->block = std::make_unique<TransactionBlock>(database, &impl_->settings, &impl_->cursors);
  impl_->sequences.block = impl_->block.get();
}

SqlSession::~SqlSession() {
  // Roll back an open transaction block first: if it did DDL it holds the
  // catalog's DDL mutex, which dropping the temporary namespace needs (the
  // session would otherwise wait on itself forever, and every later DDL of
  // every session behind it).
  impl_->sequences.block = nullptr;
  impl_->block.reset();
  if (impl_->db != nullptr && impl_->temp_namespace.oid != 0) {
    (void)DropTempNamespace(impl_->db, impl_->temp_namespace.oid);
  }
}

std::vector<std::unique_ptr<ParsedStatement>> SqlSession::Parse(std::string_view query) {
  StackDepthBase stack_base;
  // One query string is one implicit transaction and one statement start
  // time (now() and statement_timestamp() agree for all its statements).
  const int64_t now = CurrentTimestamp();
  // Inside BEGIN ... COMMIT, now() stays the time the block began.
  if (!impl_->block->explicit_block()) impl_->settings.mutable_datetime().transaction_start = now;
  impl_->settings.mutable_datetime().statement_start = now;
  const ParseCache::Entry* cached = impl_->parse_cache.Find(query);
  ParseCache::Entry fresh;
  if (cached == nullptr) {
    auto shared_query = std::make_shared<const std::string>(query);
    fresh = impl_->parse_cache.Remember(shared_query,
                                       impl_->literal_templates.Parse(*shared_query));
    cached = &fresh;
  }
  std::vector<std::unique_ptr<ParsedStatement>> parsed;
  for (const auto& statement : cached->statements) {
    parsed.push_back(std::make_unique<ParsedStatementImpl>(cached->query, statement));
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
  // Each statement (also each of a multi-statement Query) gets its own
  // statement_timeout, as in PostgreSQL 13 and later.
  StatementInterruptScope interrupt_scope(impl_->interrupts.get(),
                                          impl_->settings.IntValue("statement_timeout"));
  std::vector<SqlErrorFields> function_notices;
  ScopedFunctionNotices notice_scope(&function_notices);
  TakeNoticesOfFailedStatement();  // a previous failure's, if nobody sent them
  StatementOutput out;
  try {
    out = RunStatement(statement, param_types, params);
  } catch (const SqlError&) {
    KeepNoticesOfFailedStatement(std::move(function_notices));
    throw;
  }
  for (SqlErrorFields& notice : function_notices) out.notices.push_back(std::move(notice));
  return out;
}

StatementOutput SqlSession::RunStatement(const ParsedStatement& statement,
                                         const std::vector<Oid>& param_types,
                                         const std::vector<Value>& params) {
  StackDepthBase stack_base;
  // The columns the statement reads through column privileges are checked
  // as they are bound (commands/column_privileges.h).
  StatementColumnChecks column_checks;
  const auto& parsed = static_cast<const ParsedStatementImpl&>(statement);
  const ast::Statement& stmt = parsed.statement();
  // Date/time input, output and functions read the session's settings.
  ScopedDatetimeContext datetime_scope(&impl_->settings.datetime());
  ScopedSessionSettings settings_scope(&impl_->settings);
  ScopedSequenceSession sequence_scope(&impl_->sequences);
  ScopedDeferredConstraints deferred_scope(impl_->block->deferred());
  ScopedTempNamespace temp_scope(&impl_->temp_namespace);
  ScopedPreparedStatements prepared_scope(&impl_->prepared_statements);
  // Table statements bind every clause with these (final) parameter types.
  ParameterTypes fixed_types(ParameterTypes::Mode::kFixed, param_types);
  const StatementParams table_params{&fixed_types, &params};
  TransactionBlock& block = *impl_->block;
  block.CheckNotFailed(stmt);
  block.SyncTransactionSettings();  // outside a block each statement is a new transaction
  CheckTransactionRules(impl_->db, block, stmt);
  StatementTransactionEnd transaction_end(impl_->settings, impl_->cursors, block);
  ScopedSqlCursors cursors_scope(&impl_->cursors);
  // A SELECT, also the query of a DECLARE CURSOR.
  auto run_select = [&](const ast::SelectStatement& select) -> StatementOutput {
    // With a subquery it reads tables: a table statement (ExecuteTableSelect).
    if (ast::IsConstantSelect(select) && !SelectNeedsTableQuery(select)) {
      // txid_current() and friends: the block's transaction, or one of
      // this statement's own, made only if asked for.
      std::unique_ptr<txn::Transaction> own;
      ScopedCurrentTransaction current([&]() -> txn::Transaction* {
        if (impl_->db == nullptr) return nullptr;
        if (block.explicit_block()) return block.EnsureTransaction();
        own = impl_->db->txns()->Begin();
        return own.get();
      });
      return ExecuteSelectStatement(parsed.query(), select, param_types, params);
    }
    // A locking SELECT checks its locked rows like a writer's (and re-runs
    // in READ COMMITTED when one changed while it waited for the lock).
    const bool locking = !select.locking.empty();
    return RunInTransaction(
        impl_->db, impl_->block.get(), parsed.query(), table_params, false,
        [&](CommandContext& ctx) { return ExecuteTableSelect(ctx, select); }, locking, locking);
  };
  switch (stmt.kind) {
    case ast::StatementKind::kTransaction: {
      StatementOutput out;
      out.command_tag =
          block.Execute(static_cast<const ast::TransactionStatement&>(stmt), &out.notices);
      return out;
    }
    case ast::StatementKind::kVariableSet: {
      const auto& set = static_cast<const ast::VariableSetStatement&>(stmt);
      if (IsTransactionSetting(set)) {
        block.SetTransactionSetting(set.name, set.args.front().text);
        StatementOutput out;
        out.command_tag = "SET";
        return out;
      }
      if (IsRoleSetting(set.name)) CheckRoleSettingChange(impl_->db, block, set);
      StatementOutput out =
          TextResultToOutput(ExecuteVariableSet(impl_->settings, set, block.active()));
      // A new session user has no role set over it (SetSessionUserId).
      if (set.name == "session_authorization") impl_->settings.Set("role", "none", set.is_local);
      return out;
    }
    case ast::StatementKind::kVariableShow:
      return TextResultToOutput(ExecuteVariableShow(impl_->settings,
                                 static_cast<const ast::VariableShowStatement&>(stmt)));
    case ast::StatementKind::kSelect:
      return run_select(static_cast<const ast::SelectStatement&>(stmt));
    case ast::StatementKind::kDeclareCursor: {
      const auto& declare = static_cast<const ast::DeclareCursorStatement&>(stmt);
      // PerformCursorOpen's order: the block, the query, then the name.
      if (!declare.hold && !block.active()) {
        throw SqlError(SqlState::kNoActiveSqlTransaction,
                       "DECLARE CURSOR can only be used in transaction blocks");
      }
      if (declare.binary) {
        throw SqlError(SqlState::kFeatureNotSupported, "DECLARE BINARY CURSOR is not supported yet");
      }
      const auto& select = static_cast<const ast::SelectStatement&>(*declare.query);
      SqlCursor cursor;
      cursor.name = declare.name;
      cursor.statement = parsed.query();
      cursor.holdable = declare.hold;
      // Locking cursors cannot scroll (PostgreSQL's FOR UPDATE plans do not
      // run backward); every other one is materialized and can.
      cursor.scrollable = !declare.no_scroll && select.locking.empty();
      cursor.creation_time = CurrentTimestamp();
      cursor.output = run_select(select);
      impl_->cursors.Declare(std::move(cursor));
      StatementOutput out;
      out.command_tag = "DECLARE CURSOR";
      return out;
    }
    case ast::StatementKind::kFetch:
      return impl_->cursors.Fetch(static_cast<const ast::FetchStatement&>(stmt));
    case ast::StatementKind::kCloseCursor: {
      const auto& close = static_cast<const ast::CloseCursorStatement&>(stmt);
      impl_->cursors.Close(close);
      StatementOutput out;
      out.command_tag = close.all ? "CLOSE CURSOR ALL" : "CLOSE CURSOR";
      return out;
    }
    case ast::StatementKind::kCreateTable:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteCreateTable(ctx, static_cast<const ast::CreateTableStatement&>(stmt));
      });
    case ast::StatementKind::kDropTable:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteDropTable(ctx, static_cast<const ast::DropTableStatement&>(stmt));
      });
    case ast::StatementKind::kTruncate:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteTruncate(ctx, static_cast<const ast::TruncateStatement&>(stmt));
      });
    case ast::StatementKind::kCreateSchema:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteCreateSchema(ctx, static_cast<const ast::CreateSchemaStatement&>(stmt));
      });
    case ast::StatementKind::kDropSchema:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteDropSchema(ctx, static_cast<const ast::DropSchemaStatement&>(stmt));
      });
    case ast::StatementKind::kRenameSchema:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteRenameSchema(ctx, static_cast<const ast::RenameSchemaStatement&>(stmt));
      });
    case ast::StatementKind::kAlterTable:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteAlterTable(ctx, static_cast<const ast::AlterTableStatement&>(stmt));
      });
    case ast::StatementKind::kCreateTableAs: {
      const auto& ctas = static_cast<const ast::CreateTableAsStatement&>(stmt);
      if (ctas.execute != nullptr) {
        // CREATE TABLE ... AS EXECUTE: the prepared SELECT with the arguments
        // as its parameter values (ExecCreateTableAs).
        std::vector<Value> values;
        std::shared_ptr<const PreparedStatement> prepared =
            PrepareExecute(parsed.query(), *ctas.execute, &values);
        if (prepared->statement().kind != ast::StatementKind::kSelect) {
          throw SqlError(SqlState::kWrongObjectType, "prepared statement is not a SELECT");
        }
        const auto& select = static_cast<const ast::SelectStatement&>(prepared->statement());
        ParameterTypes types(ParameterTypes::Mode::kFixed, prepared->parameter_types());
        const StatementParams execute_params{&types, &values};
        return RunInTransaction(impl_->db, impl_->block.get(), prepared->query(), execute_params,
                                true, [&](CommandContext& ctx) {
                                  return ExecuteCreateTableAs(ctx, ctas, &select);
                                });
      }
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), table_params, true,
                              [&](CommandContext& ctx) { return ExecuteCreateTableAs(ctx, ctas); });
    }
    case ast::StatementKind::kCreateView:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteCreateView(ctx, static_cast<const ast::CreateViewStatement&>(stmt));
      });
    case ast::StatementKind::kDropView:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteDropView(ctx, static_cast<const ast::DropViewStatement&>(stmt));
      });
    case ast::StatementKind::kCreateFunction: {
      const auto& create = static_cast<const ast::CreateFunctionStatement&>(stmt);
      // DO runs statements, not DDL: it does not hold the catalog lock.
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, !create.do_block,
                              [&](CommandContext& ctx) {
        return ExecuteCreateFunction(ctx, create);
      });
    }
    case ast::StatementKind::kDropFunction:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteDropFunction(ctx, static_cast<const ast::DropFunctionStatement&>(stmt));
      });
    case ast::StatementKind::kAlterFunction:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteAlterFunction(ctx, static_cast<const ast::AlterFunctionStatement&>(stmt));
      });
    case ast::StatementKind::kAlterOwner:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteAlterOwner(ctx, static_cast<const ast::AlterOwnerStatement&>(stmt));
      });
    case ast::StatementKind::kComment:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteComment(ctx, static_cast<const ast::CommentStatement&>(stmt));
      });
    case ast::StatementKind::kInsert: {
      const auto& insert = static_cast<const ast::InsertStatement&>(stmt);
      return RunInTransaction(
          impl_->db, impl_->block.get(), parsed.query(), table_params, false,
          [&](CommandContext& ctx) { return ExecuteInsert(ctx, insert); },
          insert.on_conflict != ast::InsertStatement::OnConflict::kNone, true);
    }
    case ast::StatementKind::kUpdate:
      return RunInTransaction(
          impl_->db, impl_->block.get(), parsed.query(), table_params, false,
          [&](CommandContext& ctx) {
            return ExecuteUpdate(ctx, static_cast<const ast::UpdateStatement&>(stmt));
          },
          true, true);
    case ast::StatementKind::kDelete:
      return RunInTransaction(
          impl_->db, impl_->block.get(), parsed.query(), table_params, false,
          [&](CommandContext& ctx) {
            return ExecuteDelete(ctx, static_cast<const ast::DeleteStatement&>(stmt));
          },
          true, true);
    case ast::StatementKind::kMerge:
      return RunInTransaction(
          impl_->db, impl_->block.get(), parsed.query(), table_params, false,
          [&](CommandContext& ctx) {
            return ExecuteMerge(ctx, static_cast<const ast::MergeStatement&>(stmt));
          },
          true, true);
    case ast::StatementKind::kRoleDdl:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteRoleStatement(ctx, static_cast<const ast::RoleStatement&>(stmt));
      });
    case ast::StatementKind::kTypeDdl:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteTypeStatement(ctx, static_cast<const ast::TypeStatement&>(stmt));
      });
    case ast::StatementKind::kTriggerDdl:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteTriggerStatement(ctx, static_cast<const ast::TriggerStatement&>(stmt));
      });
    case ast::StatementKind::kOperatorDdl:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteOperatorStatement(ctx, static_cast<const ast::OperatorStatement&>(stmt));
      });
    case ast::StatementKind::kDatabaseDdl:
      // CREATE / DROP are not transactional in PostgreSQL (they copy or
      // remove files), so never inside a block; here one catalog commit of
      // their own. ALTER DATABASE is an ordinary catalog change.
      if (impl_->block->active() &&
          (static_cast<const ast::DatabaseStatement&>(stmt).action ==
               ast::DatabaseStatement::Action::kCreate ||
           static_cast<const ast::DatabaseStatement&>(stmt).action ==
               ast::DatabaseStatement::Action::kDrop)) {
        throw SqlError(SqlState::kActiveSqlTransaction,
                       stmt.command_name + " cannot run inside a transaction block");
      }
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteDatabaseStatement(ctx, static_cast<const ast::DatabaseStatement&>(stmt));
      });
    case ast::StatementKind::kCreateSequence:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteCreateSequence(ctx, static_cast<const ast::CreateSequenceStatement&>(stmt));
      });
    case ast::StatementKind::kAlterSequence:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteAlterSequence(ctx, static_cast<const ast::AlterSequenceStatement&>(stmt));
      });
    case ast::StatementKind::kDropSequence:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true, [&](CommandContext& ctx) {
        return ExecuteDropSequence(ctx, static_cast<const ast::DropSequenceStatement&>(stmt));
      });
    case ast::StatementKind::kIndexDdl: {
      // What PostgreSQL's PreventInTransactionBlock refuses: commands that
      // commit on their own (CONCURRENTLY, REINDEX of many tables).
      const auto& index_stmt = static_cast<const ast::IndexStatement&>(stmt);
      if (impl_->block->active()) {
        using Action = ast::IndexStatement::Action;
        std::string command;
        switch (index_stmt.action) {
          case Action::kReindexSchema: command = "REINDEX SCHEMA"; break;
          case Action::kReindexDatabase: command = "REINDEX DATABASE"; break;
          case Action::kReindexSystem: command = "REINDEX SYSTEM"; break;
          case Action::kCreate: if (index_stmt.concurrently) command = "CREATE INDEX CONCURRENTLY"; break;
          case Action::kDrop: if (index_stmt.concurrently) command = "DROP INDEX CONCURRENTLY"; break;
          case Action::kReindexIndex:
          case Action::kReindexTable:
            if (index_stmt.concurrently) command = "REINDEX CONCURRENTLY";
            break;
          case Action::kRename: break;
        }
        if (index_stmt.concurrently && !command.empty() && command.rfind("REINDEX ", 0) == 0 &&
            command != "REINDEX CONCURRENTLY") {
          command = "REINDEX CONCURRENTLY";
        }
        if (!command.empty()) {
          throw SqlError(SqlState::kActiveSqlTransaction,
                         command + " cannot run inside a transaction block");
        }
      }
    }
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, true,
                              [&](CommandContext& ctx) {
        return ExecuteIndexStatement(ctx, static_cast<const ast::IndexStatement&>(stmt));
      });
    case ast::StatementKind::kCopy:
      return RunCopy(statement);
    case ast::StatementKind::kVacuum: {
      const auto& vacuum = static_cast<const ast::VacuumStatement&>(stmt);
      if (vacuum.is_vacuum && impl_->block->active()) {
        throw SqlError(SqlState::kActiveSqlTransaction,
                       "VACUUM cannot run inside a transaction block");
      }
      std::vector<storage::TreeId> trees;
      StatementOutput out = RunInTransaction(
          impl_->db, impl_->block.get(), parsed.query(), {}, true, [&](CommandContext& ctx) {
            trees.clear();
            return ExecuteVacuum(ctx, static_cast<const ast::VacuumStatement&>(stmt), &trees);
          });
      CompactTrees(impl_->db, trees);
      return out;
    }
    case ast::StatementKind::kLock:
      if (!impl_->block->explicit_block()) {
        throw SqlError(SqlState::kNoActiveSqlTransaction,
                       "LOCK TABLE can only be used in transaction blocks");
      }
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), {}, false,
                              [&](CommandContext& ctx) {
                                return ExecuteLockTable(
                                    ctx, static_cast<const ast::LockStatement&>(stmt));
                              });
    case ast::StatementKind::kExplain:
      return RunInTransaction(impl_->db, impl_->block.get(), parsed.query(), table_params, false,
                              [&](CommandContext& ctx) {
                                return ExecuteExplain(
                                    ctx, static_cast<const ast::ExplainStatement&>(stmt));
                              });
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

txn::TransactionStatus SqlSession::transaction_status() const { return impl_->block->status(); }
std::shared_ptr<InterruptState> SqlSession::interrupts() const { return impl_->interrupts; }
bool SqlSession::in_transaction_block() const { return impl_->block->explicit_block(); }
void SqlSession::BeginImplicitTransaction() {
  ScopedSessionSettings settings_scope(&impl_->settings);
  impl_->block->BeginImplicit();
}
void SqlSession::EndImplicitTransaction() {
  ScopedSessionSettings settings_scope(&impl_->settings);
  impl_->block->EndImplicit();
}
void SqlSession::AbortTransactionAfterError() {
  ScopedSessionSettings settings_scope(&impl_->settings);
  impl_->copy_in.reset();
  impl_->block->AbortAfterError();
}

void SqlSession::InitParameter(std::string_view name, const std::string& value) {
  impl_->settings.InitValue(name, value);
}

std::string SqlSession::ShowParameter(std::string_view name) const {
  return impl_->settings.Show(name);
}

int64_t SqlSession::IntParameter(std::string_view name) const {
  return impl_->settings.IntValue(name);
}

void SqlSession::RefreshConfig() { impl_->settings.RefreshConfig(); }

std::vector<std::pair<std::string, std::string>> SqlSession::TakeReportedParameterChanges() {
  return impl_->settings.TakeReportedChanges();
}

}  // namespace strata::sql
