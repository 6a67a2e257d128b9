// TransactionBlock: a session's transaction state machine -- PostgreSQL's
// blockState reduced to what a client can observe -- and the one
// txn::Transaction a block's statements share.
//
// States: idle (each statement runs in its own transaction: the autocommit
// path in sql_session.cpp, not here), implicit (the statements of one
// multi-statement Query string share a transaction that commits at the end
// of the string), in a block (BEGIN ... COMMIT), failed (an error inside a
// block: everything but COMMIT/ROLLBACK/ROLLBACK TO answers 25P02).
// ReadyForQuery reports I / T / E; implicit shows as I (the client never
// sees ReadyForQuery inside it).
//
// Inside a block:
//  - the Transaction is created at the first statement that needs it; READ
//    COMMITTED moves it to a new snapshot per statement, REPEATABLE READ and
//    SERIALIZABLE keep the snapshot of the first statement;
//  - DML that writes existing or new keys is checked against the latest
//    committed state right after it ran (Transaction::CheckConflictsSince):
//    under READ COMMITTED an UPDATE / DELETE / INSERT ... ON CONFLICT that
//    lost a race is undone (statement savepoint) and re-run on a fresh
//    snapshot BEFORE anything of it was returned; otherwise, and under
//    REPEATABLE READ, the statement fails with 40001 / 23505. A race lost in
//    the window between that check and COMMIT makes COMMIT fail (40001 or
//    23505, the block rolled back); statements that already returned rows
//    are never re-run. (Row locks with waiting are the next step.)
//  - DDL takes the catalog's DDL lock and keeps it until the block ends;
//    later statements of the block resolve names in a private catalog
//    snapshot built through the block's transaction (Catalog::LoadThrough);
//    COMMIT or ROLLBACK reloads the shared catalog, then unlocks.
//  - SAVEPOINT / RELEASE / ROLLBACK TO map onto Transaction savepoints (the
//    write set's undo log) plus the private catalog at that point.
//  - The session settings nest with the block (SessionSettings::
//    BeginNestLevel): level 1 when the block begins, one more per savepoint,
//    so that ROLLBACK undoes SET and every end undoes SET LOCAL; cursors
//    close with the block (sql_cursors.h).
//  - Deferred FOREIGN KEY checks queue in the block's DeferredConstraints
//    (commands/deferred_constraints.h): COMMIT runs them first and fails
//    (the block rolled back) with the first 23503; SET CONSTRAINTS changes
//    their modes; ROLLBACK TO drops what was queued after the savepoint.
//
// The isolation level, read-only and deferrable flags of the current
// transaction live in the settings transaction_isolation,
// transaction_read_only and transaction_deferrable; they are reset from the
// default_* settings whenever a transaction starts.
// Not thread-safe: owned by one SqlSession.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/sql_error.h"
#include "sql/ast/statement.h"
#include "sql/commands/deferred_constraints.h"
#include "txn/transaction.h"
#include "txn/transaction_status.h"

namespace strata::sql {

class Database;
class SessionSettings;
class SqlCursors;
struct CommandContext;

class TransactionBlock {
 public:
  enum class State { kIdle, kImplicit, kInBlock, kFailed };

  // LIFETIME: all outlive the block. `db` may be null (no tables).
  TransactionBlock(Database* db, SessionSettings* settings, SqlCursors* cursors);
  ~TransactionBlock();  // rolls back whatever is open
  TransactionBlock(const TransactionBlock&) = delete;
  TransactionBlock& operator=(const TransactionBlock&) = delete;

  State state() const { return state_; }
  // Statements share the block's transaction (implicit or explicit block).
  bool active() const { return state_ != State::kIdle; }
  // An explicit block (BEGIN seen), failed or not.
  bool explicit_block() const { return state_ == State::kInBlock || state_ == State::kFailed; }
  txn::TransactionStatus status() const;

  // A statement of a multi-statement Query string is about to run: idle
  // becomes implicit.
  void BeginImplicit();
  // The Query string ended: an implicit block commits. Throws SqlError if the
  // commit fails (the block is over either way).
  void EndImplicit();
  // An error was reported: an implicit block rolls back, an explicit one
  // becomes failed.
  void AbortAfterError();

