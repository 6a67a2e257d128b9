// LIMIT / OFFSET / FETCH FIRST of a SELECT: bound to bigint and evaluated
// once, with PostgreSQL's errors (42804 for a non-bigint argument, 2201W /
// 2201X for negative values).
#pragma once

#include <cstdint>

#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

struct LimitClause {
  int64_t offset = 0;
  int64_t count = -1;  // < 0: no limit (LIMIT ALL, LIMIT NULL, none)
};

// When only analyzing, the clauses are bound (parameter types inferred) but
// not evaluated: the result is "no limit".
LimitClause EvaluateLimitClause(const CommandContext& ctx, const ast::SelectStatement& stmt);

}  // namespace strata::sql
