// Subqueries in FROM under EXPLAIN VERBOSE: instead of running the subquery
// while the outer query is planned (its rows feed a materialized scan), its
// plan is captured and described as it would run, with column names
// qualified (the outer plan has more than one range table entry). The
// outer query's capture then puts that plan where its "Subquery Scan"
// stands, which PostgreSQL leaves out when it would only pass its input's
// columns through (setrefs.c's trivial_subqueryscan); any other Subquery
// Scan under VERBOSE is still 0A000 (ExplainCapture::Capture).
#pragma once

#include <string>

#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"
#include "sql/commands/run_query.h"

namespace strata::sql {

// RunQuery for the subquery of FROM item `alias`; under EXPLAIN VERBOSE
// without ANALYZE its plan is captured (ExplainCapture::AddSubqueryPlan)
// and the rows are empty.
QueryRows RunDerivedQuery(CommandContext& ctx, const ast::SelectStatement& subquery,
                          const std::string& alias);

}  // namespace strata::sql
