// LOCK [TABLE] [ONLY] name [, ...] [IN mode MODE] [NOWAIT] (PostgreSQL's
// LockStmt).
#pragma once

#include <vector>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

struct LockStatement : Statement {
  LockStatement() : Statement(StatementKind::kLock) {}

  std::vector<RangeVar> tables;
  // PostgreSQL's lock mode number, 1 (ACCESS SHARE) .. 8 (ACCESS EXCLUSIVE,
  // the default), as txn::RelationLockMode numbers them.
  int mode = 8;
  bool nowait = false;
};

}  // namespace strata::sql::ast
