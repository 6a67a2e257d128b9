// Operator binding (make_op) and the constructs PostgreSQL builds from
// operators: IS [NOT] DISTINCT FROM, NULLIF, IN lists and BETWEEN.
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/types/output_only_types.h"
#include "sql/binder/binder.h"
#include "sql/binder/record_stars.h"
#include "sql/binder/operator_resolution.h"
#include "sql/binder/polymorphic.h"
#include "sql/builtin/operator_table.h"
#include "sql/builtin/type_table.h"

namespace strata::sql {

namespace {

std::string NameListToString(const std::vector<std::string>& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (i > 0) out += ".";
    out += name[i];
  }
  return out;
}

// op_signature_string(): "integer + boolean", "- boolean".
std::string OperatorSignature(const std::vector<std::string>& name, Oid left, Oid right) {
  std::string out;
  if (left != type_oid::kInvalid) out += FormatTypeName(left) + " ";
  out += NameListToString(name);
  out += " " + FormatTypeName(right);
  return out;
}

}  // namespace

Binder::ChosenOperator Binder::ChooseOperator(const std::vector<std::string>& name, Oid ltype,
                                              Oid rtype, int location) {
  const std::string& opname = name.back();
  if (name.size() > 1 && name[name.size() - 2] != "pg_catalog") {
    throw ErrorAt(SqlState::kInvalidSchemaName,
                  "schema \"" + name[name.size() - 2] + "\" does not exist", location);
  }
  if (!IsKnownOperatorName(opname)) {
    throw ErrorAt(SqlState::kFeatureNotSupported, "operator " + opname + " is not supported yet",
                  location);
  }
  const bool prefix = ltype == type_oid::kInvalid;
  const OperatorResolution resolution = ResolveOperator(opname, ltype, rtype);
  if (resolution.status == OperatorResolution::Status::kAmbiguous) {
    throw ErrorAt(SqlState::kAmbiguousFunction,
                  "operator is not unique: " + OperatorSignature(name, ltype, rtype), location)
        .WithHint(
            "Could not choose a best candidate operator. You might need to add "
            "explicit type casts.");
  }
  if (resolution.status == OperatorResolution::Status::kNotFound) {
    throw ErrorAt(SqlState::kUndefinedFunction,
                  "operator does not exist: " + OperatorSignature(name, ltype, rtype), location)
        .WithHint(prefix ? "No operator matches the given name and argument type. You "
                           "might need to add an explicit type cast."
                         : "No operator matches the given name and argument types. You "
                           "might need to add explicit type casts.");
  }
  const PgOperator& op = *resolution.op;

  // Declared input types; polymorphic ones are resolved from the inputs.
  ChosenOperator chosen;
  chosen.left_type = prefix ? type_oid::kInvalid : op.left;
  chosen.right_type = op.right;
  chosen.result_type = op.result;
  if (IsPolymorphicType(op.left) || IsPolymorphicType(op.right) ||
      IsPolymorphicType(op.result)) {
    std::vector<Oid> actual, declared;
    if (!prefix) {
      actual.push_back(ltype);
      declared.push_back(op.left);
    }
    actual.push_back(rtype);
    declared.push_back(op.right);
    const PolymorphicResolution r = ResolvePolymorphicTypes(actual, declared, op.result);
    if (!r.error.empty()) {
      SqlError error = ErrorAt(SqlState::kDatatypeMismatch, r.error, location);
      if (!r.error_detail.empty()) error.WithDetail(r.error_detail);
      throw error;
    }
    if (!prefix) chosen.left_type = r.args[0];
    chosen.right_type = r.args.back();
    chosen.result_type = r.result;
  }
  chosen.fn = FindBuiltinFunction(op.proname);
  auto usable = [](Oid type) { return IsSupportedType(type) || IsOutputOnlyType(type); };
  if (chosen.fn == nullptr || (!prefix && !usable(chosen.left_type)) ||
      !usable(chosen.right_type) || !IsSupportedType(chosen.result_type)) {
    throw ErrorAt(
        SqlState::kFeatureNotSupported,
        "operator " + OperatorSignature(name, op.left, op.right) + " is not supported yet",
        location);
  }
  return chosen;
}

