// SELECT without FROM that contains a subquery: it needs the statement's
// transaction and catalog (the subquery reads tables), so it runs as a
// table statement instead of on SqlSession's constant path; otherwise it is
// bound and evaluated exactly as there.
#include "sql/commands/table_commands.h"
#include "sql/commands/expr_walk.h"
#include "sql/executor/execute_select.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteSelectWithoutFrom(CommandContext& ctx, const ast::SelectStatement& stmt) {
  if (!stmt.sort.empty()) {
    throw SqlError(SqlState::kFeatureNotSupported, "ORDER BY without FROM is not supported yet");
  }
  if (stmt.limit_count || stmt.limit_offset) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "LIMIT/OFFSET without FROM is not supported yet");
  }
  Binder binder = ctx.MakeBinder();
  const BoundSelect bound = binder.BindSelect(stmt);
  StatementOutput result;
  result.returns_rows = true;
  if (ctx.analyze_only) {
    for (const OutputColumn& c : bound.columns) {
      result.columns.push_back(MakeResultColumn(c.name, c.type));
    }
    return result;
  }
  SelectResult selected = ExecuteSelect(bound, ctx.param_values);
  for (size_t c = 0; c < bound.columns.size(); ++c) {
    result.columns.push_back(MakeResultColumn(bound.columns[c].name, selected.column_types[c]));
  }
  result.rows = std::move(selected.rows);
  result.command_tag = "SELECT " + std::to_string(result.rows.size());
  return result;
}

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
