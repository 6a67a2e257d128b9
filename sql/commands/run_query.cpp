// RunQuery and RunTableQuery (see run_query.h): the one place that decides
// how a SelectStatement runs -- WITH, set operation, VALUES, constant SELECT
// or SELECT over FROM (RunSelectCore, execute_table_select.cpp).
#include "sql/commands/run_query.h"

#include <optional>

#include "sql/commands/cte_scope.h"
#include "sql/commands/output_order.h"
#include "sql/commands/set_operation.h"
#include "sql/commands/table_commands.h"
#include "sql/executor/execute_select.h"

namespace strata::sql {

namespace {

// The statement without its WITH clause (which the caller has in scope).
QueryRows RunQueryBody(CommandContext& ctx, const ast::SelectStatement& stmt) {
  if (stmt.set_op != ast::SelectStatement::SetOp::kNone) return RunSetOperation(ctx, stmt);
  QueryRows out;
  const bool ordered = !stmt.sort.empty() || stmt.limit_count || stmt.limit_offset;
  if (!stmt.values_lists.empty() || (stmt.from.empty() && !ordered && stmt.distinct_on.empty() &&
                                      !SelectListCallsSetReturningFunction(stmt))) {
    Binder binder = ctx.MakeBinder();
    const BoundSelect bound = binder.BindSelect(stmt);
    // Parse-time types (exprType/exprTypmod), as CREATE TABLE AS uses.
    for (const OutputColumn& c : bound.columns) {
      out.names.push_back(c.name);
      out.types.push_back(c.type);
    }
    if (!ctx.analyze_only) out.rows = ExecuteSelect(bound, ctx.param_values).rows;
    if (ordered) ApplyOutputOrder(ctx, stmt, false, &out);
    return out;
  }
  TableQueryResult result = RunSelectCore(ctx, stmt);
  for (const OutputTarget& t : result.targets) {
    out.names.push_back(t.name);
    out.types.push_back(t.expr->type());
  }
  out.rows = std::move(result.rows);
  return out;
}

}  // namespace

QueryRows RunQuery(CommandContext& ctx, const ast::SelectStatement& stmt) {
  std::optional<ScopedWithClause> with;
  if (stmt.with) with.emplace(ctx, *stmt.with);
  return RunQueryBody(ctx, stmt);
}

TableQueryResult RunTableQuery(CommandContext& ctx, const ast::SelectStatement& stmt,
                               const QueryRowSink* sink) {
  if (stmt.set_op == ast::SelectStatement::SetOp::kNone && stmt.values_lists.empty()) {
    // One SELECT (after its WITH): its targets keep their column origins.
    std::optional<ScopedWithClause> with;
    if (stmt.with) with.emplace(ctx, *stmt.with);
    return RunSelectCore(ctx, stmt, sink);
  }
  QueryRows q = RunQuery(ctx, stmt);
  TableQueryResult out;
  for (size_t i = 0; i < q.names.size(); ++i) {
    out.targets.push_back(
        {q.names[i], std::make_unique<BoundColumnRef>(static_cast<int>(i), q.types[i], -1), 0, 0});
  }
  if (sink != nullptr) {
    for (Row& row : q.rows) (*sink)(std::move(row));
  } else {
    out.rows = std::move(q.rows);
  }
  return out;
}

}  // namespace strata::sql
