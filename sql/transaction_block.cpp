// TransactionBlock: BEGIN / COMMIT / ROLLBACK / savepoints / SET TRANSACTION
// and the statements of a block (see transaction_block.h).
#include "sql/transaction_block.h"

#include "sql/commands/relation_locks.h"

#include "sql/commands/command_context.h"
#include "sql/commands/copy_from.h"
#include "sql/database.h"
#include "sql/settings/session_settings.h"
#include "sql/sql_cursors.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

using TxnKind = ast::TransactionStatement::Kind;

[[noreturn]] void NotInBlock(const std::string& what) {
  throw SqlError(SqlState::kNoActiveSqlTransaction,
                 what + " can only be used in transaction blocks");
}

}  // namespace

TransactionBlock::TransactionBlock(Database* db, SessionSettings* settings, SqlCursors* cursors)
    : db_(db), settings_(settings), cursors_(cursors) {}

TransactionBlock::~TransactionBlock() {
  // The session ends (disconnect) with a block open: it rolls back.
  if (txn_) txn_->Rollback();
  try {
    Reset();
  } catch (const std::exception&) {
    // The catalog reload failed; the next DDL commit reloads it again.
  }
}

txn::TransactionStatus TransactionBlock::status() const {
  switch (state_) {
    case State::kInBlock:
      return txn::TransactionStatus::kInBlock;
    case State::kFailed:
      return txn::TransactionStatus::kFailed;
    case State::kIdle:
    case State::kImplicit:
      break;
  }
  return txn::TransactionStatus::kIdle;
}

txn::Transaction* TransactionBlock::EnsureTransaction() {
  if (!txn_ && db_ != nullptr) {
    txn_ = db_->txns()->Begin();
    if (Serializable()) txn_->EnableSerializable();
    snapshot_fixed_ = false;
  }
  return txn_.get();
}

bool TransactionBlock::Serializable() const {
  return settings_->Show("transaction_isolation") == "serializable";
}

bool TransactionBlock::ReadCommitted() const {
  const std::string level = settings_->Show("transaction_isolation");
  return level == "read committed" || level == "read uncommitted";
}

size_t TransactionBlock::spill_threshold() const {
  return static_cast<size_t>(settings_->IntValue("transaction_spill_threshold")) * 1024;
}

bool TransactionBlock::synchronous_commit() const {
  return settings_->Show("synchronous_commit") != "off";
}

void TransactionBlock::SyncTransactionSettings() {
  if (active()) return;
  static const char* const kPairs[][2] = {
      {"transaction_isolation", "default_transaction_isolation"},
      {"transaction_read_only", "default_transaction_read_only"},
      {"transaction_deferrable", "default_transaction_deferrable"},
  };
  // Unchanged settings since the last sync: the pairs still agree (this
  // runs twice per statement outside a block).
  if (settings_->generation() != synced_generation_) {
    for (const auto& pair : kPairs) {
      std::string want = settings_->Show(pair[1]);
      if (settings_->Show(pair[0]) != want) settings_->Set(pair[0], want);
    }
    synced_generation_ = settings_->generation();
  }
  snapshot_taken_ = false;
  // A new transaction: nothing deferred from an earlier one may reach it.
  deferred_.Clear();
}

void TransactionBlock::SetTransactionSetting(const std::string& name, const std::string& value) {
  // Validates and normalises first (22023 for a bad value), as the GUC
  // machinery does before the check hooks run.
  const std::string before = settings_->Show(name);
  settings_->Set(name, value);
  const std::string after = settings_->Show(name);
  if (after == before) return;
  const bool in_transaction = active();
  const bool subtransaction = !savepoints_.empty();
  auto refuse = [&](const std::string& message) {
    settings_->Set(name, before);
    throw SqlError(SqlState::kActiveSqlTransaction, message);
  };
  if (!in_transaction) return;
  if (name == "transaction_isolation") {
    if (snapshot_taken_) refuse("SET TRANSACTION ISOLATION LEVEL must be called before any query");
    if (subtransaction) {
      refuse("SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction");
    }
  } else if (name == "transaction_read_only") {
    if (after == "off") {
      if (subtransaction) {
        refuse("cannot set transaction read-write mode inside a read-only transaction");
      }
      if (snapshot_taken_) refuse("transaction read-write mode must be set before any query");
    }
  } else if (name == "transaction_deferrable") {
    if (subtransaction) {
      refuse("SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction");
    }
    if (snapshot_taken_) refuse("SET TRANSACTION [NOT] DEFERRABLE must be called before any query");
  }
}

