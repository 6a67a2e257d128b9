// SELECT's locking clauses (see select_locking.h).
#include "sql/commands/relation_locks.h"
#include "sql/commands/select_locking.h"
#include "sql/executor/explain_writer.h"

#include <algorithm>
#include <string>

#include "common/sql_error.h"
#include "sql/commands/row_locks.h"

namespace strata::sql {

namespace {

using Strength = ast::LockingClause::Strength;
using Wait = ast::LockingClause::Wait;

}  // namespace

const char* LockingStrengthName(Strength s) {
  // The clause strengths are declared in the lock modes' order.
  return txn::LockManager::ModeName(static_cast<txn::RowLockMode>(static_cast<int>(s)));
}

namespace {

// Several clauses on one table: the strongest strength, and NOWAIT over
// SKIP LOCKED over waiting (PostgreSQL's applyLockingClause).
int WaitRank(Wait w) { return w == Wait::kNoWait ? 2 : w == Wait::kSkipLocked ? 1 : 0; }

class LockRows final : public PlanNode {
 public:
  LockRows(const CommandContext& ctx, const catalog::TableDesc& table, SeqScan* scan,
           txn::RowLockMode mode, txn::LockWaitPolicy policy, PlanNodePtr child)
      : ctx_(ctx), table_(table), scan_(scan), mode_(mode), policy_(policy),
        child_(std::move(child)) {}
  void Init() override { child_->Init(); }
  bool Next(Row* row) override {
    while (child_->Next(row)) {
      const std::string& key = scan_->current_key();
      if (!LockTableRow(ctx_, table_, key, mode_, policy_)) continue;  // SKIP LOCKED
      ctx_.txn->RecordLockedRow(table_.tree, key);
      return true;
    }
    return false;
  }
  void Close() override { child_->Close(); }

  std::vector<std::string> Describe(ExplainWriter& w) const override;
  void ForEachChild(const std::function<void(PlanNodePtr&)>& fn) override { fn(child_); }

 private:
  const CommandContext& ctx_;
  const catalog::TableDesc& table_;
  SeqScan* scan_;
  txn::RowLockMode mode_;
  txn::LockWaitPolicy policy_;
  PlanNodePtr child_;
};

std::vector<std::string> LockRows::Describe(ExplainWriter& w) const {
  if (w.options().verbose) {
    // PostgreSQL's Output lists here carry each relation's row identity.
    throw SqlError(SqlState::kFeatureNotSupported,
                   "EXPLAIN VERBOSE of SELECT ... FOR UPDATE/SHARE is not supported yet");
  }
  w.BeginNode("LockRows");
  std::vector<std::string> labels = w.Describe(*child_);
  w.EndNode();
  return labels;
}

}  // namespace

void CheckSelectLocking(const ast::SelectStatement& stmt, bool grouped, bool has_aggregates) {
  if (stmt.locking.empty()) return;
  const std::string what = LockingStrengthName(stmt.locking.front().strength);
  auto refuse = [&](const char* with) {
    throw SqlError(SqlState::kFeatureNotSupported, what + " is not allowed with " + with);
  };
  if (stmt.distinct) refuse("DISTINCT clause");
  if (!stmt.group_by.empty()) refuse("GROUP BY clause");
  if (stmt.having) refuse("HAVING clause");
  if (grouped && has_aggregates) refuse("aggregate functions");
}

PlanNodePtr AddLockRows(const CommandContext& ctx, const ast::SelectStatement& stmt,
                        const FromPlan& from, SeqScan* scan, PlanNodePtr plan) {
  Strength strength = Strength::kKeyShare;
  Wait wait = Wait::kBlock;
  for (const ast::LockingClause& clause : stmt.locking) {
    strength = std::max(strength, clause.strength);
    if (WaitRank(clause.wait) > WaitRank(wait)) wait = clause.wait;
  }
  const bool one_table = stmt.from.size() == 1 && stmt.from[0].kind == ast::FromItem::Kind::kTable &&
                         from.codecs.size() == 1 && scan != nullptr;
  if (!one_table) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   std::string(LockingStrengthName(strength)) +
                       " is only supported on a single table yet (not on joins, views, "
                       "subqueries or functions)");
  }
  const ast::RangeVar& table_ref = stmt.from[0].table;
  for (const ast::LockingClause& clause : stmt.locking) {
    for (const ast::RangeVar& of : clause.of) {
      // OF names a FROM item by its alias, or by its table name without one.
      const std::string& visible = table_ref.alias.empty() ? table_ref.name : table_ref.alias;
      if (!of.schema.empty() || of.name != visible) {
        throw ctx.MakeBinder().ErrorAt(SqlState::kUndefinedTable,
                                       "relation \"" + of.name + "\" in " +
                                           LockingStrengthName(clause.strength) +
                                           " clause not found in FROM clause",
                                       of.location);
      }
    }
  }
  txn::RowLockMode mode = static_cast<txn::RowLockMode>(static_cast<int>(strength));
  txn::LockWaitPolicy policy = wait == Wait::kNoWait       ? txn::LockWaitPolicy::kNoWait
                               : wait == Wait::kSkipLocked ? txn::LockWaitPolicy::kSkipLocked
                                                           : txn::LockWaitPolicy::kWait;
  const catalog::TableDesc& locked = from.codecs[0]->table();
  LockRelation(ctx, locked.oid, locked.name, txn::RelationLockMode::kRowShare,
               policy == txn::LockWaitPolicy::kNoWait);
  return std::make_unique<LockRows>(ctx, from.codecs[0]->table(), scan, mode, policy,
                                    std::move(plan));
}

}  // namespace strata::sql
