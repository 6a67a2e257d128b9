// Expression binding dispatch, literals (make_const), and the references that
// cannot resolve without a FROM clause (columns). Parameters: bind_param.cpp.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <string>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/expr/record_exprs.h"
#include "sql/types/composite_type.h"
#include "sql/types/record_type.h"
#include "sql/binder/function_params.h"
#include "sql/stack_depth.h"
#include "sql/types/bit_string.h"
#include "sql/types/numeric.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

// strtoi64 over the whole string: true and *out if `text` is an integer.
bool ParseWholeInt64(const std::string& text, int64_t* out) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str() || *end != '\0') return false;
  *out = v;
  return true;
}

}  // namespace

BoundExprPtr Binder::BindExpr(const ast::Expr& expr) {
  CheckStackDepth();
  if (expr.kind != ast::ExprKind::kColumnRef) {
    if (const int key = MatchGroupKey(expr); key >= 0) {
      return std::make_unique<BoundColumnRef>(
          key, grouping_->keys[static_cast<size_t>(key)]->type(), expr.location);
    }
  }
  switch (expr.kind) {
    case ast::ExprKind::kConstant:
      return BindConstant(static_cast<const ast::ConstantExpr&>(expr));
    case ast::ExprKind::kColumnRef:
      return BindColumnRef(static_cast<const ast::ColumnRefExpr&>(expr));
    case ast::ExprKind::kParamRef:
      return BindParamRef(static_cast<const ast::ParamRefExpr&>(expr));
    case ast::ExprKind::kOperator:
      return BindOperator(static_cast<const ast::OperatorExpr&>(expr));
    case ast::ExprKind::kBool:
      return BindBoolExpr(static_cast<const ast::BoolExpr&>(expr));
    case ast::ExprKind::kNullTest:
      return BindNullTest(static_cast<const ast::NullTestExpr&>(expr));
    case ast::ExprKind::kBooleanTest:
      return BindBooleanTest(static_cast<const ast::BooleanTestExpr&>(expr));
    case ast::ExprKind::kCase:
      return BindCase(static_cast<const ast::CaseExpr&>(expr));
    case ast::ExprKind::kTypeCast:
      return BindTypeCast(static_cast<const ast::TypeCastExpr&>(expr));
    case ast::ExprKind::kFuncCall:
      return BindFuncCall(static_cast<const ast::FuncCallExpr&>(expr));
    case ast::ExprKind::kCoalesce:
      return BindCoalesce(static_cast<const ast::CoalesceExpr&>(expr));
    case ast::ExprKind::kMinMax:
      return BindMinMax(static_cast<const ast::MinMaxExpr&>(expr));
    case ast::ExprKind::kNullIf:
      return BindNullIf(static_cast<const ast::NullIfExpr&>(expr));
    case ast::ExprKind::kDistinct:
      return BindDistinct(static_cast<const ast::DistinctExpr&>(expr));
    case ast::ExprKind::kInList:
      return BindInList(static_cast<const ast::InListExpr&>(expr));
    case ast::ExprKind::kBetween:
      return BindBetween(static_cast<const ast::BetweenExpr&>(expr));
    case ast::ExprKind::kArray:
      return BindArrayExpr(static_cast<const ast::ArrayExpr&>(expr), type_oid::kInvalid);
    case ast::ExprKind::kSubscript:
      return BindSubscript(static_cast<const ast::SubscriptExpr&>(expr));
    case ast::ExprKind::kArrayOp:
      return BindArrayOp(static_cast<const ast::ArrayOpExpr&>(expr));
    case ast::ExprKind::kSubLink:
      return BindSubLink(static_cast<const ast::SubLinkExpr&>(expr));
    case ast::ExprKind::kRow:
      return BindRow(static_cast<const ast::RowExpr&>(expr));
    case ast::ExprKind::kFieldSelect:
      return BindFieldSelect(static_cast<const ast::FieldSelectExpr&>(expr));
  }
  throw ErrorAt(SqlState::kInternalError, "unrecognized expression kind", expr.location);
}

