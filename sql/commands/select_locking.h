// SELECT ... FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE:
// PostgreSQL's restrictions on where a locking clause may appear, and the
// LockRows plan node that locks each row the query returns.
//
// Supported: a SELECT over one table. Each row that passes WHERE is locked
// as it is pulled, so LIMIT without ORDER BY locks only the rows returned;
// with ORDER BY every row passing WHERE is locked (PostgreSQL sorts first
// and locks only the rows LIMIT lets through). A row locked after a wait may
// have changed since the snapshot: it is recorded as a read that must be
// unchanged, so REPEATABLE READ fails with 40001 and READ COMMITTED re-runs
// the statement on a new snapshot (returning the row's new version).
#pragma once

#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"
#include "sql/commands/plan_from.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

// "FOR UPDATE", "FOR NO KEY UPDATE", "FOR SHARE" or "FOR KEY SHARE".
const char* LockingStrengthName(ast::LockingClause::Strength strength);

// CheckSelectLocking(): 0A000 "FOR UPDATE is not allowed with DISTINCT
// clause" and the like. No-op without a locking clause.
void CheckSelectLocking(const ast::SelectStatement& stmt, bool grouped, bool has_aggregates);

// Wraps `plan` (rows of the single table `from` scans, after WHERE) in a
// LockRows node. `scan` is the plan's table scan, whose current key names
// the row each Next() returns. Throws 42P01 for an OF name not in FROM and
// 0A000 for FROM items we cannot lock through (joins, views, subqueries).
PlanNodePtr AddLockRows(const CommandContext& ctx, const ast::SelectStatement& stmt,
                        const FromPlan& from, SeqScan* scan, PlanNodePtr plan);

}  // namespace strata::sql
