// DML on views through INSTEAD OF triggers (see view_dml.h).
#include "sql/commands/view_dml.h"

#include <memory>
#include <string>

#include "sql/commands/table_triggers.h"
#include "sql/commands/user_function_call.h"
#include "sql/executor/plan_node.h"
#include "sql/expr/text_quote.h"
#include "sql/parser/parser.h"

namespace strata::sql {

std::optional<catalog::TableDesc> InsteadOfTarget(const CommandContext& ctx,
                                                  const ast::RangeVar& rv, int16_t event) {
  if (FindTable(ctx, rv) != nullptr) return std::nullopt;
  const catalog::ViewDesc* view = FindView(ctx, rv);
  if (view == nullptr) return std::nullopt;
  for (const catalog::TriggerDesc& t : view->triggers) {
    if (t.IsInstead() && t.Fires(event) && t.IsEnabled()) return ViewTriggerTarget(*view);
  }
  return std::nullopt;
}

bool IsViewTarget(const CommandContext& ctx, const catalog::TableDesc& table) {
  return ctx.catalog->FindView(table.oid) != nullptr;
}

std::vector<Row> SelectViewRows(CommandContext& ctx, const catalog::TableDesc& view,
                                const BoundExpr* where) {
  // The view's query, run as a statement of its own over its columns.
  std::string query = "SELECT * FROM ";
  if (const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(view.namespace_oid)) {
    query += QuoteIdentText(ns->name) + ".";
  }
  query += QuoteIdentText(view.name);
  std::vector<std::unique_ptr<ast::Statement>> parsed = ParseQuery(query);
  CommandContext run = NestedStatementContext(ctx, query);
  StatementOutput out = RunBodyStatement(run, *parsed.at(0));
  std::vector<Row> rows;
  EvalContext eval = ctx.MakeEval();
  for (Row& row : out.rows) {
    if (where != nullptr && !EvaluatePredicate(*where, row, eval)) continue;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace strata::sql
