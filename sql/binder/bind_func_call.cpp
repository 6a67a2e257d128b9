// Function calls. The functions we evaluate are bound by
// BindBuiltinFunction (bind_builtin_func.cpp); any other call is reported as
// unsupported with PostgreSQL's signature spelling ("abs(integer)") once its
// arguments have bound, as PostgreSQL analyzes the arguments first.
#include <string>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"

namespace strata::sql {

BoundExprPtr Binder::BindFuncCall(const ast::FuncCallExpr& expr) {
  if (!expr.agg_star && !expr.agg_distinct && !expr.has_decorations) {
    std::vector<BoundExprPtr> args;
    for (const ast::ExprPtr& arg : expr.args) args.push_back(BindExpr(*arg));
    if (BoundExprPtr bound = BindBuiltinFunction(expr, args)) return bound;
  }
  std::string signature;
  for (size_t i = 0; i < expr.name.size(); ++i) {
    if (i > 0) signature += ".";
    signature += expr.name[i];
  }
  signature += "(";
  if (expr.agg_distinct) signature += "DISTINCT ";
  if (expr.agg_star) {
    signature += "*";
  } else {
    for (size_t i = 0; i < expr.args.size(); ++i) {
      BoundExprPtr arg = BindExpr(*expr.args[i]);
      if (i > 0) signature += ", ";
      signature += FormatTypeName(arg->type().oid);
    }
  }
  signature += ")";
  throw ErrorAt(SqlState::kFeatureNotSupported, "function " + signature + " is not supported yet",
                expr.location);
}

}  // namespace strata::sql
