// SELECT DISTINCT ON (exprs): PostgreSQL's transformDistinctOnClause. Each
// expression names an output column (by name or position) or is an
// expression over the input (a junk column, like an ORDER BY expression).
// The initial ORDER BY items must all be DISTINCT ON expressions until every
// DISTINCT ON expression is used (42P10 "SELECT DISTINCT ON expressions must
// match initial ORDER BY expressions" otherwise); the DISTINCT ON
// expressions not in ORDER BY are sorted on after it. The plan is then
// Sort (all columns kept) -> Unique on the DISTINCT ON keys.
#pragma once

#include <vector>

#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/commands/result_rows.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

// `project` (select list then junk columns), `junk` (owning the junk
// expressions) and `sort_keys` (one per stmt.sort item, in order) as the
// ORDER BY resolution left them; extra sort keys and junk columns are
// appended. Returns the Unique node's keys.
std::vector<SortKey> PlanDistinctOn(Binder& binder, const ast::SelectStatement& stmt,
                                    const std::vector<OutputTarget>& targets,
                                    std::vector<const BoundExpr*>* project,
                                    std::vector<BoundExprPtr>* junk,
                                    std::vector<SortKey>* sort_keys);

}  // namespace strata::sql