  // 25P02 unless `stmt` may run in a failed block (COMMIT, ROLLBACK,
  // ROLLBACK TO). Call before running or preparing any statement.
  void CheckNotFailed(const ast::Statement& stmt) const;
  // 25006 "cannot execute <what> in a read-only transaction" if the current
  // transaction is read-only.
  void CheckWritable(const std::string& what) const;
  // A statement that takes a snapshot ran (SET TRANSACTION ISOLATION LEVEL
  // is refused after this).
  void MarkSnapshotTaken() { snapshot_taken_ = active(); }
  // Resets transaction_* from default_* when idle (each statement outside
  // a block is a new transaction).
  void SyncTransactionSettings();
  // SET transaction_isolation / transaction_read_only / transaction_deferrable
  // (plain SET or SET TRANSACTION): PostgreSQL's checks (25001), then sets.
  void SetTransactionSetting(const std::string& name, const std::string& value);

  // Runs a transaction statement (BEGIN, COMMIT, SAVEPOINT, SET
  // TRANSACTION, ...). Returns its command tag; WARNINGs go to *notices.
  std::string Execute(const ast::TransactionStatement& stmt,
                      std::vector<SqlErrorFields>* notices);

  // --- Statements inside an active block (sql_session.cpp).
  // Fills ctx.txn and ctx.catalog for one statement: creates the
  // transaction or moves it to a new snapshot, takes the DDL lock for DDL.
  void StartStatement(CommandContext& ctx, bool ddl);
  // After a statement ran without error: a DDL statement rebuilds the
  // private catalog.
  void FinishStatement(bool ddl);
  // Early conflict check of the keys written since `since` (see the file
  // comment). Returns true if the statement should be undone and re-run
  // (READ COMMITTED and `retry`); throws 40001 / 23505 otherwise.
  bool CheckStatementConflicts(CommandContext& ctx, const txn::Transaction::Savepoint& since,
                               bool retry);
  txn::Transaction* transaction() { return txn_.get(); }
  // The current transaction's deferred constraint checks (run at COMMIT;
  // an autocommitted statement runs them before its own commit).
  DeferredConstraints* deferred() { return &deferred_; }
  // The block's own catalog after its DDL (null: the shared one).
  const std::shared_ptr<const catalog::CatalogSnapshot>& private_catalog() const {
    return private_catalog_;
  }

  // synchronous_commit = off for this session's commits.
  // Inside a block: its transaction, begun now if no statement has yet
  // (the first query still takes the snapshot).
  txn::Transaction* EnsureTransaction();
  // The current (or next) transaction is SERIALIZABLE.
  bool Serializable() const;
  bool synchronous_commit() const;
  // transaction_spill_threshold in bytes (txn::Transaction::set_spill_threshold).
  size_t spill_threshold() const;

 private:
  struct SavepointEntry {
    std::string name;
    txn::Transaction::Savepoint marker;
    std::shared_ptr<const catalog::CatalogSnapshot> catalog;  // private catalog then (may be null)
    // transaction_read_only then: PostgreSQL restores it when the
    // subtransaction ends, released or rolled back (prevXactReadOnly).
    std::string read_only;
    int settings_level;  // the settings' nest level the savepoint began
    uint64_t cursor_mark;  // cursors declared after it have a later mark
    DeferredConstraints::Mark deferred_mark;  // checks queued after it go at ROLLBACK TO
  };

  void Begin(const std::vector<ast::TransactionStatement::Mode>& modes);
  // Commits (throws SqlError on failure) / rolls back the block's
  // transaction; either way the block is over and idle.
  void Commit();
  void Rollback();
  // What else ends with the transaction: every settings nest level (SET
  // kept or undone, SET LOCAL undone) and the cursors that do not outlive it.
  void EndOfTransaction(bool commit);
  // The end of any block: shared catalog reloaded if we did DDL, the DDL
  // lock released, state idle.
  void Reset();
  bool ReadCommitted() const;
  void ApplyModes(const std::vector<ast::TransactionStatement::Mode>& modes);
  // SET CONSTRAINTS (PostgreSQL's AfterTriggerSetState).
  void SetConstraints(const ast::TransactionStatement& stmt, std::vector<SqlErrorFields>* notices);
  std::shared_ptr<const catalog::CatalogSnapshot> CurrentCatalog() const;

  Database* db_;
  SessionSettings* settings_;
  SqlCursors* cursors_;
  State state_ = State::kIdle;
  std::unique_ptr<txn::Transaction> txn_;
  bool snapshot_fixed_ = false;   // REPEATABLE READ: the snapshot is taken
  bool snapshot_taken_ = false;   // a query ran in this transaction
  // settings_->generation() when SyncTransactionSettings last left the
  // transaction_* settings equal to their default_* ones (0: never).
  uint64_t synced_generation_ = 0;
  bool holds_ddl_lock_ = false;
  std::shared_ptr<const catalog::CatalogSnapshot> private_catalog_;  // after DDL
  std::vector<SavepointEntry> savepoints_;
  DeferredConstraints deferred_;
};

}  // namespace strata::sql
