// Row locks from the SQL side (see row_locks.h).
#include "sql/commands/row_locks.h"

#include "common/interrupts.h"
#include "common/sql_error.h"
#include "sql/settings/session_settings.h"

namespace strata::sql {

bool LockTableRow(const CommandContext& ctx, const catalog::TableDesc& table,
                  const std::string& key, txn::RowLockMode mode, txn::LockWaitPolicy policy) {
  txn::LockRequestOptions options;
  options.policy = policy;
  const SessionSettings& settings = CurrentSessionSettings();
  options.lock_timeout_ms = settings.IntValue("lock_timeout");
  options.deadlock_timeout_ms = settings.IntValue("deadlock_timeout");
  options.interrupted = [] { return InterruptPending(); };
  ctx.txn->set_owner_pid(CurrentBackendPid());
  std::string detail;
  switch (ctx.txn->LockRow(table.tree, key, mode, options, &detail)) {
    case txn::LockOutcome::kAcquired:
      return true;
    case txn::LockOutcome::kNotAvailable:
      if (policy == txn::LockWaitPolicy::kSkipLocked) return false;
      throw SqlError(SqlState::kLockNotAvailable,
                     "could not obtain lock on row in relation \"" + table.name + "\"");
    case txn::LockOutcome::kTimedOut:
      throw SqlError(SqlState::kLockNotAvailable, "canceling statement due to lock timeout");
    case txn::LockOutcome::kDeadlock:
      throw SqlError(SqlState::kTRDeadlockDetected, "deadlock detected")
          .WithDetail(detail)
          .WithHint("See server log for query details.");
    case txn::LockOutcome::kInterrupted:
      CheckForInterruptsNow();  // throws the cancel's or the timeout's 57014
      throw SqlError(SqlState::kQueryCanceled, "canceling statement due to user request");
  }
  return false;
}

}  // namespace strata::sql
