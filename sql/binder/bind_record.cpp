// Binding composite values: ROW(...) constructors, their coercion to named
// composite types, field selection
// ((x).name, PostgreSQL's ParseComplexProjection over a record) and row
// comparisons, which PostgreSQL's make_row_comparison_op turns into
// per-column operators rather than a comparison of record values.
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/coercion_rules.h"
#include "sql/binder/function_params.h"
#include "sql/binder/record_stars.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/record_exprs.h"
#include "sql/types/composite_type.h"
#include "sql/types/record_type.h"
#include "sql/types/user_types.h"

namespace strata::sql {

std::vector<const ast::Expr*> SpreadRecordStars(const std::vector<ast::ExprPtr>& args,
                                                std::vector<ast::ExprPtr>* owned) {
  const FunctionParams* params = CurrentFunctionParams();
  std::vector<const ast::Expr*> out;
  for (const ast::ExprPtr& a : args) {
    const auto* ref =
        a->kind == ast::ExprKind::kColumnRef ? static_cast<const ast::ColumnRefExpr*>(a.get())
                                             : nullptr;
    if (params == nullptr || ref == nullptr || ref->fields.size() != 2 ||
        ref->fields[1] != "*") {
      out.push_back(a.get());
      continue;
    }
    const std::string prefix = ref->fields[0] + ".";
    bool spread = false;
    for (const std::string& name : params->names) {
      if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
      auto field = std::make_unique<ast::ColumnRefExpr>(a->location);
      field->fields = {ref->fields[0], name.substr(prefix.size())};
      out.push_back(field.get());
      owned->push_back(std::move(field));
      spread = true;
    }
    if (!spread) out.push_back(a.get());
  }
  return out;
}


BoundExprPtr Binder::BindRow(const ast::RowExpr& expr) {
  std::vector<BoundExprPtr> args;
  std::vector<RecordField> fields;
  args.reserve(expr.args.size());
  std::vector<ast::ExprPtr> owned;
  for (const ast::Expr* a : SpreadRecordStars(expr.args, &owned)) {
    BoundExprPtr arg = BindExpr(*a);
    // ROW(...) names its fields f1, f2, ... (the columns of an anonymous
    // record, as PostgreSQL's ExecTypeFromExprList names them). An untyped
    // literal stays unknown, so that ROW(...)::t can read it as t's field
    // type; the record holds it as text, as an output column would.
    DataType field_type = arg->type();
    if (field_type.oid == type_oid::kUnknown) field_type = DataType{type_oid::kText, -1};
    fields.push_back({"f" + std::to_string(fields.size() + 1), field_type});
    args.push_back(std::move(arg));
  }
  return std::make_unique<BoundRowConstructor>(std::move(args), RecordType(std::move(fields)),
                                               expr.location);
}

BoundExprPtr Binder::BindFieldSelect(const ast::FieldSelectExpr& expr) {
  if (expr.field == "*") {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "row expansion via \"*\" is not supported here", expr.location);
  }
  BoundExprPtr arg = BindExpr(*expr.arg);
  const DataType type = arg->type();
  if (!IsCompositeType(BaseTypeOf(type.oid))) {
    throw ErrorAt(SqlState::kWrongObjectType,
                  "column notation ." + expr.field + " applied to type " +
                      FormatTypeName(type.oid) + ", which is not a composite type",
                  expr.location);
  }
  if (const std::vector<RecordField>* fields = CompositeFields(type)) {
    for (size_t i = 0; i < fields->size(); ++i) {
      if ((*fields)[i].name == expr.field) {
        return std::make_unique<BoundFieldSelect>(std::move(arg), i, (*fields)[i].type,
                                                  expr.location);
      }
    }
  }
  if (type.oid != type_oid::kRecord) {
    throw ErrorAt(SqlState::kUndefinedColumn,
                  "column \"" + expr.field + "\" not found in data type " +
                      FormatTypeName(type.oid),
                  expr.location);
  }
  throw ErrorAt(SqlState::kUndefinedColumn,
                "could not identify column \"" + expr.field + "\" in record data type",
                expr.location);
}

