// Whether a SELECT without FROM runs as a table statement (an empty FROM plans
// as one row) instead of on SqlSession's constant path: a subquery expression
// needs the statement's transaction and catalog (it reads tables), and a
// set-returning call in the select list needs the ProjectSet node.
#include "sql/commands/table_commands.h"
#include "sql/commands/expr_walk.h"

namespace strata::sql {

bool SelectListCallsSetReturningFunction(const ast::SelectStatement& stmt) {
  for (const ast::ResTarget& t : stmt.target_list) {
    if (t.value != nullptr && CallsSetReturningFunction(*t.value)) return true;
  }
  return false;
}

bool SelectNeedsTableQuery(const ast::SelectStatement& stmt) {
  if (SelectListCallsSetReturningFunction(stmt)) return true;
  bool found = false;
  auto check = [&found](const ast::ExprPtr& e) {
    if (e != nullptr && !found) found = HasSubLink(*e);
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
