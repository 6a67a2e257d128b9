// Whether a SELECT has a subquery expression anywhere: one without FROM then
// needs the statement's transaction and catalog (the subquery reads tables),
// so it runs as a table statement (an empty FROM plans as one row) instead
// of on SqlSession's constant path.
#include "sql/commands/table_commands.h"
#include "sql/commands/expr_walk.h"

namespace strata::sql {

bool SelectHasSubLink(const ast::SelectStatement& stmt) {
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
