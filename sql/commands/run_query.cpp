// RunQuery (see run_query.h).
#include "sql/commands/run_query.h"

#include "sql/commands/table_commands.h"
#include "sql/executor/execute_select.h"

namespace strata::sql {

QueryRows RunQuery(CommandContext& ctx, const ast::SelectStatement& stmt) {
  QueryRows out;
  if (stmt.from.empty()) {
    if (!stmt.sort.empty()) {
      throw SqlError(SqlState::kFeatureNotSupported, "ORDER BY without FROM is not supported yet");
    }
    if (stmt.limit_count || stmt.limit_offset) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "LIMIT/OFFSET without FROM is not supported yet");
    }
    Binder binder = ctx.MakeBinder();
    const BoundSelect bound = binder.BindSelect(stmt);
    // Parse-time types (exprType/exprTypmod), as CREATE TABLE AS uses.
    for (const OutputColumn& c : bound.columns) {
      out.names.push_back(c.name);
      out.types.push_back(c.type);
    }
    if (ctx.analyze_only) return out;
    out.rows = ExecuteSelect(bound, ctx.param_values).rows;
    return out;
  }
  TableQueryResult result = RunTableQuery(ctx, stmt);
  for (const OutputTarget& t : result.targets) {
    out.names.push_back(t.name);
    out.types.push_back(t.expr->type());
  }
  out.rows = std::move(result.rows);
  return out;
}

}  // namespace strata::sql
