// PrimaryKeyFromWhere (see primary_key_lookup.h).
#include "sql/commands/primary_key_lookup.h"

#include <vector>

#include "sql/storage_format/key_codec.h"
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

// Constants and $n parameters (possibly cast, or combined by operators such as
// `$1 + 100`) only: safe to evaluate once, up front.
bool IsConstant(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kConstant:
    case ast::ExprKind::kParamRef:
      return true;
    case ast::ExprKind::kTypeCast:
      return IsConstant(*static_cast<const ast::TypeCastExpr&>(e).arg);
    case ast::ExprKind::kOperator: {
      const auto& op = static_cast<const ast::OperatorExpr&>(e);
      return op.right != nullptr && IsConstant(*op.right) &&
             (op.left == nullptr || IsConstant(*op.left));
    }
    default:
      return false;
  }
}

// Whether `e` names a column of an enclosing query (constant while a
// correlated subquery runs once).
bool IsOuterColumn(Binder& binder, const ast::Expr& e) {
  if (e.kind != ast::ExprKind::kColumnRef) return false;
  try {
    return binder.BindOuterColumnRef(static_cast<const ast::ColumnRefExpr&>(e)) != nullptr;
  } catch (const SqlError&) {
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

std::optional<KeyRange> PrimaryKeyFromWhere(Binder& binder, const TableCodec& codec,
                                               const std::string& scope_alias,
                                               const ast::Expr* where,
                                               const std::vector<Value>* params) {
  if (where == nullptr || !codec.has_primary_key()) return std::nullopt;
  std::vector<const ast::Expr*> conjuncts;
  CollectConjuncts(where, &conjuncts);
  const catalog::TableDesc& table = codec.table();
  const std::vector<KeyColumn>& key_columns = codec.key_columns();
  std::vector<std::optional<Value>> values(codec.key_slots().size());
  // Bounds on the first key column from <, <=, >, >= (encoded keys; the
  // tightest of each side wins, comparing encodings as the engine does).
  std::optional<std::string> lower, upper;
  const catalog::ColumnDesc& first =
      table.columns[static_cast<size_t>(codec.key_slots()[0])];
  for (const ast::Expr* c : conjuncts) {
    if (c->kind != ast::ExprKind::kOperator) continue;
    const auto& op = static_cast<const ast::OperatorExpr&>(*c);
    if (op.name.size() != 1 || op.left == nullptr) continue;
    std::string name_op = op.name[0];
    if (name_op != "=" && name_op != "<" && name_op != "<=" && name_op != ">" && name_op != ">=") {
      continue;
    }
    const ast::Expr* col = op.left.get();
    const ast::Expr* constant = op.right.get();
    if (ColumnName(*col, scope_alias) == nullptr) {
      std::swap(col, constant);
      // `5 < id` is `id > 5`.
      if (name_op[0] == '<') {
        name_op[0] = '>';
      } else if (name_op[0] == '>') {
        name_op[0] = '<';
      }
    }
    const std::string* name = ColumnName(*col, scope_alias);
    if (name == nullptr || !(IsConstant(*constant) || IsOuterColumn(binder, *constant))) continue;
    auto evaluate = [&](Oid type) -> std::optional<Value> {
      EvalContext ctx(params);
      // Errors here (e.g. a bad literal) are left for the real binding to report.
      try {
        return AsKeyValue(binder.BindExpr(*constant)->Evaluate(ctx), type);
      } catch (const SqlError&) {
        return std::nullopt;
      }
    };
    if (name_op == "=") {
      for (size_t k = 0; k < codec.key_slots().size(); ++k) {
        const catalog::ColumnDesc& column =
            table.columns[static_cast<size_t>(codec.key_slots()[k])];
        if (column.name != *name || values[k].has_value()) continue;
        values[k] = evaluate(column.type);
      }
      continue;
    }
    if (first.name != *name || key_columns[0].descending) continue;
    const std::optional<Value> v = evaluate(first.type);
    if (!v) continue;
    std::string encoded;
    AppendKeyDatum(key_columns[0], *v, &encoded);
    if (name_op[0] == '>') {
      std::optional<std::string> bound =
          name_op == ">=" ? std::optional<std::string>(encoded) : PrefixSuccessor(encoded);
      if (!bound) continue;
      if (!lower || *bound > *lower) lower = std::move(bound);
    } else {
      std::optional<std::string> bound =
          name_op == "<" ? std::optional<std::string>(encoded) : PrefixSuccessor(encoded);
      if (!bound) continue;
      if (!upper || *bound < *upper) upper = std::move(bound);
    }
  }
  // The longest leading run of key columns pinned by equalities.
  std::string prefix;
  size_t pinned = 0;
  while (pinned < values.size() && values[pinned].has_value()) {
    AppendKeyDatum(key_columns[pinned], *values[pinned], &prefix);
    ++pinned;
  }
  if (pinned == values.size()) return KeyRange{prefix, prefix + std::string(1, '\0')};
  if (pinned > 0) return KeyRange{prefix, PrefixSuccessor(prefix)};
  if (lower || upper) return KeyRange{std::move(lower), std::move(upper)};
  return std::nullopt;
}

}  // namespace strata::sql
