// Expressions the catalog keeps as SQL text (column defaults, CHECK
// constraints of tables and domains), parsed back for binding.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/ast/statement.h"

namespace strata::sql {

// The expression of "SELECT <text>", parsed; the statement is kept alive in
// `keep`, and *query gets the text the expression's locations refer to.
// XX001 for text that does not parse as one expression.
const ast::Expr& ParseStoredExpr(const std::string& text,
                                 std::vector<std::unique_ptr<ast::Statement>>* keep,
                                 std::string* query);

}  // namespace strata::sql
