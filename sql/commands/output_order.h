// ORDER BY / LIMIT / OFFSET / FETCH [WITH TIES] applied to a query result
// whose ORDER BY may only name output columns: a set operation's
// (transformSetOperationStmt: by output column name or position; anything
// else is PostgreSQL's 0A000 "invalid UNION/INTERSECT/EXCEPT ORDER BY
// clause") and a VALUES list's (by column1, ..., position, or an expression
// over the columns).
#pragma once

#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"
#include "sql/commands/run_query.h"

namespace strata::sql {

// Sorts and limits `q->rows` (nothing to do when analyzing, beyond the
// checks). `set_operation`: the statement is a UNION/INTERSECT/EXCEPT (its
// errors); otherwise a VALUES list.
void ApplyOutputOrder(CommandContext& ctx, const ast::SelectStatement& stmt, bool set_operation,
                      QueryRows* q);

}  // namespace strata::sql
