// Casts (x::t, CAST(x AS t), t 'literal') and type-name resolution with
// typmods (transformTypeCast, typenameTypeIdAndMod and the typmodin
// functions of numeric and varchar).
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/ast/expr.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/types/bit_string.h"
#include "sql/types/composite_type.h"
#include "sql/types/numeric.h"
#include "sql/types/type_io.h"
#include "sql/types/typmod.h"

namespace strata::sql {

namespace {

// TypeNameToString(): the name as written, "[]" appended for arrays.
std::string TypeNameToString(const ast::TypeName& t) {
  std::string out;
  for (size_t i = 0; i < t.names.size(); ++i) {
    if (i > 0) out += ".";
    out += t.names[i];
  }
  if (t.pct_type) out += "%TYPE";
  if (t.array_bounds > 0) out += "[]";
  return out;
}

// Types with a typmodin function in PostgreSQL 15.
bool AcceptsTypmods(Oid type) {
  switch (type) {
    case type_oid::kNumeric:
    case type_oid::kVarchar:
    case type_oid::kBpchar:
    case 1083:  // time
    case 1114:  // timestamp
    case 1184:  // timestamptz
    case 1186:  // interval
    case 1266:  // timetz
    case 1560:  // bit
    case 1562:  // varbit
      return true;
    default:
      return false;
  }
}

constexpr int kMaxAttrSize = 10 * 1024 * 1024;  // PostgreSQL's MaxAttrSize

// The user-defined type or the row type of the table or view named `name`
// in schema `ns`; nullptr if none.
const PgTypeInfo* FindUserTypeIn(const catalog::CatalogSnapshot& catalog, catalog::Oid ns,
                                 const std::string& name) {
  if (const catalog::TypeDesc* type = catalog.FindType(ns, name)) return FindPgType(type->oid);
  if (const catalog::TableDesc* table = catalog.FindTable(ns, name)) {
    return FindPgType(RelationRowTypeOid(table->oid));
  }
  if (const catalog::ViewDesc* view = catalog.FindView(ns, name)) {
    return FindPgType(RelationRowTypeOid(view->oid));
  }
  return nullptr;
}

// A user-defined type (CREATE TYPE) named `t`: unqualified through the
// search path, qualified in its schema (*schema_missing set if the schema
// does not exist); nullptr if none.
const PgTypeInfo* FindUserTypeByName(const ast::TypeName& t, bool* schema_missing) {
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr) {
    *schema_missing = t.names.size() == 2 && t.names[0] != "public" &&
                      t.names[0] != "information_schema" && t.names[0] != "pg_catalog";
    return nullptr;
  }
  if (t.names.size() == 2) {
    const catalog::NamespaceDesc* ns = catalog->FindNamespace(t.names[0]);
    if (ns == nullptr) {
      *schema_missing = true;
      return nullptr;
    }
    return FindUserTypeIn(*catalog, ns->oid, t.names[1]);
  }
  for (catalog::Oid ns : SearchPathNamespaces(*catalog)) {
    if (const PgTypeInfo* type = FindUserTypeIn(*catalog, ns, t.names[0])) return type;
  }
  return nullptr;
}

}  // namespace

DataType Binder::ResolveTypeName(const ast::TypeName& t) {
  if (t.pct_type) {
    throw ErrorAt(SqlState::kFeatureNotSupported, "%TYPE references are not supported yet",
                  t.location);
  }
  const PgTypeInfo* info = nullptr;
  if (t.names.size() == 1 || (t.names.size() == 2 && t.names[0] == "pg_catalog")) {
    info = FindPgTypeByName(t.names.back());
  }
  if (info == nullptr && (t.names.size() == 1 || t.names.size() == 2)) {
    bool schema_missing = false;
    info = FindUserTypeByName(t, &schema_missing);
    if (schema_missing) {
      throw ErrorAt(SqlState::kInvalidSchemaName,
                    "schema \"" + t.names[0] + "\" does not exist", t.location);
    }
  }
  if (info == nullptr) {
    throw ErrorAt(SqlState::kUndefinedObject, "type \"" + TypeNameToString(t) + "\" does not exist",
                  t.location);
  }
  Oid type = info->oid;
  if (t.array_bounds > 0) {
    if (info->typarray == 0) {
      throw ErrorAt(SqlState::kUndefinedObject,
                    "could not find array type for data type " + FormatTypeName(type), t.location);
    }
    type = info->typarray;
  }
  return DataType{type, ResolveTypmod(t, type)};
}

