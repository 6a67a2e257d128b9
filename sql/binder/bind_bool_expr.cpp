// AND/OR/NOT, IS [NOT] NULL and IS [NOT] TRUE/FALSE/UNKNOWN.
#include <vector>

#include "sql/binder/binder.h"

namespace strata::sql {

BoundExprPtr Binder::BindBoolExpr(const ast::BoolExpr& expr) {
  const char* construct = "AND";
  BoundBoolOp::Op op = BoundBoolOp::Op::kAnd;
  switch (expr.op) {
    case ast::BoolExpr::Op::kAnd:
      break;
    case ast::BoolExpr::Op::kOr:
      construct = "OR";
      op = BoundBoolOp::Op::kOr;
      break;
    case ast::BoolExpr::Op::kNot:
      construct = "NOT";
      op = BoundBoolOp::Op::kNot;
      break;
  }
  std::vector<BoundExprPtr> args;
  int location = expr.location;
  for (const ast::ExprPtr& arg : expr.args) {
    BoundExprPtr bound = CoerceToBoolean(BindExpr(*arg), construct);
    location = LeftmostLocation(location, bound->location());
    args.push_back(std::move(bound));
  }
  return std::make_unique<BoundBoolOp>(op, std::move(args), location);
}

BoundExprPtr Binder::BindNullTest(const ast::NullTestExpr& expr) {
  BoundExprPtr arg = BindExpr(*expr.arg);
  const int location = LeftmostLocation(expr.location, arg->location());
  return std::make_unique<BoundNullTest>(std::move(arg), expr.is_not_null, location);
}

BoundExprPtr Binder::BindBooleanTest(const ast::BooleanTestExpr& expr) {
  using Test = ast::BooleanTestExpr::Test;
  const char* construct = "IS TRUE";
  BoundBooleanTest::Test test = BoundBooleanTest::Test::kIsTrue;
  switch (expr.test) {
    case Test::kIsTrue:
      break;
    case Test::kIsNotTrue:
      construct = "IS NOT TRUE";
      test = BoundBooleanTest::Test::kIsNotTrue;
      break;
    case Test::kIsFalse:
      construct = "IS FALSE";
      test = BoundBooleanTest::Test::kIsFalse;
      break;
    case Test::kIsNotFalse:
      construct = "IS NOT FALSE";
      test = BoundBooleanTest::Test::kIsNotFalse;
      break;
    case Test::kIsUnknown:
      construct = "IS UNKNOWN";
      test = BoundBooleanTest::Test::kIsUnknown;
      break;
    case Test::kIsNotUnknown:
      construct = "IS NOT UNKNOWN";
      test = BoundBooleanTest::Test::kIsNotUnknown;
      break;
  }
  BoundExprPtr arg = CoerceToBoolean(BindExpr(*expr.arg), construct);
  const int location = LeftmostLocation(expr.location, arg->location());
  return std::make_unique<BoundBooleanTest>(std::move(arg), test, location);
}

}  // namespace strata::sql
