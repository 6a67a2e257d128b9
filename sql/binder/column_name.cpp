// FigureColumnName: the output column name PostgreSQL gives a select-list
// expression without an alias (FigureColname in parse_target.c). Each case
// has a strength: 2 for names that come from the expression itself (a column
// or function name), 1 for fallbacks (a cast's type name, "case"), 0 for none;
// a stronger inner name survives an enclosing cast or CASE.
#include <string>

#include "sql/ast/expr.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"

namespace strata::sql {

namespace {

int FigureColumnNameInternal(const ast::Expr* expr, std::string* name) {
  if (expr == nullptr) return 0;
  switch (expr->kind) {
    case ast::ExprKind::kColumnRef: {
      const auto& ref = static_cast<const ast::ColumnRefExpr&>(*expr);
      for (auto it = ref.fields.rbegin(); it != ref.fields.rend(); ++it) {
        if (*it != "*") {
          *name = *it;
          return 2;
        }
      }
      return 0;
    }
    case ast::ExprKind::kFuncCall: {
      const auto& call = static_cast<const ast::FuncCallExpr&>(*expr);
      if (call.name.empty()) return 0;
      *name = call.name.back();
      return 2;
    }
    case ast::ExprKind::kNullIf:
      *name = "nullif";
      return 2;
    case ast::ExprKind::kTypeCast: {
      const auto& cast = static_cast<const ast::TypeCastExpr&>(*expr);
      const int strength = FigureColumnNameInternal(cast.arg.get(), name);
      if (strength <= 1 && !cast.type_name.names.empty()) {
        *name = cast.type_name.names.back();
        return 1;
      }
      return strength;
    }
    case ast::ExprKind::kCase: {
      const auto& c = static_cast<const ast::CaseExpr&>(*expr);
      const int strength = FigureColumnNameInternal(c.default_result.get(), name);
      if (strength <= 1) {
        *name = "case";
        return 1;
      }
      return strength;
    }
    case ast::ExprKind::kCoalesce:
      *name = "coalesce";
      return 2;
    case ast::ExprKind::kArray:
      *name = "array";
      return 2;
    case ast::ExprKind::kRow:
      *name = "row";
      return 2;
    case ast::ExprKind::kFieldSelect:  // (x).name is named by the field
      *name = static_cast<const ast::FieldSelectExpr&>(*expr).field;
      return 2;
    case ast::ExprKind::kSubscript:  // subscripts only: the name of what is subscripted
      return FigureColumnNameInternal(static_cast<const ast::SubscriptExpr&>(*expr).arg.get(),
                                      name);
    case ast::ExprKind::kMinMax:
      *name = static_cast<const ast::MinMaxExpr&>(*expr).is_greatest ? "greatest" : "least";
      return 2;
    case ast::ExprKind::kSubLink: {
      // EXISTS, ARRAY; a scalar subquery is named by its one output column.
      const auto& link = static_cast<const ast::SubLinkExpr&>(*expr);
      using Type = ast::SubLinkExpr::Type;
      if (link.link_type == Type::kExists) {
        *name = "exists";
        return 2;
      }
      if (link.link_type == Type::kArray) {
        *name = "array";
        return 2;
      }
      if (link.link_type == Type::kExpr && link.subquery != nullptr &&
          !link.subquery->target_list.empty()) {
        const ast::ResTarget& t = link.subquery->target_list.front();
        *name = !t.name.empty() ? t.name : FigureColumnName(*t.value);
        return 2;
      }
      return 0;
    }
    default:
      return 0;
  }
}

}  // namespace

std::string FigureColumnName(const ast::Expr& expr) {
  std::string name;
  if (FigureColumnNameInternal(&expr, &name) > 0) return name;
  return "?column?";
}

}  // namespace strata::sql