int32_t Binder::ResolveTypmod(const ast::TypeName& t, Oid type) {
  if (t.typmods.empty()) return -1;
  if (!AcceptsTypmods(type) && !(IsArrayType(type) && AcceptsTypmods(FindPgType(type)->typelem))) {
    throw ErrorAt(SqlState::kSyntaxError,
                  "type modifier is not allowed for type \"" + TypeNameToString(t) + "\"",
                  t.location);
  }
  // Typmods must be simple constants or identifiers, passed as strings.
  std::vector<std::string> args;
  for (const ast::ExprPtr& e : t.typmods) {
    if (e->kind == ast::ExprKind::kConstant) {
      const auto& c = static_cast<const ast::ConstantExpr&>(*e);
      switch (c.const_kind) {
        case ast::ConstantExpr::Kind::kInteger:
          args.push_back(std::to_string(c.ival));
          continue;
        case ast::ConstantExpr::Kind::kNumber:
        case ast::ConstantExpr::Kind::kString:
          args.push_back(c.text);
          continue;
        default:
          break;
      }
    } else if (e->kind == ast::ExprKind::kColumnRef) {
      const auto& c = static_cast<const ast::ColumnRefExpr&>(*e);
      if (c.fields.size() == 1 && c.fields[0] != "*") {
        args.push_back(c.fields[0]);
        continue;
      }
    }
    throw ErrorAt(SqlState::kSyntaxError, "type modifiers must be simple constants or identifiers",
                  t.location);
  }
  // Arrays take their element type's typmod (varchar(3)[]).
  if (IsArrayType(type)) type = FindPgType(type)->typelem;
  const bool is_datetime = type == type_oid::kTime || type == type_oid::kTimestamp ||
                           type == type_oid::kTimestampTz || type == type_oid::kInterval;
  if (type != type_oid::kNumeric && type != type_oid::kVarchar && type != type_oid::kBpchar &&
      !is_datetime && !bits::IsBitType(type)) {
    return -1;  // typmods of types we cannot evaluate anyway
  }
  try {
    std::vector<int64_t> mods;
    for (const std::string& a : args) mods.push_back(ParseInteger(type_oid::kInt4, a));
    if (is_datetime) return DatetimeTypmod(type, mods);
    if (bits::IsBitType(type)) {
      if (mods.size() != 1) {
        throw SqlError(SqlState::kInvalidParameterValue, "invalid type modifier");
      }
      return bits::BitTypmod(type, mods[0]);
    }
    if (type == type_oid::kNumeric) {
      if (mods.size() != 1 && mods.size() != 2) {
        throw SqlError(SqlState::kInvalidParameterValue, "invalid NUMERIC type modifier");
      }
      const int64_t precision = mods[0];
      if (precision < 1 || precision > Numeric::kMaxPrecision) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "NUMERIC precision " + std::to_string(precision) +
                           " must be between 1 and " + std::to_string(Numeric::kMaxPrecision));
      }
      const int64_t scale = mods.size() == 2 ? mods[1] : 0;
      if (scale < Numeric::kMinScale || scale > Numeric::kMaxScale) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "NUMERIC scale " + std::to_string(scale) + " must be between " +
                           std::to_string(Numeric::kMinScale) + " and " +
                           std::to_string(Numeric::kMaxScale));
      }
      return MakeNumericTypmod(static_cast<int>(precision), static_cast<int>(scale));
    }
    const char* name = type == type_oid::kVarchar ? "varchar" : "char";
    if (mods.size() != 1) {
      throw SqlError(SqlState::kInvalidParameterValue, "invalid type modifier");
    }
    if (mods[0] < 1) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     std::string("length for type ") + name + " must be at least 1");
    }
    if (mods[0] > kMaxAttrSize) {
      throw SqlError(SqlState::kInvalidParameterValue, std::string("length for type ") + name +
                                                           " cannot exceed " +
                                                           std::to_string(kMaxAttrSize));
    }
    return static_cast<int32_t>(mods[0]) + kVarHdrSize;
  } catch (SqlError& e) {
    if (e.fields().position == 0) e.WithPosition(Position(t.location));
    throw;
  }
}

BoundExprPtr Binder::BindTypeCast(const ast::TypeCastExpr& expr) {
  // The type name is looked up before the argument is analyzed.
  const DataType target = ResolveTypeName(expr.type_name);
  // ARRAY[...]::t[] builds the array with t's elements directly (so that
  // ARRAY[]::int[] has a type), as transformTypeCast does.
  BoundExprPtr arg =
      expr.arg->kind == ast::ExprKind::kArray && IsArrayType(target.oid)
          ? BindArrayExpr(static_cast<const ast::ArrayExpr&>(*expr.arg), target.oid)
          : BindExpr(*expr.arg);
  const int location = expr.location >= 0 ? expr.location : expr.type_name.location;
  const Oid input = arg->type().oid;
  if (!CanCoerceType(input, target.oid, CoercionContext::kExplicit)) {
    throw ErrorAt(SqlState::kCannotCoerce,
                  "cannot cast type " + FormatTypeName(input) + " to " + FormatTypeName(target.oid),
                  location >= 0 ? location : arg->location());
  }
  return CoerceToTargetType(std::move(arg), target, CoercionContext::kExplicit, true, location);
}

}  // namespace strata::sql
