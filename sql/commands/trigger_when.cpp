// A trigger's WHEN condition (see trigger_when.h).
#include "sql/commands/trigger_when.h"

#include "sql/binder/binder.h"
#include "sql/commands/stored_expr.h"
#include "sql/commands/table_rows.h"

namespace strata::sql {

BoundExprPtr BindTriggerWhen(const CommandContext& ctx, const catalog::TableDesc& table,
                             const std::string& text,
                             std::vector<std::unique_ptr<ast::Statement>>* keep,
                             BindScope* scope) {
  std::string query;
  const ast::Expr& expr = ParseStoredExpr(text, keep, &query);
  *scope = TableScope(ctx, table, "old");
  ScopeRelation new_rel = scope->relations[0];
  new_rel.alias = "new";
  for (ScopeColumn& c : new_rel.columns) c.slot += static_cast<int>(table.columns.size());
  scope->relations.push_back(std::move(new_rel));
  CommandContext bind_ctx = ctx;
  bind_ctx.query = query;
  bind_ctx.outer = nullptr;
  Binder binder = bind_ctx.MakeBinder();
  binder.SetScope(scope);
  return binder.CoerceToBoolean(binder.BindExpr(expr), "WHEN");
}

}  // namespace strata::sql