void TransactionBlock::ApplyModes(const std::vector<ast::TransactionStatement::Mode>& modes) {
  for (const auto& mode : modes) SetTransactionSetting(mode.name, mode.value);
}

void TransactionBlock::CheckNotFailed(const ast::Statement& stmt) const {
  if (state_ != State::kFailed) return;
  if (stmt.kind == ast::StatementKind::kTransaction) {
    const auto kind = static_cast<const ast::TransactionStatement&>(stmt).txn_kind;
    if (kind == TxnKind::kCommit || kind == TxnKind::kRollback || kind == TxnKind::kRollbackTo ||
        kind == TxnKind::kPrepareTransaction) {
      return;
    }
  }
  throw SqlError(SqlState::kInFailedSqlTransaction,
                 "current transaction is aborted, commands ignored until end of transaction "
                 "block");
}

void TransactionBlock::CheckWritable(const std::string& what) const {
  if (settings_->Show("transaction_read_only") == "on") {
    throw SqlError(SqlState::kReadOnlySqlTransaction,
                   "cannot execute " + what + " in a read-only transaction");
  }
}

void TransactionBlock::BeginImplicit() {
  if (state_ == State::kIdle) {
    SyncTransactionSettings();
    state_ = State::kImplicit;
    if (settings_->nest_level() == 0) settings_->BeginNestLevel();
  }
}

void TransactionBlock::EndOfTransaction(bool commit) {
  while (settings_->nest_level() > 0) settings_->EndNestLevel(commit);
  cursors_->AtTransactionEnd(commit);
}

void TransactionBlock::EndImplicit() {
  if (state_ == State::kImplicit) Commit();
}

void TransactionBlock::AbortAfterError() {
  if (state_ == State::kImplicit) {
    Rollback();
  } else if (state_ == State::kInBlock) {
    state_ = State::kFailed;
    // Nothing can bring this transaction back but ROLLBACK TO a savepoint:
    // without one, undo it now so its row locks free the sessions waiting
    // for them (PostgreSQL aborts at the error too; the block only waits
    // for its ROLLBACK). With savepoints the locks stay until the end.
    if (savepoints_.empty() && txn_) txn_->Rollback();
  }
}

std::shared_ptr<const catalog::CatalogSnapshot> TransactionBlock::CurrentCatalog() const {
  return private_catalog_ ? private_catalog_ : db_->catalog()->Current();
}

void TransactionBlock::StartStatement(CommandContext& ctx, bool ddl) {
  if (db_ == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "tables are not available in this session");
  }
  if (!txn_) {
    txn_ = db_->txns()->Begin();
    if (Serializable()) txn_->EnableSerializable();
    snapshot_fixed_ = true;
  } else if (!snapshot_fixed_ || ReadCommitted()) {
    // The transaction began at SAVEPOINT or an earlier statement: READ
    // COMMITTED reads from a snapshot taken now; REPEATABLE READ keeps the
    // snapshot of the block's first query.
    txn_->NewStatementSnapshot();
    snapshot_fixed_ = true;
  }
  txn_->set_sync(synchronous_commit());
  txn_->set_spill_threshold(spill_threshold());
  ctx.db = db_;
  ctx.txn = txn_.get();
  if (ddl && !holds_ddl_lock_) {
    // Held to the end of the block: no other session changes the catalog
    // under our private copy, and our uncommitted DDL stays invisible to
    // their name checks until we commit. The catalog lock is taken first:
    // its wait is cancellable and in the deadlock detector's graph.
    LockCatalogForDdl(ctx);
    db_->catalog()->ddl_mutex().lock();
    holds_ddl_lock_ = true;
    if (ReadCommitted()) txn_->NewStatementSnapshot();
  }
  ctx.catalog = CurrentCatalog();
}

