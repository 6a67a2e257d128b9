// Whether a SELECT without FROM runs as a table statement (an empty FROM plans
// as one row) instead of on SqlSession's constant path: a subquery expression
// needs the statement's transaction and catalog (it reads tables), so does a
// call of a function named like a user-defined one (it runs its body), a
// set-returning call in the select list needs the ProjectSet node, and (x).*
// the select list's expansion.
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

bool SelectListCallsSetReturningFunction(const ast::SelectStatement& stmt) {
  for (const ast::ResTarget& t : stmt.target_list) {
    if (t.value != nullptr && CallsSetReturningFunction(*t.value)) return true;
  }
  return false;
}

bool SelectNeedsTableQuery(const ast::SelectStatement& stmt) {
  if (SelectListCallsSetReturningFunction(stmt)) return true;
  bool found = false;
  const std::shared_ptr<const catalog::CatalogSnapshot> catalog = CurrentStatementCatalog();
  const bool functions = catalog != nullptr && !catalog->functions().empty();
  // A user-defined operator or cast may call a user-defined function that
  // the text does not name (bind_user_operator.cpp).
  if (functions && (!catalog->operators().empty() || !catalog->casts().empty())) return true;
  auto check = [&](const ast::ExprPtr& e) {
    if (e != nullptr && !found) found = HasSubLink(*e);
    if (e != nullptr && !found && functions) found = CallsUserFunction(*e, *catalog);
  };
  for (const ast::ResTarget& t : stmt.target_list) {
    check(t.value);
    // (x).* expands to several columns (BindTargetList).
    if (t.value != nullptr && t.value->kind == ast::ExprKind::kFieldSelect &&
        static_cast<const ast::FieldSelectExpr&>(*t.value).field == "*") {
      found = true;
    }
  }
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
