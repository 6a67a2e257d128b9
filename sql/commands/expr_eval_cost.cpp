// Per-tuple evaluation cost of bound expressions (see expr_eval_cost.h).
#include "sql/commands/expr_eval_cost.h"

#include "sql/commands/user_function_call.h"
#include "sql/expr/record_exprs.h"

namespace strata::sql {

namespace {

// In units of cpu_operator_cost.
double Operators(const BoundExpr& e) {
  const auto sum = [](const std::vector<BoundExprPtr>& args) {
    double n = 0;
    for (const BoundExprPtr& a : args) n += Operators(*a);
    return n;
  };
  switch (e.kind()) {
    case BoundExprKind::kFunctionCall:
      return 1 + sum(static_cast<const BoundFunctionCall&>(e).args());
    case BoundExprKind::kUserFunctionCall: {
      const auto& call = static_cast<const BoundUserFunctionCall&>(e);
      return call.function().cost + sum(call.args());
    }
    case BoundExprKind::kCast:
      // A cast through a conversion function (binary-coercible casts,
      // which cost nothing in PostgreSQL, are rare in select lists).
      return 1 + Operators(static_cast<const BoundCast&>(e).arg());
    case BoundExprKind::kTypmodCoercion:
      return Operators(static_cast<const BoundTypmodCoercion&>(e).arg());
    case BoundExprKind::kBoolOp:
      return sum(static_cast<const BoundBoolOp&>(e).args());
    case BoundExprKind::kNullTest:
      return Operators(static_cast<const BoundNullTest&>(e).arg());
    case BoundExprKind::kBooleanTest:
      return Operators(static_cast<const BoundBooleanTest&>(e).arg());
    case BoundExprKind::kCoalesce:
      return sum(static_cast<const BoundCoalesce&>(e).args());
    case BoundExprKind::kMinMax:
      return sum(static_cast<const BoundMinMax&>(e).args());
    case BoundExprKind::kNullIf: {
      const auto& n = static_cast<const BoundNullIf&>(e);
      return 1 + Operators(n.left()) + Operators(n.right());
    }
    case BoundExprKind::kDistinct: {
      const auto& d = static_cast<const BoundDistinct&>(e);
      return 1 + Operators(d.left()) + Operators(d.right());
    }
    case BoundExprKind::kScalarArrayOp: {
      // cost_qual_eval charges half the list's comparisons.
      const auto& a = static_cast<const BoundScalarArrayOp&>(e);
      return 0.5 * static_cast<double>(a.elements().size()) + Operators(a.left()) +
             sum(a.elements());
    }
    case BoundExprKind::kCase: {
      const auto& c = static_cast<const BoundCase&>(e);
      double n = c.arg() != nullptr ? Operators(*c.arg()) : 0;
      for (const BoundCaseWhen& w : c.whens()) n += Operators(*w.condition) + Operators(*w.result);
      return n + Operators(c.default_result());
    }
    case BoundExprKind::kRowConstructor:
      return sum(static_cast<const BoundRowConstructor&>(e).args());
    case BoundExprKind::kFieldSelect:
      return Operators(static_cast<const BoundFieldSelect&>(e).arg());
    default:
      return 0;
  }
}

}  // namespace

double EvalCostPerTuple(const CostParams& p, const BoundExpr& e) {
  return Operators(e) * p.cpu_operator_cost;
}

}  // namespace strata::sql
