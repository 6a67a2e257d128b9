// Walking parsed (ast) expressions: every node, the column names they read,
// whether they call a volatile function. Used by DDL to name CHECK
// constraints (t_a_check), find the constraints a dropped column takes with
// it, and decide whether ADD COLUMN's DEFAULT can be evaluated once.
#pragma once

#include <functional>
#include <set>
#include <string>

#include "sql/ast/expr.h"

namespace strata::sql {

// Calls `fn` on `expr` and on every expression below it, parents first.
void ForEachExprNode(const ast::Expr& expr, const std::function<void(const ast::Expr&)>& fn);

// The distinct column names (last field of each reference) `expr` reads.
void CollectColumns(const ast::Expr& expr, std::set<std::string>* out);

// Whether `expr` has a subquery (SubLink) anywhere.
bool HasSubLink(const ast::Expr& expr);

// Whether `expr` calls a set-returning function by name (generate_series,
// unnest, regexp_matches, ...), whatever its arguments.
bool CallsSetReturningFunction(const ast::Expr& expr);

// Whether `expr` calls a function PostgreSQL marks volatile (nextval,
// random, clock_timestamp, ...), so it must be evaluated per row.
bool CallsVolatileFunction(const ast::Expr& expr);

}  // namespace strata::sql