void TransactionBlock::FinishStatement(bool ddl) {
  if (!ddl) return;
  Result<std::shared_ptr<const catalog::CatalogSnapshot>> loaded =
      db_->catalog()->LoadThrough(txn_.get());
  if (!loaded.ok()) ThrowStatus(loaded.status());
  private_catalog_ = std::move(loaded).value();
}

bool TransactionBlock::CheckStatementConflicts(CommandContext& ctx,
                                               const txn::Transaction::Savepoint& since,
                                               bool retry) {
  Status s = txn_->CheckConflictsSince(since);
  if (s.ok()) {
    txn_->ForgetLockedRowChecksSince(since);
    return false;
  }
  const bool lost_race = txn_->write_conflict() || txn_->unique_violation().has_value();
  if (retry && lost_race && ReadCommitted()) {
    txn_->ClearConflict();
    return true;
  }
  ThrowCommitError(ctx, s);
}

void TransactionBlock::Begin(const std::vector<ast::TransactionStatement::Mode>& modes) {
  if (state_ == State::kIdle) SyncTransactionSettings();
  state_ = State::kInBlock;
  // BEGIN outside a block turns the statement's own transaction (its level)
  // into the block's.
  if (settings_->nest_level() == 0) settings_->BeginNestLevel();
  ApplyModes(modes);
}

void TransactionBlock::Commit() {
  std::unique_ptr<txn::Transaction> txn = std::move(txn_);
  if (txn) {
    CommandContext ctx;
    ctx.db = db_;
    ctx.txn = txn.get();
    ctx.catalog = CurrentCatalog();
    if (!deferred_.empty()) {
      // The deferred checks read the state now: READ COMMITTED takes a new
      // snapshot for them, as for a statement. The first failure ends the
      // block; COMMIT answers it.
      try {
        if (ReadCommitted()) txn->NewStatementSnapshot();
        deferred_.Fire(ctx, /*all=*/true);
      } catch (...) {
        txn->Rollback();
        EndOfTransaction(/*commit=*/false);
        Reset();
        throw;
      }
    }
    if (holds_ddl_lock_) {
      // Sessions our locks held back plan against the committed catalog.
      txn->set_before_release([this] { (void)db_->catalog()->Reload(); });
    }
    try {
      CommitStatementTransaction(ctx);
    } catch (...) {
      EndOfTransaction(/*commit=*/false);
      Reset();
      throw;
    }
  }
  EndOfTransaction(/*commit=*/true);
  Reset();
}

void TransactionBlock::Rollback() {
  if (txn_) txn_->Rollback();
  txn_.reset();
  EndOfTransaction(/*commit=*/false);
  Reset();
}

void TransactionBlock::Reset() {
  txn_.reset();
  savepoints_.clear();
  deferred_.Clear();
  if (holds_ddl_lock_) {
    // The shared catalog now shows what committed (or still what it showed,
    // after a rollback); Reload also rewinds the OID counter.
    Status s = db_->catalog()->Reload();
    holds_ddl_lock_ = false;
    db_->catalog()->ddl_mutex().unlock();
    if (!s.ok()) ThrowStatus(s);
  }
  private_catalog_.reset();
  state_ = State::kIdle;
  snapshot_fixed_ = false;
  snapshot_taken_ = false;
  SyncTransactionSettings();
}