BoundExprPtr Binder::BindConstant(const ast::ConstantExpr& expr) {
  using Kind = ast::ConstantExpr::Kind;
  const int loc = expr.location;
  switch (expr.const_kind) {
    case Kind::kInteger:
      return std::make_unique<BoundConstant>(Value::Int4(expr.ival), DataType{type_oid::kInt4},
                                             loc);
    case Kind::kNumber: {
      // Could be an integer too big for int4: int8 if it fits, else numeric.
      int64_t v = 0;
      if (ParseWholeInt64(expr.text, &v)) {
        if (v >= INT32_MIN && v <= INT32_MAX) {
          return std::make_unique<BoundConstant>(Value::Int4(v), DataType{type_oid::kInt4}, loc);
        }
        return std::make_unique<BoundConstant>(Value::Int8(v), DataType{type_oid::kInt8}, loc);
      }
      try {
        return std::make_unique<BoundConstant>(Value::FromNumeric(Numeric::Parse(expr.text)),
                                               DataType{type_oid::kNumeric}, loc);
      } catch (SqlError& e) {
        if (e.fields().position == 0 && loc >= 0) e.WithPosition(Position(loc));
        throw;
      }
    }
    case Kind::kString:
      return std::make_unique<BoundConstant>(Value::String(type_oid::kUnknown, expr.text),
                                             DataType{type_oid::kUnknown}, loc);
    case Kind::kBool:
      return std::make_unique<BoundConstant>(Value::Bool(expr.bval), DataType{type_oid::kBool},
                                             loc);
    case Kind::kNull:
      return std::make_unique<BoundConstant>(Value::Null(type_oid::kUnknown),
                                             DataType{type_oid::kUnknown}, loc);
    case Kind::kBitString:
      // make_const: bit_in of the literal, a bit constant without a length.
      try {
        return std::make_unique<BoundConstant>(InputValue(bits::kBit, expr.text),
                                               DataType{bits::kBit}, loc);
      } catch (SqlError& e) {
        if (e.fields().position == 0 && loc >= 0) e.WithPosition(Position(loc));
        throw;
      }
  }
  throw ErrorAt(SqlState::kInternalError, "unrecognized constant kind", loc);
}

BoundExprPtr Binder::BindFunctionParamName(const ast::ColumnRefExpr& expr) {
  const FunctionParams* params = CurrentFunctionParams();
  const auto& f = expr.fields;
  if (params == nullptr || f.empty() || f.size() > 2) return nullptr;
  if (f.size() == 2) {
    // A PL/pgSQL record variable's field (its parameter is named "r.f").
    const std::string qualified = f[0] + "." + f[1];
    for (size_t i = 0; i < params->names.size(); ++i) {
      if (params->names[i] == qualified) {
        return std::make_unique<BoundParam>(static_cast<int>(i) + 1,
                                            DataType{params->types[i], -1}, expr.location);
      }
    }
  }
  if (f.size() == 2 && f[1] == "*") {
    // r.* of a PL/pgSQL record (a trigger's NEW.*): the whole row.
    for (size_t i = 0; i < params->names.size(); ++i) {
      if (params->names[i] == f[0] && params->types[i] == type_oid::kRecord) {
        return std::make_unique<BoundParam>(static_cast<int>(i) + 1,
                                            DataType{type_oid::kRecord, -1}, expr.location);
      }
    }
  }
  if (f.size() == 2 && f[0] != params->function_name) return nullptr;
  for (size_t i = 0; i < params->names.size(); ++i) {
    if (!params->names[i].empty() && params->names[i] == f.back()) {
      return std::make_unique<BoundParam>(static_cast<int>(i) + 1,
                                          DataType{params->types[i], -1}, expr.location);
    }
  }
  return nullptr;
}

namespace {

// The system column tableoid of a table in scope: its OID, or the slot an
// inheritance Append fills (bind_scope.h).
BoundExprPtr BindTableOid(Binder& binder, const ScopeRelation& rel, int location) {
  if (rel.tableoid_slot < 0) {
    return std::make_unique<BoundConstant>(Value::Integer(type_oid::kOid, rel.relation_oid),
                                           DataType{type_oid::kOid}, location);
  }
  ScopeColumn column;
  column.name = "tableoid";
  column.type = DataType{type_oid::kOid};
  column.slot = rel.tableoid_slot;
  return binder.MakeColumnRef(rel, column, location);
}

// A relation's whole row (PostgreSQL's whole-row Var): a record of its
// visible columns, of the table's row type for a table.
BoundExprPtr BindWholeRow(Binder& binder, const ScopeRelation& rel, int location) {
  std::vector<BoundExprPtr> args;
  std::vector<RecordField> fields;
  for (const ScopeColumn& c : rel.columns) {
    if (c.hidden) continue;
    args.push_back(binder.MakeColumnRef(rel, c, location));
    fields.push_back({c.name, c.type});
  }
  if (rel.relation_oid >= catalog::kFirstNormalObjectId) {
    const DataType row_type{RelationRowTypeOid(rel.relation_oid), -1};
    const std::vector<RecordField>* row_fields = CompositeFields(row_type);
    if (row_fields != nullptr && row_fields->size() == fields.size()) {
      return std::make_unique<BoundRowConstructor>(std::move(args), row_type, location);
    }
  }
  return std::make_unique<BoundRowConstructor>(std::move(args), RecordType(std::move(fields)),
                                               location);
}

}  // namespace

