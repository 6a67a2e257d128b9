// Relation locks from the SQL side: the implicit table-level lock each
// statement takes on the tables it uses (PostgreSQL's: AccessShareLock to
// read, RowShareLock for SELECT ... FOR UPDATE/SHARE, RowExclusiveLock to
// write rows, AccessExclusiveLock for DROP / TRUNCATE / ALTER TABLE) and the
// LOCK TABLE statement. Held to the end of the transaction; waits honour
// lock_timeout, deadlock_timeout and query cancel like row locks.
//
// A statement planned against a catalog and snapshot taken before it waited
// for a lock may be out of date (the holder may have altered, truncated or
// dropped the table): after any wait LockRelation throws
// RelationLockWaited when the caller can re-run the statement
// (CommandContext::rerun_after_lock_wait); the re-run finds its locks held.
#pragma once

#include <string>

#include "sql/ast/lock_statement.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"
#include "sql/system_relations/statement_catalog.h"
#include "txn/lock_manager.h"

namespace strata::sql {

// Thrown after a lock wait; the statement runner re-runs the statement.
struct RelationLockWaited {};

// The database OID relation locks are named with. Relation OIDs are unique
// across databases (one OID counter), so one value serves them all.
inline constexpr uint32_t kLockDatabaseOid = catalog::kPostgresDatabaseOid;

// Locks relation `oid` (named `name` in messages) in `mode`. NOWAIT: 55P03
// `could not obtain lock on relation "name"` when another transaction
// holds a conflicting mode. No-op without a transaction (parse analysis).
void LockRelation(const CommandContext& ctx, catalog::Oid oid, const std::string& name,
                  txn::RelationLockMode mode, bool nowait = false);

// DDL: the catalog lock, AccessExclusive on a pseudo relation (OID 0, not
// listed in pg_locks), taken before the catalog's DDL mutex so that a DDL
// statement waiting for another's catalog change waits in the lock manager
// (cancel, lock_timeout and deadlock detection apply). Never throws
// RelationLockWaited: the caller takes its snapshot after it.
inline constexpr catalog::Oid kCatalogLockOid = 0;
void LockCatalogForDdl(const CommandContext& ctx);

// LOCK TABLE: each table or view in order, in the statement's mode.
StatementOutput ExecuteLockTable(const CommandContext& ctx, const ast::LockStatement& stmt);

}  // namespace strata::sql
