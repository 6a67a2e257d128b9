// LockNewKeyForWrite: row locks of new keys, escalated to a table lock past
// the transaction's threshold (see insert_lock_escalation.h).
#include "sql/commands/insert_lock_escalation.h"

#include "sql/commands/relation_locks.h"
#include "sql/commands/row_locks.h"
#include "txn/transaction.h"

namespace strata::sql {

void LockNewKeyForWrite(const CommandContext& ctx, const catalog::TableDesc& table,
                        const catalog::TableDesc& target, const std::string& key) {
  txn::Transaction* txn = ctx.txn;
  if (!txn->new_keys_escalated(table.oid)) {
    const size_t threshold = txn->escalation_threshold();
    if (threshold == 0 || txn->locks_held() < threshold) {
      LockRowForWrite(ctx, target, key, txn::RowLockMode::kUpdate);
      return;
    }
    // Mid-statement: a wait here must not re-run the statement (its rows
    // may have been spilled), so the lock is simply waited for.
    CommandContext no_rerun = ctx;
    no_rerun.rerun_after_lock_wait = false;
    LockRelation(no_rerun, table.oid, table.name, txn::RelationLockMode::kShareRowExclusive);
    txn->EscalateNewKeys(table.oid);
  }
  PrepareRowWrite(ctx, target, key);
}

}  // namespace strata::sql
