// Subqueries in FROM under EXPLAIN VERBOSE (see explain_subquery.h).
#include "sql/commands/explain_subquery.h"

#include "sql/commands/explain.h"

namespace strata::sql {

QueryRows RunDerivedQuery(CommandContext& ctx, const ast::SelectStatement& subquery,
                          const std::string& alias) {
  ExplainCapture* explain = ctx.explain;
  // One SELECT over tables: RunSelectCore captures it (set operations,
  // VALUES and constant selects take other paths).
  const bool capture = explain != nullptr && explain->options().verbose &&
                       !explain->options().analyze &&
                       subquery.set_op == ast::SelectStatement::SetOp::kNone &&
                       subquery.values_lists.empty() && !subquery.from.empty();
  if (!capture) return RunQuery(ctx, subquery);
  explain->AddTarget(&subquery);
  const bool qualify_all = explain->qualify_all();
  explain->set_qualify_all(true);
  QueryRows rows;
  try {
    rows = RunQuery(ctx, subquery);
  } catch (...) {
    explain->set_qualify_all(qualify_all);
    explain->Take(&subquery);
    throw;
  }
  explain->set_qualify_all(qualify_all);
  if (std::unique_ptr<ExplainEntry> e = explain->Take(&subquery)) {
    explain->AddSubqueryPlan(alias, std::move(e));
  }
  return rows;
}

}  // namespace strata::sql
