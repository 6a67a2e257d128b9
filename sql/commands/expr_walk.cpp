// ast expression walks (see expr_walk.h).
#include "sql/commands/expr_walk.h"

#include "sql/expr/sql_function.h"
#include "sql/expr/record_set_functions.h"

namespace strata::sql {

void ForEachExprNode(const ast::Expr& expr, const std::function<void(const ast::Expr&)>& fn) {
  fn(expr);
  auto walk = [&](const ast::ExprPtr& e) {
    if (e != nullptr) ForEachExprNode(*e, fn);
  };
  switch (expr.kind) {
    case ast::ExprKind::kOperator: {
      const auto& op = static_cast<const ast::OperatorExpr&>(expr);
      walk(op.left);
      walk(op.right);
      return;
    }
    case ast::ExprKind::kBool:
      for (const auto& a : static_cast<const ast::BoolExpr&>(expr).args) walk(a);
      return;
    case ast::ExprKind::kNullTest:
      walk(static_cast<const ast::NullTestExpr&>(expr).arg);
      return;
    case ast::ExprKind::kBooleanTest:
      walk(static_cast<const ast::BooleanTestExpr&>(expr).arg);
      return;
    case ast::ExprKind::kTypeCast:
      walk(static_cast<const ast::TypeCastExpr&>(expr).arg);
      return;
    case ast::ExprKind::kFuncCall:
      for (const auto& a : static_cast<const ast::FuncCallExpr&>(expr).args) walk(a);
      return;
    case ast::ExprKind::kCoalesce:
      for (const auto& a : static_cast<const ast::CoalesceExpr&>(expr).args) walk(a);
      return;
    case ast::ExprKind::kMinMax:
      for (const auto& a : static_cast<const ast::MinMaxExpr&>(expr).args) walk(a);
      return;
    case ast::ExprKind::kNullIf: {
      const auto& n = static_cast<const ast::NullIfExpr&>(expr);
      walk(n.left);
      walk(n.right);
      return;
    }
    case ast::ExprKind::kDistinct: {
      const auto& n = static_cast<const ast::DistinctExpr&>(expr);
      walk(n.left);
      walk(n.right);
      return;
    }
    case ast::ExprKind::kInList: {
      const auto& n = static_cast<const ast::InListExpr&>(expr);
      walk(n.arg);
      for (const auto& a : n.list) walk(a);
      return;
    }
    case ast::ExprKind::kBetween: {
      const auto& n = static_cast<const ast::BetweenExpr&>(expr);
      walk(n.arg);
      walk(n.lower);
      walk(n.upper);
      return;
    }
    case ast::ExprKind::kCase: {
      const auto& n = static_cast<const ast::CaseExpr&>(expr);
      walk(n.arg);
      for (const auto& w : n.whens) {
        walk(w.condition);
        walk(w.result);
      }
      walk(n.default_result);
      return;
    }
    case ast::ExprKind::kArray:
      for (const auto& a : static_cast<const ast::ArrayExpr&>(expr).elements) walk(a);
      return;
    case ast::ExprKind::kSubscript: {
      const auto& n = static_cast<const ast::SubscriptExpr&>(expr);
      walk(n.arg);
      for (const auto& s : n.subscripts) {
        walk(s.lower);
        walk(s.upper);
      }
      return;
    }
    case ast::ExprKind::kArrayOp: {
      const auto& n = static_cast<const ast::ArrayOpExpr&>(expr);
      walk(n.left);
      walk(n.right);
      return;
    }
    case ast::ExprKind::kSubLink:
      // The left operands only: the subquery is a query of its own.
      for (const auto& a : static_cast<const ast::SubLinkExpr&>(expr).test) walk(a);
      return;
    case ast::ExprKind::kRow:
      for (const auto& a : static_cast<const ast::RowExpr&>(expr).args) walk(a);
      return;
    case ast::ExprKind::kFieldSelect:
      walk(static_cast<const ast::FieldSelectExpr&>(expr).arg);
      return;
    case ast::ExprKind::kConstant:
    case ast::ExprKind::kColumnRef:
    case ast::ExprKind::kParamRef:
      return;
  }
}

void CollectColumns(const ast::Expr& expr, std::set<std::string>* out) {
  ForEachExprNode(expr, [out](const ast::Expr& e) {
    if (e.kind != ast::ExprKind::kColumnRef) return;
    const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
    if (!ref.fields.empty()) out->insert(ref.fields.back());
  });
}

bool HasSubLink(const ast::Expr& expr) {
  bool found = false;
  ForEachExprNode(expr, [&found](const ast::Expr& e) { found |= e.kind == ast::ExprKind::kSubLink; });
  return found;
}

bool CallsSetReturningFunction(const ast::Expr& expr) {
  bool found = false;
  ForEachExprNode(expr, [&found](const ast::Expr& e) {
    if (found || e.kind != ast::ExprKind::kFuncCall) return;
    const auto& f = static_cast<const ast::FuncCallExpr&>(e);
    if (f.name.size() == 2 && f.name[0] == "information_schema") {
      for (const SqlFunction& candidate : InformationSchemaSqlFunctions()) {
        if (candidate.name == f.name[1] && candidate.set_generator != nullptr) found = true;
      }
      return;
    }
    if (f.name.empty() || f.name.size() > 2 || (f.name.size() == 2 && f.name[0] != "pg_catalog")) {
      return;
    }
    for (const SqlFunction* candidate : FindSqlFunctions(f.name.back())) {
      if (candidate->set_generator != nullptr) found = true;
    }
  });
  return found;
}

bool CallsVolatileFunction(const ast::Expr& expr) {
  static const std::set<std::string> kVolatile = {
      "nextval", "setval", "random", "gen_random_uuid", "clock_timestamp", "timeofday",
      "txid_current", "pg_current_xact_id"};
  bool found = false;
  ForEachExprNode(expr, [&found](const ast::Expr& e) {
    if (e.kind != ast::ExprKind::kFuncCall) return;
    const auto& f = static_cast<const ast::FuncCallExpr&>(e);
    if (!f.name.empty() && kVolatile.count(f.name.back()) != 0) found = true;
  });
  return found;
}

}  // namespace strata::sql
