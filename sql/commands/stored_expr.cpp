// Parsing stored expression text (see stored_expr.h).
#include "sql/commands/stored_expr.h"

#include "common/sql_error.h"
#include "sql/parser/parser.h"

namespace strata::sql {

const ast::Expr& ParseStoredExpr(const std::string& text,
                                 std::vector<std::unique_ptr<ast::Statement>>* keep,
                                 std::string* query) {
  *query = "SELECT " + text;
  auto statements = ParseQuery(*query);
  if (statements.size() != 1 || statements[0]->kind != ast::StatementKind::kSelect) {
    throw SqlError(SqlState::kDataCorrupted, "bad stored expression: " + text);
  }
  keep->push_back(std::move(statements[0]));
  const auto& select = static_cast<const ast::SelectStatement&>(*keep->back());
  return *select.target_list.at(0).value;
}

}  // namespace strata::sql
