// PrimaryKeyFromWhere (see primary_key_lookup.h).
#include "sql/commands/primary_key_lookup.h"

#include <vector>

#include "sql/storage_format/storage_type.h"

namespace strata::sql {

namespace {

void CollectConjuncts(const ast::Expr* e, std::vector<const ast::Expr*>* out) {
  if (e->kind == ast::ExprKind::kBool) {
    const auto& b = static_cast<const ast::BoolExpr&>(*e);
    if (b.op == ast::BoolExpr::Op::kAnd) {
      for (const auto& a : b.args) CollectConjuncts(a.get(), out);
      return;
    }
  }
  out->push_back(e);
}

// Constants and $n parameters (possibly cast or negated) only: safe to
// evaluate once, up front.
bool IsConstant(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kConstant:
    case ast::ExprKind::kParamRef:
      return true;
    case ast::ExprKind::kTypeCast:
      return IsConstant(*static_cast<const ast::TypeCastExpr&>(e).arg);
    case ast::ExprKind::kOperator: {
      const auto& op = static_cast<const ast::OperatorExpr&>(e);
      return op.left == nullptr && op.right != nullptr && IsConstant(*op.right);
    }
    default:
      return false;
  }
}

// The column a ColumnRef names if it refers to this table.
const std::string* ColumnName(const ast::Expr& e, const std::string& alias) {
  if (e.kind != ast::ExprKind::kColumnRef) return nullptr;
  const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
  if (ref.fields.size() == 1) return &ref.fields[0];
  if (ref.fields.size() == 2 && ref.fields[0] == alias) return &ref.fields[1];
  return nullptr;
}

bool IsIntegerType(Oid t) {
  return t == type_oid::kInt2 || t == type_oid::kInt4 || t == type_oid::kInt8;
}

bool FitsInteger(Oid t, int64_t v) {
  if (t == type_oid::kInt2) return v >= INT16_MIN && v <= INT16_MAX;
  if (t == type_oid::kInt4) return v >= INT32_MIN && v <= INT32_MAX;
  return true;
}

bool IsStringType(Oid t) {
  return t == type_oid::kText || t == type_oid::kVarchar || t == type_oid::kUnknown;
}

// The constant as a key value of column type `column_type`, if that is exact.
std::optional<Value> AsKeyValue(const Value& v, Oid column_type) {
  if (v.is_null()) return std::nullopt;  // `pk = NULL` matches nothing; let the filter say so
  if (v.type() == column_type) return v;
  if (IsIntegerType(column_type) && IsIntegerType(v.type()) && FitsInteger(column_type, v.int_value())) {
    return Value::Integer(column_type, v.int_value());
  }
  if ((column_type == type_oid::kText || column_type == type_oid::kVarchar) && IsStringType(v.type())) {
    return Value::String(column_type, v.string_value());
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> PrimaryKeyFromWhere(Binder& binder, const TableCodec& codec,
                                               const std::string& scope_alias,
                                               const ast::Expr* where,
                                               const std::vector<Value>* params) {
  if (where == nullptr || !codec.has_primary_key()) return std::nullopt;
  std::vector<const ast::Expr*> conjuncts;
  CollectConjuncts(where, &conjuncts);
  const catalog::TableDesc& table = codec.table();
  std::vector<std::optional<Value>> values(codec.key_slots().size());
  for (const ast::Expr* c : conjuncts) {
    if (c->kind != ast::ExprKind::kOperator) continue;
    const auto& op = static_cast<const ast::OperatorExpr&>(*c);
    if (op.name.size() != 1 || op.name[0] != "=" || op.left == nullptr) continue;
    const ast::Expr* col = op.left.get();
    const ast::Expr* constant = op.right.get();
    if (ColumnName(*col, scope_alias) == nullptr) std::swap(col, constant);
    const std::string* name = ColumnName(*col, scope_alias);
    if (name == nullptr || !IsConstant(*constant)) continue;
    for (size_t k = 0; k < codec.key_slots().size(); ++k) {
      const catalog::ColumnDesc& column = table.columns[static_cast<size_t>(codec.key_slots()[k])];
      if (column.name != *name || values[k].has_value()) continue;
      EvalContext ctx(params);
      // Errors here (e.g. a bad literal) are left for the real binding to report.
      try {
        const Value v = binder.BindExpr(*constant)->Evaluate(ctx);
        values[k] = AsKeyValue(v, column.type);
      } catch (const SqlError&) {
        return std::nullopt;
      }
    }
  }
  std::string key;
  for (size_t k = 0; k < values.size(); ++k) {
    if (!values[k].has_value()) return std::nullopt;
    AppendKeyDatum(codec.key_columns()[k], *values[k], &key);
  }
  return key;
}

}  // namespace strata::sql