BoundExprPtr Binder::BindOperator(const ast::OperatorExpr& expr) {
  if (expr.left && expr.left->kind == ast::ExprKind::kRow &&
      expr.right->kind == ast::ExprKind::kRow) {
    return BindRowComparison(expr, static_cast<const ast::RowExpr&>(*expr.left),
                             static_cast<const ast::RowExpr&>(*expr.right));
  }
  if (expr.left && expr.left->kind == ast::ExprKind::kRow &&
      expr.right->kind == ast::ExprKind::kSubLink) {
    // (a, b) = (SELECT x, y): PostgreSQL's ROWCOMPARE_SUBLINK.
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "a row comparison with a subquery is not supported yet", expr.location);
  }
  BoundExprPtr left = expr.left ? BindExpr(*expr.left) : nullptr;
  BoundExprPtr right = BindExpr(*expr.right);
  return MakeOperator(expr.name, std::move(left), std::move(right), expr.location);
}

BoundExprPtr Binder::MakeOperator(const std::vector<std::string>& name, BoundExprPtr left,
                                  BoundExprPtr right, int location) {
  if (BoundExprPtr user = MakeUserOperator(name, left, right, location)) return user;
  const ChosenOperator op = ChooseOperator(name, left ? left->type().oid : type_oid::kInvalid,
                                           right->type().oid, location);
  const int node_location = LeftmostLocation(location, left ? left->location() : -1);
  std::vector<BoundExprPtr> args;
  if (left) {
    args.push_back(CoerceType(std::move(left), op.left_type, CoercionContext::kImplicit, -1));
  }
  args.push_back(CoerceType(std::move(right), op.right_type, CoercionContext::kImplicit, -1));
  return std::make_unique<BoundFunctionCall>(op.fn, std::move(args), DataType{op.result_type},
                                             node_location);
}

BoundExprPtr Binder::BindDistinct(const ast::DistinctExpr& expr) {
  const auto distinct = [&](BoundExprPtr left, BoundExprPtr right) -> BoundExprPtr {
    const ChosenOperator op =
        ChooseOperator({"="}, left->type().oid, right->type().oid, expr.location);
    if (op.result_type != type_oid::kBool) {
      throw ErrorAt(SqlState::kDatatypeMismatch,
                    "IS DISTINCT FROM requires = operator to yield boolean", expr.location);
    }
    const int location = LeftmostLocation(expr.location, left->location());
    left = CoerceType(std::move(left), op.left_type, CoercionContext::kImplicit, -1);
    right = CoerceType(std::move(right), op.right_type, CoercionContext::kImplicit, -1);
    return std::make_unique<BoundDistinct>(op.fn, std::move(left), std::move(right),
                                           expr.is_not_distinct, location);
  };
  if (expr.left->kind == ast::ExprKind::kRow && expr.right->kind == ast::ExprKind::kRow) {
    // (a, b) IS DISTINCT FROM (c, d): a column differs (OR of the columns'
    // IS DISTINCT FROM); IS NOT DISTINCT FROM: the AND of theirs.
    std::vector<ast::ExprPtr> owned;
    const std::vector<const ast::Expr*> left =
        SpreadRecordStars(static_cast<const ast::RowExpr&>(*expr.left).args, &owned);
    const std::vector<const ast::Expr*> right =
        SpreadRecordStars(static_cast<const ast::RowExpr&>(*expr.right).args, &owned);
    if (left.size() != right.size()) {
      throw ErrorAt(SqlState::kSyntaxError, "unequal number of entries in row expressions",
                    expr.location);
    }
    std::vector<BoundExprPtr> parts;
    for (size_t i = 0; i < left.size(); ++i) {
      parts.push_back(distinct(BindExpr(*left[i]), BindExpr(*right[i])));
    }
    if (parts.size() == 1) return std::move(parts[0]);
    return std::make_unique<BoundBoolOp>(
        expr.is_not_distinct ? BoundBoolOp::Op::kAnd : BoundBoolOp::Op::kOr, std::move(parts),
        expr.location);
  }
  return distinct(BindExpr(*expr.left), BindExpr(*expr.right));
}

BoundExprPtr Binder::BindNullIf(const ast::NullIfExpr& expr) {
  BoundExprPtr left = BindExpr(*expr.left);
  BoundExprPtr right = BindExpr(*expr.right);
  const ChosenOperator op =
      ChooseOperator({"="}, left->type().oid, right->type().oid, expr.location);
  if (op.result_type != type_oid::kBool) {
    throw ErrorAt(SqlState::kDatatypeMismatch, "NULLIF requires = operator to yield boolean",
                  expr.location);
  }
  const int location = LeftmostLocation(expr.location, left->location());
  left = CoerceType(std::move(left), op.left_type, CoercionContext::kImplicit, -1);
  right = CoerceType(std::move(right), op.right_type, CoercionContext::kImplicit, -1);
  // NULLIF yields the (coerced) first operand's type and typmod.
  const DataType type{op.left_type, left->type().typmod};
  return std::make_unique<BoundNullIf>(op.fn, std::move(left), std::move(right), type, location);
}

