// LOCK TABLE transform (PostgreSQL's LockStmt): the tables and the mode.
#include <memory>

#include "sql/ast/lock_statement.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::unique_ptr<ast::Statement> Transformer::TransformLock(const PgQuery__LockStmt& s) {
  auto stmt = std::make_unique<ast::LockStatement>();
  for (size_t i = 0; i < s.n_relations; ++i) {
    const PgQuery__Node* node = s.relations[i];
    if (node->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) continue;
    // ONLY / inheritance: no table has children here, so both mean the same.
    stmt->tables.push_back(TransformRangeVar(*node->range_var));
  }
  stmt->mode = s.mode;
  stmt->nowait = s.nowait;
  return stmt;
}

}  // namespace strata::sql::parser
