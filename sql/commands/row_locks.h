// Row locks from the SQL side: takes a row lock through the transaction's
// lock table with the session's lock_timeout, deadlock_timeout and query
// cancel, and turns the outcomes into PostgreSQL's errors (55P03 for NOWAIT
// and lock_timeout, 40P01 for a deadlock, 57014 for a cancel or
// statement_timeout while waiting).
#pragma once

#include <string>

#include "catalog/catalog_objects.h"
#include "sql/commands/command_context.h"
#include "txn/lock_manager.h"

namespace strata::sql {

// The options of a lock request that may wait: the session's lock_timeout
// and deadlock_timeout, and query cancel / statement_timeout.
// With log_lock_waits on, a wait longer than deadlock_timeout logs
// PostgreSQL's "process N still waiting for <what> after X ms" once.
txn::LockRequestOptions WaitingLockOptions(std::string what = "");
// Throws PostgreSQL's error for a lock request that ended without the lock
// (not kAcquired / kNotAvailable, which the callers word themselves):
// 55P03 lock timeout, 40P01 with `deadlock_detail`, or the pending 57014.
[[noreturn]] void ThrowLockWaitFailure(txn::LockOutcome outcome, const std::string& deadlock_detail);

// Locks `key` of `table` in `mode`. Returns false only for kSkipLocked when
// the row is locked by another transaction; throws SqlError otherwise.
bool LockTableRow(const CommandContext& ctx, const catalog::TableDesc& table,
                  const std::string& key, txn::RowLockMode mode,
                  txn::LockWaitPolicy policy = txn::LockWaitPolicy::kWait);

// Before writing `key` of `table`: its row lock in `mode`, then (in a
// SERIALIZABLE transaction) the write-time serializable test, 40001 "could
// not serialize access due to read/write dependencies among transactions".
// What LockRowForWrite does after the row lock: the transaction id at the
// first write, and the write-time serializable test.
void PrepareRowWrite(const CommandContext& ctx, const catalog::TableDesc& table,
                     const std::string& key);

void LockRowForWrite(const CommandContext& ctx, const catalog::TableDesc& table,
                     const std::string& key, txn::RowLockMode mode);

}  // namespace strata::sql