BoundExprPtr Binder::BindInList(const ast::InListExpr& expr) {
  const std::vector<std::string> op_name = {expr.negated ? "<>" : "="};
  const bool use_or = !expr.negated;
  BoundExprPtr left = BindExpr(*expr.arg);
  std::vector<BoundExprPtr> items;
  for (const ast::ExprPtr& item : expr.list) items.push_back(BindExpr(*item));

  // With more than one item, PostgreSQL builds x op ANY (ARRAY[...]) over
  // the items' common type when there is one.
  if (items.size() > 1) {
    std::vector<const BoundExpr*> all = {left.get()};
    for (const BoundExprPtr& item : items) all.push_back(item.get());
    Oid common = SelectCommonType(all, nullptr);
    if (common != type_oid::kInvalid) {
      for (const BoundExpr* e : all) {
        if (!CanCoerceType(e->type().oid, common, CoercionContext::kImplicit)) {
          common = type_oid::kInvalid;
          break;
        }
      }
    }
    const PgTypeInfo* info = common != type_oid::kInvalid ? FindPgType(common) : nullptr;
    if (info != nullptr && info->typarray != 0 && common != type_oid::kRecord) {
      std::vector<BoundExprPtr> elements;
      for (BoundExprPtr& item : items) {
        elements.push_back(CoerceToCommonType(std::move(item), common, "IN"));
      }
      const ChosenOperator op = ChooseOperator(op_name, left->type().oid, common, expr.location);
      if (op.result_type != type_oid::kBool) {
        throw ErrorAt(SqlState::kWrongObjectType,
                      "op ANY/ALL (array) requires operator to yield boolean", expr.location);
      }
      const int location = LeftmostLocation(expr.location, left->location());
      left = CoerceType(std::move(left), op.left_type, CoercionContext::kImplicit, -1);
      for (BoundExprPtr& element : elements) {
        element = CoerceType(std::move(element), op.right_type, CoercionContext::kImplicit, -1);
      }
      return std::make_unique<BoundScalarArrayOp>(op.fn, use_or, std::move(left),
                                                  std::move(elements), location);
    }
  }

  // Otherwise x op a OR x op b ... (AND for NOT IN). The left side is bound
  // once per item, as PostgreSQL copies it.
  std::vector<BoundExprPtr> comparisons;
  for (size_t i = 0; i < items.size(); ++i) {
    BoundExprPtr lhs = i == 0 ? std::move(left) : BindExpr(*expr.arg);
    BoundExprPtr cmp = MakeOperator(op_name, std::move(lhs), std::move(items[i]), expr.location);
    comparisons.push_back(CoerceToBoolean(std::move(cmp), "IN"));
  }
  if (comparisons.size() == 1) return std::move(comparisons[0]);
  int location = expr.location;
  for (const BoundExprPtr& c : comparisons) location = LeftmostLocation(location, c->location());
  return std::make_unique<BoundBoolOp>(use_or ? BoundBoolOp::Op::kOr : BoundBoolOp::Op::kAnd,
                                       std::move(comparisons), location);
}

BoundExprPtr Binder::BindBetween(const ast::BetweenExpr& expr) {
  // a BETWEEN b AND c is a >= b AND a <= c; NOT BETWEEN is a < b OR a > c.
  // The left side is bound twice, as PostgreSQL copies it, and everything is
  // bound in PostgreSQL's order (a, b, then a, c) so the same error wins.
  const char* construct = expr.negated ? "OR" : "AND";
  std::vector<BoundExprPtr> args;
  {
    BoundExprPtr a = BindExpr(*expr.arg);
    BoundExprPtr b = BindExpr(*expr.lower);
    args.push_back(CoerceToBoolean(
        MakeOperator({expr.negated ? "<" : ">="}, std::move(a), std::move(b), expr.location),
        construct));
  }
  {
    BoundExprPtr a = BindExpr(*expr.arg);
    BoundExprPtr c = BindExpr(*expr.upper);
    args.push_back(CoerceToBoolean(
        MakeOperator({expr.negated ? ">" : "<="}, std::move(a), std::move(c), expr.location),
        construct));
  }
  // exprLocation() of a BoolExpr: the leftmost of its own and its arguments'.
  int location = expr.location;
  for (const BoundExprPtr& arg : args) location = LeftmostLocation(location, arg->location());
  return std::make_unique<BoundBoolOp>(expr.negated ? BoundBoolOp::Op::kOr : BoundBoolOp::Op::kAnd,
                                       std::move(args), location);
}

}  // namespace strata::sql