void TransactionBlock::SetConstraints(const ast::TransactionStatement& stmt,
                                      std::vector<SqlErrorFields>* notices) {
  if (!active()) {
    notices->push_back(WarningNotice(SqlState::kNoActiveSqlTransaction,
                                     "SET CONSTRAINTS can only be used in transaction blocks"));
  }
  // The named constraints: in the schema given, or in the first schema of
  // the search path that has a constraint of that name (every one there).
  std::vector<std::pair<Oid, std::string>> named;
  if (!stmt.constraints.empty()) {
    if (db_ == nullptr) {
      throw SqlError(SqlState::kFeatureNotSupported, "tables are not available in this session");
    }
    const std::shared_ptr<const catalog::CatalogSnapshot> catalog = CurrentCatalog();
    for (const ast::RangeVar& rv : stmt.constraints) {
      std::vector<Oid> namespaces;
      if (!rv.schema.empty()) {
        const catalog::NamespaceDesc* ns = catalog->FindNamespace(rv.schema);
        if (ns == nullptr) {
          throw SqlError(SqlState::kInvalidSchemaName,
                         "schema \"" + rv.schema + "\" does not exist");
        }
        namespaces.push_back(ns->oid);
      } else {
        namespaces = SearchPathNamespaces(*catalog);
      }
      // A constraint that is not deferrable is always immediate: only
      // DEFERRED is an error for it.
      const SqlError not_deferrable(SqlState::kWrongObjectType,
                                    "constraint \"" + rv.name + "\" is not deferrable");
      const bool deferring = stmt.constraints_deferred;
      bool found = false;
      for (Oid ns : namespaces) {
        for (const catalog::TableDesc* t : catalog->TablesIn(ns)) {
          // Primary keys, UNIQUE and CHECK constraints are never deferrable here.
          bool other = !t->primary_key.empty() && t->primary_key_name == rv.name;
          for (const catalog::CheckConstraint& c : t->checks) other |= c.name == rv.name;
          for (const catalog::IndexDesc& ix : t->indexes) {
            other |= ix.is_constraint && ix.name == rv.name;
          }
          if (other && deferring) throw not_deferrable;
          found |= other;
          for (const catalog::ForeignKeyDesc& fk : t->foreign_keys) {
            if (fk.name != rv.name) continue;
            if (!fk.deferrable && deferring) throw not_deferrable;
            if (fk.deferrable) named.emplace_back(t->oid, fk.name);
            found = true;
          }
        }
        if (found) break;
      }
      if (!found) {
        throw SqlError(SqlState::kUndefinedObject, "constraint \"" + rv.name + "\" does not exist");
      }
    }
  }
  if (!active()) return;  // the statement is its own transaction: nothing lasts
  if (stmt.constraints.empty()) {
    deferred_.SetAll(stmt.constraints_deferred);
  } else {
    for (const auto& [table_oid, name] : named) {
      deferred_.Set(table_oid, name, stmt.constraints_deferred);
    }
  }
  // IMMEDIATE runs the queued checks of the constraints now immediate.
  if (!stmt.constraints_deferred && !deferred_.empty() && txn_) {
    CommandContext ctx;
    StartStatement(ctx, /*ddl=*/false);
    deferred_.Fire(ctx, /*all=*/false);
  }
}

