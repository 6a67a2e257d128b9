// SubLink transform: a subquery used as an expression -> ast::SubLinkExpr.
// The grammar gives IN (SELECT ...) as ANY with operator "=" (no operator
// name) and NOT IN as NOT over it; a row constructor on the left
// ((a, b) IN (SELECT x, y)) becomes the list of its fields.
#include <memory>

#include "sql/ast/expr.h"
#include "sql/ast/statement.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

ast::ExprPtr Transformer::TransformSubLink(const PgQuery__SubLink& s) {
  using Type = ast::SubLinkExpr::Type;
  Type type = Type::kExpr;
  switch (s.sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
      type = Type::kExists;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
      type = Type::kAny;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK:
      type = Type::kAll;
      break;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK:
      type = Type::kExpr;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
      type = Type::kArray;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ROWCOMPARE_SUBLINK:
      throw NotSupported("a row comparison with a subquery", s.location);
    default:
      throw NotSupported("this kind of subquery", s.location);
  }
  auto expr = std::make_unique<ast::SubLinkExpr>(type, s.location);
  if (type == Type::kAny || type == Type::kAll) {
    expr->op = StringList(s.oper_name, s.n_oper_name);
    if (expr->op.empty()) expr->op = {"="};  // IN
    const PgQuery__Node* test = s.testexpr;
    if (test != nullptr && test->node_case == PG_QUERY__NODE__NODE_ROW_EXPR) {
      const PgQuery__RowExpr& row = *test->row_expr;
      expr->test = TransformExprList(row.args, row.n_args);
      expr->test_is_row = true;
      expr->test_location = row.location;
    } else {
      expr->test.push_back(TransformExpr(test));
      expr->test_location = expr->test.back()->location;
    }
  }
  expr->subquery = TransformQuery(s.subselect);
  return expr;
}

}  // namespace strata::sql::parser