BoundExprPtr Binder::BindColumnRef(const ast::ColumnRefExpr& expr) {
  const auto& f = expr.fields;
  if (outer_ != nullptr) {
    if (BoundExprPtr outer = BindOuterColumnRef(expr)) return outer;
  }
  if (scope_ != nullptr) {
    if (f.size() == 1 && f[0] == "*") {
      throw ErrorAt(SqlState::kFeatureNotSupported, "* is not supported in this position",
                    expr.location);
    }
    if (f.size() == 1) {
      // Unqualified: the one relation column of that name (colNameToVar).
      const ScopeColumn* found = nullptr;
      const ScopeRelation* found_rel = nullptr;
      for (const ScopeRelation& rel : scope_->relations) {
        for (const ScopeColumn& c : rel.columns) {
          if (c.name != f[0] || c.hidden) continue;
          if (found != nullptr) {
            throw ErrorAt(SqlState::kAmbiguousColumn,
                          "column reference \"" + f[0] + "\" is ambiguous", expr.location);
          }
          found = &c;
          found_rel = &rel;
        }
      }
      if (found != nullptr) {
        const FunctionParams* params = CurrentFunctionParams();
        if (params != nullptr && params->conflict_is_error &&
            std::find(params->names.begin(), params->names.end(), f[0]) != params->names.end()) {
          throw ErrorAt(SqlState::kAmbiguousColumn,
                        "column reference \"" + f[0] + "\" is ambiguous", expr.location)
              .WithDetail("It could refer to either a PL/pgSQL variable or a table column.");
        }
        return MakeColumnRef(*found_rel, *found, expr.location);
      }
      if (f[0] == "tableoid") {
        // The system column of the one table in scope (scanNSItemForColumn).
        for (const ScopeRelation& rel : scope_->relations) {
          if (rel.relation_oid == 0) continue;
          if (found_rel != nullptr) {
            throw ErrorAt(SqlState::kAmbiguousColumn,
                          "column reference \"" + f[0] + "\" is ambiguous", expr.location);
          }
          found_rel = &rel;
        }
        if (found_rel != nullptr) return BindTableOid(*this, *found_rel, expr.location);
      }
      if (BoundExprPtr param = BindFunctionParamName(expr)) return param;
      // A relation's name alone is its whole row (a record of its columns,
      // PostgreSQL's whole-row Var), when no column has that name.
      for (const ScopeRelation& rel : scope_->relations) {
        if (rel.alias.empty() || rel.alias != f[0]) continue;
        return BindWholeRow(*this, rel, expr.location);
      }
      throw ErrorAt(SqlState::kUndefinedColumn, "column \"" + f[0] + "\" does not exist",
                    expr.location);
    }
    if (f.size() == 2 || f.size() == 3) {
      // [schema.]rel.column
      const std::string& rel_name = f[f.size() - 2];
      const std::string& column = f.back();
      for (const ScopeRelation& rel : scope_->relations) {
        if (rel.alias.empty() || rel.alias != rel_name) continue;
        if (f.size() == 3 && (rel.alias != rel.table_name || rel.schema != f[0])) continue;
        // rel.* inside an expression is the whole row (a select list's
        // rel.* was expanded before binding).
        if (column == "*") return BindWholeRow(*this, rel, expr.location);
        for (const ScopeColumn& c : rel.columns) {
          if (c.name == column) return MakeColumnRef(rel, c, expr.location);
        }
        if (column == "tableoid" && rel.relation_oid != 0) {
          return BindTableOid(*this, rel, expr.location);
        }
        throw ErrorAt(SqlState::kUndefinedColumn,
                      "column " + rel_name + "." + column + " does not exist", expr.location);
      }
      // errorMissingRTE(): the name is a table in scope under an alias.
      for (const ScopeRelation& rel : scope_->relations) {
        if (rel.table_name == rel_name && rel.alias != rel_name) {
          throw ErrorAt(SqlState::kUndefinedTable,
                        "invalid reference to FROM-clause entry for table \"" + rel_name + "\"",
                        expr.location)
              .WithHint("Perhaps you meant to reference the table alias \"" + rel.alias + "\".");
        }
      }
    }
  }
  if (BoundExprPtr param = BindFunctionParamName(expr)) return param;
  // Without a matching relation no column or table name can resolve; report
  // what PostgreSQL reports for an empty range table.
  if (f.size() == 1 && f[0] == "*") {
    throw ErrorAt(SqlState::kSyntaxError, "SELECT * with no tables specified is not valid",
                  expr.location);
  }
  if (f.size() == 1) {
    throw ErrorAt(SqlState::kUndefinedColumn, "column \"" + f[0] + "\" does not exist",
                  expr.location);
  }
  if (f.size() > 4) {
    std::string name;
    for (size_t i = 0; i < f.size(); ++i) name += (i ? "." : "") + f[i];
    throw ErrorAt(SqlState::kSyntaxError,
                  "improper qualified name (too many dotted names): " + name, expr.location);
  }
  // table.column, schema.table.column, catalog.schema.table.column
  const std::string& table = f[f.size() - 2];
  throw ErrorAt(SqlState::kUndefinedTable, "missing FROM-clause entry for table \"" + table + "\"",
                expr.location);
}

}  // namespace strata::sql