std::string TransactionBlock::Execute(const ast::TransactionStatement& stmt,
                                      std::vector<SqlErrorFields>* notices) {
  switch (stmt.txn_kind) {
    case TxnKind::kBegin:
      if (explicit_block()) {
        notices->push_back(WarningNotice(SqlState::kActiveSqlTransaction,
                                   "there is already a transaction in progress"));
        ApplyModes(stmt.modes);
      } else {
        Begin(stmt.modes);
      }
      return stmt.command_name == "START TRANSACTION" ? "START TRANSACTION" : "BEGIN";
    case TxnKind::kCommit:
    case TxnKind::kRollback: {
      const bool commit = stmt.txn_kind == TxnKind::kCommit;
      const std::string what = commit ? "COMMIT" : "ROLLBACK";
      if (!explicit_block()) {
        if (stmt.chain) NotInBlock(what + " AND CHAIN");
        notices->push_back(
            WarningNotice(SqlState::kNoActiveSqlTransaction, "there is no transaction in progress"));
        if (state_ == State::kImplicit) {
          if (commit) {
            Commit();
          } else {
            Rollback();
          }
        }
        return what;
      }
      const bool failed = state_ == State::kFailed;
      // AND CHAIN: a new block with the same characteristics.
      const std::vector<ast::TransactionStatement::Mode> chain_modes = {
          {"transaction_isolation", settings_->Show("transaction_isolation")},
          {"transaction_read_only", settings_->Show("transaction_read_only")},
          {"transaction_deferrable", settings_->Show("transaction_deferrable")}};
      if (commit && !failed) {
        Commit();
      } else {
        Rollback();
      }
      if (stmt.chain) Begin(chain_modes);
      return commit && !failed ? "COMMIT" : "ROLLBACK";
    }
    case TxnKind::kSavepoint: {
      if (state_ != State::kInBlock) NotInBlock("SAVEPOINT");
      if (!txn_) {
        if (db_ == nullptr) {
          throw SqlError(SqlState::kFeatureNotSupported,
                         "tables are not available in this session");
        }
        txn_ = db_->txns()->Begin();
        if (Serializable()) txn_->EnableSerializable();
        snapshot_fixed_ = false;  // the first query takes the snapshot
      }
      settings_->BeginNestLevel();
      savepoints_.push_back(SavepointEntry{stmt.savepoint_name, txn_->BeginSavepoint(),
                                           private_catalog_,
                                           settings_->Show("transaction_read_only"),
                                           settings_->nest_level(), cursors_->Mark(),
                                           deferred_.Save()});
      return "SAVEPOINT";
    }
    case TxnKind::kRelease:
    case TxnKind::kRollbackTo: {
      const bool release = stmt.txn_kind == TxnKind::kRelease;
      if (!explicit_block()) NotInBlock(release ? "RELEASE SAVEPOINT" : "ROLLBACK TO SAVEPOINT");
      size_t i = savepoints_.size();
      while (i > 0 && savepoints_[i - 1].name != stmt.savepoint_name) --i;
      if (i == 0) {
        throw SqlError(SqlState::kSEInvalidSpecification,
                       "savepoint \"" + stmt.savepoint_name + "\" does not exist");
      }
      const size_t index = i - 1;
      if (!release) {
        // A huge transaction that spilled its writes since the savepoint
        // cannot undo them in part (txn/README.md, "Huge transactions").
        if (Status s = txn_->RollbackToSavepoint(savepoints_[index].marker,
                                                 /*release_locks=*/true);
            !s.ok()) {
          throw SqlError(SqlState::kFeatureNotSupported, std::string(s.message()));
        }
      }
      // SETs since the savepoint are undone (ROLLBACK TO) or handed to the
      // level below (RELEASE); ROLLBACK TO keeps the savepoint, a new level.
      while (settings_->nest_level() >= savepoints_[index].settings_level) {
        settings_->EndNestLevel(/*commit=*/release);
      }
      if (!release) {
        settings_->BeginNestLevel();
        cursors_->RollbackTo(savepoints_[index].cursor_mark);
        deferred_.RollbackTo(savepoints_[index].deferred_mark);
      }
      settings_->Set("transaction_read_only", savepoints_[index].read_only);
      // Savepoints after the target go; RELEASE removes the target too.
      const size_t keep = release ? index : index + 1;
      while (savepoints_.size() > keep) {
        txn_->ReleaseSavepoint(savepoints_.back().marker);
        savepoints_.pop_back();
      }
      if (!release) {
        private_catalog_ = savepoints_[index].catalog;
        state_ = State::kInBlock;
      }
      return release ? "RELEASE" : "ROLLBACK";
    }
    case TxnKind::kSetTransaction:
      if (!active()) {
        notices->push_back(WarningNotice(SqlState::kNoActiveSqlTransaction,
                                   "SET TRANSACTION can only be used in transaction blocks"));
      }
      ApplyModes(stmt.modes);
      return "SET";
    case TxnKind::kPrepareTransaction:
      // max_prepared_transactions is 0: the block ends either way.
      if (state_ == State::kInBlock) {
        Rollback();
        throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                       "prepared transactions are disabled")
            .WithHint("Set max_prepared_transactions to a nonzero value.");
      }
      if (state_ != State::kFailed) {
        notices->push_back(
            WarningNotice(SqlState::kNoActiveSqlTransaction, "there is no transaction in progress"));
      }
      Rollback();
      return "ROLLBACK";
    case TxnKind::kFinishPrepared:
      if (active()) {
        throw SqlError(SqlState::kActiveSqlTransaction,
                       stmt.command_name + " cannot run inside a transaction block");
      }
      throw SqlError(SqlState::kUndefinedObject,
                     "prepared transaction with identifier \"" + stmt.gid + "\" does not exist");
    case TxnKind::kSetConstraints:
      SetConstraints(stmt, notices);
      return "SET CONSTRAINTS";
    case TxnKind::kSetSessionCharacteristics:
      for (const auto& mode : stmt.modes) settings_->Set("default_" + mode.name, mode.value);
      return "SET";
  }
  throw SqlError(SqlState::kInternalError, "unrecognized transaction statement");
}

}  // namespace strata::sql
