// CASE, COALESCE and GREATEST/LEAST: constructs whose result type is the
// common type of their arms (select_common_type), as in PostgreSQL's
// transformCaseExpr, transformCoalesceExpr and transformMinMaxExpr.
#include <vector>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/set_returning_targets.h"
#include "sql/builtin/type_table.h"

namespace strata::sql {

namespace {

// exprTypmod() of a construct: the arms' typmod if all agree, else -1.
int32_t CommonTypmodOf(const std::vector<const BoundExpr*>& arms, Oid type) {
  int32_t typmod = -2;
  for (const BoundExpr* arm : arms) {
    if (arm->type().oid != type) return -1;
    if (typmod == -2) {
      typmod = arm->type().typmod;
    } else if (typmod != arm->type().typmod) {
      return -1;
    }
  }
  return typmod < 0 ? -1 : typmod;
}

}  // namespace

BoundExprPtr Binder::BindCase(const ast::CaseExpr& expr) {
  SetReturningForbiddenScope forbid(*this, "set-returning functions are not allowed in CASE");
  BoundExprPtr arg;
  DataType placeholder_type;
  if (expr.arg) {
    arg = BindExpr(*expr.arg);
    // An untyped literal test expression is forced to text.
    if (arg->type().oid == type_oid::kUnknown) {
      arg = CoerceToCommonType(std::move(arg), type_oid::kText, "CASE");
    }
    placeholder_type = arg->type();
  }

  std::vector<BoundCaseWhen> whens;
  for (const ast::CaseWhen& when : expr.whens) {
    BoundExprPtr condition;
    if (arg) {
      // CASE x WHEN v: the condition is x = v, x read from the placeholder.
      auto placeholder = std::make_unique<BoundCaseTest>(placeholder_type, -1);
      condition =
          MakeOperator({"="}, std::move(placeholder), BindExpr(*when.condition), when.location);
    } else {
      condition = BindExpr(*when.condition);
    }
    condition = CoerceToBoolean(std::move(condition), "CASE/WHEN");
    whens.push_back({std::move(condition), BindExpr(*when.result)});
  }
  BoundExprPtr default_result =
      expr.default_result ? BindExpr(*expr.default_result)
                          : std::make_unique<BoundConstant>(Value::Null(type_oid::kUnknown),
                                                            DataType{type_oid::kUnknown}, -1);

  // The default result comes first: it decides ties, as in PostgreSQL.
  std::vector<const BoundExpr*> results = {default_result.get()};
  for (const BoundCaseWhen& w : whens) results.push_back(w.result.get());
  const Oid type = SelectCommonType(results, "CASE");

  default_result = CoerceToCommonType(std::move(default_result), type, "CASE");
  for (BoundCaseWhen& w : whens) {
    w.result = CoerceToCommonType(std::move(w.result), type, "CASE");
  }
  int32_t typmod = -1;
  if (expr.default_result) {
    std::vector<const BoundExpr*> arms = {default_result.get()};
    for (const BoundCaseWhen& w : whens) arms.push_back(w.result.get());
    typmod = CommonTypmodOf(arms, type);
  }
  return std::make_unique<BoundCase>(std::move(arg), std::move(whens), std::move(default_result),
                                     DataType{type, typmod}, expr.location);
}

BoundExprPtr Binder::BindCoalesce(const ast::CoalesceExpr& expr) {
  SetReturningForbiddenScope forbid(*this, "set-returning functions are not allowed in COALESCE");
  std::vector<BoundExprPtr> args;
  for (const ast::ExprPtr& a : expr.args) args.push_back(BindExpr(*a));
  std::vector<const BoundExpr*> inputs;
  for (const BoundExprPtr& a : args) inputs.push_back(a.get());
  const Oid type = SelectCommonType(inputs, "COALESCE");
  for (BoundExprPtr& a : args) a = CoerceToCommonType(std::move(a), type, "COALESCE");
  inputs.clear();
  for (const BoundExprPtr& a : args) inputs.push_back(a.get());
  const int32_t typmod = CommonTypmodOf(inputs, type);
  return std::make_unique<BoundCoalesce>(std::move(args), DataType{type, typmod}, expr.location);
}

BoundExprPtr Binder::BindMinMax(const ast::MinMaxExpr& expr) {
  const char* context = expr.is_greatest ? "GREATEST" : "LEAST";
  std::vector<BoundExprPtr> args;
  for (const ast::ExprPtr& a : expr.args) args.push_back(BindExpr(*a));
  std::vector<const BoundExpr*> inputs;
  for (const BoundExprPtr& a : args) inputs.push_back(a.get());
  const Oid type = SelectCommonType(inputs, context);
  for (BoundExprPtr& a : args) a = CoerceToCommonType(std::move(a), type, context);
  inputs.clear();
  for (const BoundExprPtr& a : args) inputs.push_back(a.get());
  const int32_t typmod = CommonTypmodOf(inputs, type);

  // The type's ordering: its "<" operator.
  ChosenOperator less;
  try {
    less = ChooseOperator({"<"}, type, type, expr.location);
  } catch (const SqlError& e) {
    if (e.sqlstate() != SqlState::kUndefinedFunction &&
        e.sqlstate() != SqlState::kAmbiguousFunction) {
      throw;
    }
    throw ErrorAt(SqlState::kUndefinedFunction,
                  "could not identify a comparison function for type " + FormatTypeName(type),
                  expr.location);
  }
  // The type's ordering may belong to a binary-compatible type (varchar
  // sorts with text's operators, as its btree opclass does).
  auto same_payload = [&](Oid declared) {
    return declared == type || FindCoercionPathway(declared, type, CoercionContext::kImplicit) ==
                                   CoercionPathway::kRelabel;
  };
  if (!same_payload(less.left_type) || !same_payload(less.right_type)) {
    throw ErrorAt(SqlState::kUndefinedFunction,
                  "could not identify a comparison function for type " + FormatTypeName(type),
                  expr.location);
  }
  return std::make_unique<BoundMinMax>(std::move(args), less.fn, expr.is_greatest,
                                       DataType{type, typmod}, expr.location);
}

}  // namespace strata::sql