BoundExprPtr Binder::CoerceRecordToComposite(BoundExprPtr expr, Oid target,
                                             CoercionContext context, int location) {
  // Errors point at the cast, else at the expression
  // (parser_coercion_errposition).
  const int error_location = location >= 0 ? location : expr->location();
  const int node_location = LeftmostLocation(location, expr->location());
  const auto cannot_cast = [&]() {
    return ErrorAt(SqlState::kCannotCoerce,
                   "cannot cast type " + FormatTypeName(expr->type().oid) + " to " +
                       FormatTypeName(target),
                   error_location);
  };
  if (expr->kind() != BoundExprKind::kRowConstructor) throw cannot_cast();
  const std::vector<RecordField>& fields = RequireCompositeFields(DataType{target, -1});
  std::vector<BoundExprPtr> args = static_cast<BoundRowConstructor&>(*expr).ReleaseArgs();
  std::vector<BoundExprPtr> coerced;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i >= args.size()) throw cannot_cast().WithDetail("Input has too few columns.");
    const Oid arg_type = args[i]->type().oid;
    const Oid field_type = fields[i].type.oid;
    if (!CanCoerceType(arg_type, field_type, context)) {
      throw cannot_cast().WithDetail("Cannot cast type " + FormatTypeName(arg_type) + " to " +
                                     FormatTypeName(field_type) + " in column " +
                                     std::to_string(i + 1) + ".");
    }
    coerced.push_back(CoerceToTargetType(std::move(args[i]), fields[i].type, context,
                                         context == CoercionContext::kExplicit, -1));
  }
  if (args.size() > fields.size()) throw cannot_cast().WithDetail("Input has too many columns.");
  return std::make_unique<BoundRowConstructor>(std::move(coerced), DataType{target, -1},
                                               node_location);
}

BoundExprPtr Binder::BindRowComparison(const ast::OperatorExpr& expr, const ast::RowExpr& left_row,
                                       const ast::RowExpr& right_row) {
  std::vector<ast::ExprPtr> owned;
  struct Spread {
    std::vector<const ast::Expr*> args;
  };
  const Spread left{SpreadRecordStars(left_row.args, &owned)};
  const Spread right{SpreadRecordStars(right_row.args, &owned)};
  if (left.args.size() != right.args.size()) {
    throw ErrorAt(SqlState::kSyntaxError, "unequal number of entries in row expressions",
                  expr.location);
  }
  if (left.args.empty()) {
    throw ErrorAt(SqlState::kFeatureNotSupported, "cannot compare rows of zero length",
                  expr.location);
  }
  // Each column's operator is resolved first (a missing one is its own
  // error), then the operator must be one whose row meaning is known.
  const std::string& op = expr.name.back();
  const auto compare = [&](const std::string& name, size_t i) {
    std::vector<std::string> qualified = expr.name;
    qualified.back() = name;
    BoundExprPtr cmp = MakeOperator(qualified, BindExpr(*left.args[i]), BindExpr(*right.args[i]),
                                    expr.location);
    if (cmp->type().oid != type_oid::kBool) {
      throw ErrorAt(SqlState::kDatatypeMismatch,
                    "row comparison operator must yield type boolean, not type " +
                        FormatTypeName(cmp->type().oid),
                    expr.location);
    }
    return cmp;
  };
  std::vector<BoundExprPtr> parts;
  for (size_t i = 0; i < left.args.size(); ++i) parts.push_back(compare(op, i));
  if (parts.size() == 1) return std::move(parts[0]);
  const bool ordering = op == "<" || op == "<=" || op == ">" || op == ">=";
  if (!ordering && op != "=" && op != "<>") {
    throw ErrorAt(SqlState::kUndefinedFunction,
                  "could not determine interpretation of row comparison operator " + op,
                  expr.location)
        .WithHint("Row comparison operators must be associated with btree operator families.");
  }
  const int location = LeftmostLocation(expr.location, left_row.location);
  const size_t n = parts.size();
  if (!ordering) {
    // (a, b) = (c, d) is a = c AND b = d; <> is the OR of the <>s.
    return std::make_unique<BoundBoolOp>(op == "=" ? BoundBoolOp::Op::kAnd : BoundBoolOp::Op::kOr,
                                         std::move(parts), location);
  }
  // The first pair of columns that differ decides; a NULL before that makes
  // the result NULL (RowCompareExpr). Written as
  //   a1 < b1 OR (a1 = b1 AND (a2 < b2 OR (a2 = b2 AND ... an op bn)))
  // with the strict operator before the last column, which has the same
  // three-valued result.
  const std::string strict = op.substr(0, 1);
  BoundExprPtr result = std::move(parts[n - 1]);
  for (size_t i = n - 1; i-- > 0;) {
    std::vector<BoundExprPtr> both;
    both.push_back(compare("=", i));
    both.push_back(std::move(result));
    std::vector<BoundExprPtr> either;
    either.push_back(compare(strict, i));
    either.push_back(std::make_unique<BoundBoolOp>(BoundBoolOp::Op::kAnd, std::move(both), location));
    result = std::make_unique<BoundBoolOp>(BoundBoolOp::Op::kOr, std::move(either), location);
  }
  return result;
}

}  // namespace strata::sql
