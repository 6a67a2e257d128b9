// Whether a SELECT has a subquery expression anywhere, or calls a function
// named like a user-defined one: one without FROM then needs the
// statement's transaction and catalog (the subquery reads tables, the
// function runs its body), so it runs as a table statement (an empty FROM
// plans as one row) instead of on SqlSession's constant path.
#include "sql/commands/table_commands.h"
#include "sql/commands/expr_walk.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

// Whether `expr` calls a function whose name some user-defined function has
// (in any schema: a false positive only costs the constant path).
bool CallsUserFunction(const ast::Expr& expr, const catalog::CatalogSnapshot& catalog) {
  bool found = false;
  ForEachExprNode(expr, [&](const ast::Expr& e) {
    if (found || e.kind != ast::ExprKind::kFuncCall) return;
    const std::string& name = static_cast<const ast::FuncCallExpr&>(e).name.back();
    for (const auto& [oid, fn] : catalog.functions()) {
      if (fn->name == name) found = true;
    }
  });
  return found;
}

}  // namespace

bool SelectHasSubLink(const ast::SelectStatement& stmt) {
  bool found = false;
  const std::shared_ptr<const catalog::CatalogSnapshot> catalog = CurrentStatementCatalog();
  const bool functions = catalog != nullptr && !catalog->functions().empty();
  auto check = [&](const ast::ExprPtr& e) {
    if (e != nullptr && !found) found = HasSubLink(*e);
    if (e != nullptr && !found && functions) found = CallsUserFunction(*e, *catalog);
  };
  for (const ast::ResTarget& t : stmt.target_list) check(t.value);
  check(stmt.where);
  check(stmt.having);
  for (const ast::ExprPtr& e : stmt.group_by) check(e);
  for (const ast::SortBy& s : stmt.sort) check(s.expr);
  check(stmt.limit_count);
  check(stmt.limit_offset);
  for (const auto& row : stmt.values_lists) {
    for (const ast::ExprPtr& e : row) check(e);
  }
  return found;
}

}  // namespace strata::sql
