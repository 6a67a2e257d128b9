// Row locks from the SQL side (see row_locks.h).
#include "sql/commands/row_locks.h"

#include <chrono>

#include "sql/backend_status.h"
#include "common/interrupts.h"
#include "common/logging.h"
#include "common/sql_error.h"
#include "sql/settings/session_settings.h"

namespace strata::sql {

txn::LockRequestOptions WaitingLockOptions(std::string what) {
  txn::LockRequestOptions options;
  options.policy = txn::LockWaitPolicy::kWait;
  const SessionSettings& settings = CurrentSessionSettings();
  options.lock_timeout_ms = settings.IntValue("lock_timeout");
  options.deadlock_timeout_ms = settings.IntValue("deadlock_timeout");
  if (what.empty() || settings.Show("log_lock_waits") != "on") {
    options.interrupted = [] { return InterruptPending(); };
    return options;
  }
  // log_lock_waits: the lock manager polls this every 10 ms while waiting.
  const auto start = std::chrono::steady_clock::now();
  const int64_t after_ms = options.deadlock_timeout_ms;
  options.interrupted = [start, after_ms, what = std::move(what), logged = false]() mutable {
    if (!logged) {
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      if (ms >= static_cast<double>(after_ms)) {
        logged = true;
        STRATA_LOG_INFO("process {} still waiting for {} after {:.3f} ms", CurrentBackendPid(),
                        what, ms);
      }
    }
    return InterruptPending();
  };
  return options;
}

void ThrowLockWaitFailure(txn::LockOutcome outcome, const std::string& deadlock_detail) {
  if (outcome == txn::LockOutcome::kTimedOut) {
    throw SqlError(SqlState::kLockNotAvailable, "canceling statement due to lock timeout");
  }
  if (outcome == txn::LockOutcome::kDeadlock) {
    throw SqlError(SqlState::kTRDeadlockDetected, "deadlock detected")
        .WithDetail(deadlock_detail)
        .WithHint("See server log for query details.");
  }
  CheckForInterruptsNow();  // throws the cancel's or the timeout's 57014
  throw SqlError(SqlState::kQueryCanceled, "canceling statement due to user request");
}

bool LockTableRow(const CommandContext& ctx, const catalog::TableDesc& table,
                  const std::string& key, txn::RowLockMode mode, txn::LockWaitPolicy policy) {
  ctx.txn->set_owner_pid(CurrentBackendPid());
  // Every row write takes a lock and almost none has to wait: try without
  // waiting first, and read the wait settings only when a wait follows.
  txn::LockRequestOptions options;
  options.policy = txn::LockWaitPolicy::kNoWait;
  txn::LockOutcome outcome = ctx.txn->LockRow(table.tree, key, mode, options);
  std::string detail;
  if (outcome == txn::LockOutcome::kNotAvailable && policy == txn::LockWaitPolicy::kWait) {
    // A row lock waiter waits, in PostgreSQL's terms, for the holder's
    // transaction to end (we do not name its id in the log line).
    options = WaitingLockOptions("ShareLock on a row of relation " + std::to_string(table.oid) +
                                 " of database 5");
    ScopedWaitEvent wait("Lock", "transactionid");
    outcome = ctx.txn->LockRow(table.tree, key, mode, options, &detail);
  }
  switch (outcome) {
    case txn::LockOutcome::kAcquired:
      return true;
    case txn::LockOutcome::kNotAvailable:
      if (policy == txn::LockWaitPolicy::kSkipLocked) return false;
      throw SqlError(SqlState::kLockNotAvailable,
                     "could not obtain lock on row in relation \"" + table.name + "\"");
    default:
      ThrowLockWaitFailure(outcome, detail);
  }
}

void LockRowForWrite(const CommandContext& ctx, const catalog::TableDesc& table,
                     const std::string& key, txn::RowLockMode mode) {
  LockTableRow(ctx, table, key, mode);
  PrepareRowWrite(ctx, table, key);
}

void PrepareRowWrite(const CommandContext& ctx, const catalog::TableDesc& table,
                     const std::string& key) {
  // PostgreSQL assigns a transaction id at the first write.
  if (!ctx.txn->assigned_txid()) {
    Result<uint64_t> id = ctx.txn->AssignTxid();
    if (!id.ok()) ThrowStatus(id.status());
    if (BackendStatus* status = CurrentBackendStatus()) status->SetTransactionId(id.value());
  }
  if (!ctx.txn->CheckSerializableWrite(table.tree, key).ok()) {
    // A row changed since the snapshot is reported as such first, as
    // PostgreSQL's update of a concurrently updated row does.
    bool deleted = false;
    Result<bool> changed = ctx.txn->ChangedSinceSnapshot(table.tree, key, &deleted);
    if (changed.ok() && changed.value()) {
      throw SqlError(SqlState::kTRSerializationFailure,
                     deleted ? "could not serialize access due to concurrent delete"
                             : "could not serialize access due to concurrent update");
    }
    throw SqlError(SqlState::kTRSerializationFailure,
                   "could not serialize access due to read/write dependencies among transactions")
        .WithDetail("Reason code: Canceled on identification as a pivot, during write.")
        .WithHint("The transaction might succeed if retried.");
  }
}

}  // namespace strata::sql
