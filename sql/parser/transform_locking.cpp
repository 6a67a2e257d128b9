// SELECT's locking clauses: FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE /
// FOR KEY SHARE [OF table, ...] [NOWAIT | SKIP LOCKED].
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

ast::LockingClause Transformer::TransformLockingClause(const PgQuery__LockingClause& c) {
  ast::LockingClause out;
  using Strength = ast::LockingClause::Strength;
  switch (c.strength) {
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORKEYSHARE:
      out.strength = Strength::kKeyShare;
      break;
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORSHARE:
      out.strength = Strength::kShare;
      break;
    case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORNOKEYUPDATE:
      out.strength = Strength::kNoKeyUpdate;
      break;
    default:
      out.strength = Strength::kUpdate;
      break;
  }
  switch (c.wait_policy) {
    case PG_QUERY__LOCK_WAIT_POLICY__LockWaitSkip:
      out.wait = ast::LockingClause::Wait::kSkipLocked;
      break;
    case PG_QUERY__LOCK_WAIT_POLICY__LockWaitError:
      out.wait = ast::LockingClause::Wait::kNoWait;
      break;
    default:
      out.wait = ast::LockingClause::Wait::kBlock;
      break;
  }
  for (size_t i = 0; i < c.n_locked_rels; ++i) {
    const PgQuery__Node* rel = c.locked_rels[i];
    if (rel == nullptr || rel->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) {
      throw NotSupported("this FOR UPDATE/SHARE target");
    }
    out.of.push_back(TransformRangeVar(*rel->range_var));
  }
  return out;
}

}  // namespace strata::sql::parser
