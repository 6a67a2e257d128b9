// Relation locks from the SQL side (see relation_locks.h).
#include "sql/commands/relation_locks.h"

#include "sql/commands/row_locks.h"

#include "common/interrupts.h"
#include "sql/backend_status.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/statement_catalog.h"
#include "common/sql_error.h"

namespace strata::sql {

void LockRelation(const CommandContext& ctx, catalog::Oid oid, const std::string& name,
                  txn::RelationLockMode mode, bool nowait) {
  if (ctx.txn == nullptr) return;
  ctx.txn->set_owner_pid(CurrentBackendPid());
  // Almost no request waits: try without waiting first, and read the wait
  // settings only when a wait follows.
  txn::LockRequestOptions options;
  options.policy = txn::LockWaitPolicy::kNoWait;
  bool waited = false;
  std::string detail;
  txn::LockOutcome outcome =
      ctx.txn->LockRelation(oid, kLockDatabaseOid, mode, options, nullptr, &waited);
  if (outcome == txn::LockOutcome::kNotAvailable && !nowait) {
    static const char* const kModeNames[] = {
        "",          "AccessShareLock", "RowShareLock", "RowExclusiveLock",
        "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
        "AccessExclusiveLock"};
    options = WaitingLockOptions(std::string(kModeNames[static_cast<int>(mode)]) +
                                 " on relation " + std::to_string(oid) + " of database " +
                                 std::to_string(ctx.db->oid()));
    ScopedWaitEvent wait("Lock", "relation");
    outcome = ctx.txn->LockRelation(oid, kLockDatabaseOid, mode, options, &detail, &waited);
  }
  switch (outcome) {
    case txn::LockOutcome::kAcquired:
      if (waited && ctx.rerun_after_lock_wait) throw RelationLockWaited{};
      return;
    case txn::LockOutcome::kNotAvailable:
      throw SqlError(SqlState::kLockNotAvailable,
                     "could not obtain lock on relation \"" + name + "\"");
    default:
      ThrowLockWaitFailure(outcome, detail);
  }
}

void LockCatalogForDdl(const CommandContext& ctx) {
  CommandContext no_rerun = ctx;
  no_rerun.rerun_after_lock_wait = false;
  LockRelation(no_rerun, kCatalogLockOid, "pg_class", txn::RelationLockMode::kAccessExclusive);
}

StatementOutput ExecuteLockTable(const CommandContext& ctx, const ast::LockStatement& stmt) {
  const auto mode = static_cast<txn::RelationLockMode>(stmt.mode);
  for (const ast::RangeVar& rv : stmt.tables) {
    catalog::Oid oid = 0;
    catalog::Oid owner = 0;
    if (const catalog::TableDesc* table = FindTable(ctx, rv)) {
      oid = table->oid;
      owner = table->owner;
    } else if (const catalog::ViewDesc* view = FindView(ctx, rv)) {
      // Only the view itself: PostgreSQL also locks its base relations (not yet).
      oid = view->oid;
      owner = view->owner;
    } else {
      const catalog::NamespaceDesc* ns =
          RelationSchema(ctx, rv);
      if (ns != nullptr && ctx.catalog->FindSequence(ns->oid, rv.name) != nullptr) {
        throw SqlError(SqlState::kWrongObjectType, "cannot lock relation \"" + rv.name + "\"")
            .WithDetail("This operation is not supported for sequences.");
      }
      LookupTable(ctx, rv);  // 42P01
    }
    // LockTableAclCheck: any one of the privileges the mode goes with.
    const uint32_t any_of =
        mode == txn::RelationLockMode::kAccessShare ? catalog::kAclSelect
        : mode == txn::RelationLockMode::kRowExclusive
            ? catalog::kAclInsert | catalog::kAclUpdate | catalog::kAclDelete | catalog::kAclTruncate
            : catalog::kAclUpdate | catalog::kAclDelete | catalog::kAclTruncate;
    bool allowed = false;
    for (uint32_t bit = 1; bit != 0 && bit <= any_of; bit <<= 1) {
      if ((any_of & bit) != 0 && HasRelationPrivileges(*ctx.catalog, oid, owner, bit)) {
        allowed = true;
      }
    }
    if (!allowed) {
      RelationRef rel;
      const char relkind = FindRelationByOid(*ctx.catalog, oid, &rel) ? rel.relkind : 'r';
      throw SqlError(SqlState::kInsufficientPrivilege,
                     std::string("permission denied for ") + RelkindObjectName(relkind) + " " +
                         rv.name);
    }
    LockRelation(ctx, oid, rv.name, mode, stmt.nowait);
  }
  StatementOutput out;
  out.command_tag = "LOCK TABLE";
  return out;
}

}  // namespace strata::sql
