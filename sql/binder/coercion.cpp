// Coercing bound expressions: coerce_type, coerce_type_typmod,
// coerce_to_target_type, coerce_to_boolean, select_common_type and
// coerce_to_common_type of PostgreSQL's parse_coerce.c.
#include <string>

#include "common/sql_error.h"
#include "sql/types/output_only_types.h"
#include "sql/ast/position.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/binary_coercion.h"
#include "sql/expr/cast_functions.h"
#include "sql/expr/domain_check.h"
#include "sql/types/bit_string.h"
#include "sql/types/composite_type.h"
#include "sql/types/datetime_io.h"
#include "sql/types/type_io.h"
#include "sql/types/user_types.h"

namespace strata::sql {

int LeftmostLocation(int a, int b) {
  if (a < 0) return b;
  if (b < 0) return a;
  return a < b ? a : b;
}

int Binder::Position(int location) const { return ast::CharPosition(query_, location); }

SqlError Binder::ErrorAt(SqlState state, std::string message, int location) const {
  SqlError error(state, std::move(message));
  if (location >= 0) error.WithPosition(Position(location));
  return error;
}

BoundExprPtr Binder::CoerceType(BoundExprPtr expr, Oid target, CoercionContext context,
                                int location, int32_t target_typmod) {
  const Oid source = expr->type().oid;
  if (source == target || target == type_oid::kAny || IsPolymorphicType(target)) {
    return expr;
  }
  // Domains: to one, convert to its base type and check its constraints
  // (CoerceToDomain); from one, the value is already its base type's.
  if (target >= catalog::kFirstNormalObjectId && IsDomainType(target)) {
    const int node_location = LeftmostLocation(location, expr->location());
    BoundExprPtr inner = CoerceToTargetType(std::move(expr), DomainBaseType(target), context,
                                            context == CoercionContext::kExplicit, location);
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(inner));
    args.push_back(std::make_unique<BoundConstant>(Value::Integer(type_oid::kOid, target),
                                                   DataType{type_oid::kOid, -1}, -1));
    return std::make_unique<BoundFunctionCall>(DomainCheckFunction(), std::move(args),
                                               DataType{target, -1}, node_location);
  }
  if (source >= catalog::kFirstNormalObjectId && IsDomainType(source)) {
    const int expr_location = expr->location();
    BoundExprPtr base = std::make_unique<BoundCast>(std::move(expr), CastMethod::kRelabel,
                                                    DomainBaseType(source), expr_location);
    return CoerceType(std::move(base), target, context, location, target_typmod);
  }
  // Composite types (coerce_record_to_complex): a composite value already
  // is a record; a record becomes a named composite type field by field.
  if (target == type_oid::kRecord && IsCompositeType(source)) return expr;
  if (target == 2287 /* record[] */ && IsArrayType(source) &&
      IsCompositeType(FindPgType(source)->typelem)) {
    return expr;
  }
  if (source == type_oid::kRecord && IsNamedCompositeType(target)) {
    return CoerceRecordToComposite(std::move(expr), target, context, location);
  }
  if (source == type_oid::kUnknown && expr->kind() == BoundExprKind::kParam) {
    return CoerceParam(static_cast<const BoundParam&>(*expr), target, location);
  }
  if (source == type_oid::kUnknown && expr->kind() == BoundExprKind::kConstant) {
    // An untyped literal: run the target type's input function now, with
    // errors pointing at the literal (as PostgreSQL does).
    const auto& constant = static_cast<const BoundConstant&>(*expr);
    const int literal_location = constant.location();
    if (!IsSupportedType(target) && !IsOutputOnlyType(target)) {
      throw ErrorAt(SqlState::kFeatureNotSupported,
                    "type " + FormatTypeName(target) + " is not supported yet", literal_location);
    }
    Value value = Value::Null(target);
    if (!constant.value().is_null()) {
      try {
        value = target == type_oid::kInterval && target_typmod >= 0
                    ? Value::FromInterval(ParseIntervalWithRange(
                          constant.value().string_value(), (target_typmod >> 16) & 0x7FFF))
                    : InputValue(target, constant.value().string_value());
      } catch (SqlError& e) {
        if (e.fields().position == 0 && literal_location >= 0) {
          e.WithPosition(Position(literal_location));
        }
        throw;
      }
    }
    return std::make_unique<BoundConstant>(std::move(value), DataType{target, -1},
                                           literal_location);
  }
  if (BoundExprPtr cast = CoerceViaUserCast(expr, target, context, location)) return cast;
  const CoercionPathway pathway = FindCoercionPathway(target, source, context);
  if (pathway == CoercionPathway::kCoerceViaIO &&
      (IsUserBaseType(source) || IsUserBaseType(target))) {
    // A base type's text I/O is its storage type's (InputValue / OutputValue).
    const int node_location = LeftmostLocation(location, expr->location());
    return std::make_unique<BoundCast>(std::move(expr), CastMethod::kInOut, DataType{target, -1},
                                       node_location);
  }
  CastMethod method = CastMethod::kFunction;
  switch (pathway) {
    case CoercionPathway::kRelabel:
      method = CastMethod::kRelabel;
      break;
    case CoercionPathway::kFunction:
      method = CastMethod::kFunction;
      break;
    case CoercionPathway::kCoerceViaIO:
      method = CastMethod::kInOut;
      break;
    case CoercionPathway::kArrayCoerce:
      return CoerceArray(std::move(expr), target, context, -1, context == CoercionContext::kExplicit,
                         location);
    case CoercionPathway::kNone:
      throw ErrorAt(SqlState::kCannotCoerce,
                    "cannot cast type " + FormatTypeName(source) + " to " + FormatTypeName(target),
                    location);
  }
  if (!IsCastImplemented(source, target, method)) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "cast from type " + FormatTypeName(source) + " to " + FormatTypeName(target) +
                      " is not supported yet",
                  LeftmostLocation(location, expr->location()));
  }
  const int node_location = LeftmostLocation(location, expr->location());
  // bitfromint4/8 take the target typmod (which bits to keep), as PostgreSQL
  // passes it to a two-argument cast function; the result has that typmod,
  // so no length coercion follows.
  const int32_t typmod =
      target == bits::kBit && (source == type_oid::kInt4 || source == type_oid::kInt8)
          ? target_typmod
          : -1;
  return std::make_unique<BoundCast>(std::move(expr), method, DataType{target, typmod},
                                     node_location);
}

BoundExprPtr Binder::CoerceViaUserCast(BoundExprPtr& expr, Oid target, CoercionContext context,
                                       int location) {
  const Oid source = expr->type().oid;
  const std::optional<catalog::CastDesc> cast = FindUserCast(source, target);
  if (!cast) return nullptr;
  if (FindCoercionPathway(target, source, context) == CoercionPathway::kNone) {
    throw ErrorAt(SqlState::kCannotCoerce,
                  "cannot cast type " + FormatTypeName(source) + " to " + FormatTypeName(target),
                  location);
  }
  const int node_location = LeftmostLocation(location, expr->location());
  switch (cast->method) {
    case 'b': {
      // WITHOUT FUNCTION: the datum is reused as it is; where the two types'
      // values differ at run time (a base type over int8 and float8), its
      // bits are read as the target's.
      std::vector<BoundExprPtr> args;
      args.push_back(std::move(expr));
      args.push_back(std::make_unique<BoundConstant>(
          Value::Integer(type_oid::kOid, RuntimeTypeOf(target)), DataType{type_oid::kOid, -1},
          -1));
      return std::make_unique<BoundFunctionCall>(BinaryCoercionFunction(), std::move(args),
                                                 DataType{target, -1}, node_location);
    }
    case 'i':
      return std::make_unique<BoundCast>(std::move(expr), CastMethod::kInOut,
                                         DataType{target, -1}, node_location);
    default: {
      // WITH FUNCTION f(source [, int4 [, bool]]): f's first argument takes
      // the value (coerced to f's argument type by a binary-coercible
      // relabel, as PostgreSQL allows).
      std::vector<BoundExprPtr> args;
      args.push_back(std::move(expr));
      return CallFunctionByOid(cast->function, std::string(), std::move(args), node_location);
    }
  }
}

BoundExprPtr Binder::CoerceTypeTypmod(BoundExprPtr expr, DataType target, bool is_explicit,
                                      int location) {
  if (target.typmod == expr->type().typmod) return expr;
  const int node_location = LeftmostLocation(location, expr->location());
  if (target.typmod >= 0 && IsArrayType(target.oid) &&
      HasTypmodCoercion(FindPgType(target.oid)->typelem)) {
    // varchar(n)[], char(n)[], numeric(p,s)[]: the typmod applies per element.
    return CoerceArray(std::move(expr), target.oid, CoercionContext::kImplicit, target.typmod,
                       is_explicit, location);
  }
  if (target.typmod < 0 || !HasTypmodCoercion(target.oid)) {
    // No conversion, but the expression must expose the intended typmod.
    return std::make_unique<BoundCast>(std::move(expr), CastMethod::kRelabel, target,
                                       node_location);
  }
  return std::make_unique<BoundTypmodCoercion>(std::move(expr), target, is_explicit, node_location);
}

BoundExprPtr Binder::CoerceToTargetType(BoundExprPtr expr, DataType target, CoercionContext context,
                                        bool is_explicit, int location) {
  BoundExprPtr result = CoerceType(std::move(expr), target.oid, context, location, target.typmod);
  return CoerceTypeTypmod(std::move(result), target, is_explicit, location);
}

BoundExprPtr Binder::CoerceToBoolean(BoundExprPtr expr, std::string_view construct) {
  const Oid type = expr->type().oid;
  if (type == type_oid::kBool) return expr;
  if (!CanCoerceType(type, type_oid::kBool, CoercionContext::kAssignment)) {
    throw ErrorAt(SqlState::kDatatypeMismatch,
                  "argument of " + std::string(construct) + " must be type boolean, not type " +
                      FormatTypeName(type),
                  expr->location());
  }
  return CoerceToTargetType(std::move(expr), DataType{type_oid::kBool, -1},
                            CoercionContext::kAssignment, false, -1);
}

Oid Binder::SelectCommonType(const std::vector<const BoundExpr*>& exprs, const char* context) {
  const BoundExpr* pexpr = exprs.front();
  Oid ptype = pexpr->type().oid;
  // All inputs of one (known) type: that type.
  if (ptype != type_oid::kUnknown) {
    bool all_same = true;
    for (const BoundExpr* e : exprs) {
      if (e->type().oid != ptype) {
        all_same = false;
        break;
      }
    }
    if (all_same) return ptype;
  }
  // Otherwise domains count as their base types.
  ptype = BaseTypeOf(ptype);
  char pcategory = TypeCategory(ptype);
  bool pispreferred = IsPreferredType(type_category::kInvalid, ptype);
  for (size_t i = 1; i < exprs.size(); ++i) {
    const BoundExpr* nexpr = exprs[i];
    const Oid ntype = BaseTypeOf(nexpr->type().oid);
    if (ntype == type_oid::kUnknown || ntype == ptype) continue;
    const char ncategory = TypeCategory(ntype);
    const bool nispreferred = IsPreferredType(type_category::kInvalid, ntype);
    if (ptype == type_oid::kUnknown) {
      // Only unknowns so far: take anything.
      pexpr = nexpr;
      ptype = ntype;
      pcategory = ncategory;
      pispreferred = nispreferred;
    } else if (ncategory != pcategory) {
      if (context == nullptr) return type_oid::kInvalid;
      throw ErrorAt(SqlState::kDatatypeMismatch,
                    std::string(context) + " types " + FormatTypeName(ptype) + " and " +
                        FormatTypeName(ntype) + " cannot be matched",
                    nexpr->location());
    } else if (!pispreferred && CanCoerceType(ptype, ntype, CoercionContext::kImplicit) &&
               !CanCoerceType(ntype, ptype, CoercionContext::kImplicit)) {
      // Move to a type the current one converts to implicitly, but not back;
      // never leave a preferred type.
      pexpr = nexpr;
      ptype = ntype;
      pcategory = ncategory;
      pispreferred = nispreferred;
    }
  }
  // All inputs were untyped literals: text.
  if (ptype == type_oid::kUnknown) ptype = type_oid::kText;
  return ptype;
}

int32_t Binder::SelectCommonTypmod(const std::vector<const BoundExpr*>& exprs, Oid common_type) {
  bool first = true;
  int32_t result = -1;
  for (const BoundExpr* e : exprs) {
    if (e->type().oid != common_type) return -1;
    if (first) {
      result = e->type().typmod;
      first = false;
    } else if (result != e->type().typmod) {
      return -1;
    }
  }
  return result;
}

BoundExprPtr Binder::CoerceToCommonType(BoundExprPtr expr, Oid target, const char* context) {
  const Oid type = expr->type().oid;
  if (type == target) return expr;
  if (!CanCoerceType(type, target, CoercionContext::kImplicit)) {
    throw ErrorAt(SqlState::kCannotCoerce,
                  std::string(context) + " could not convert type " + FormatTypeName(type) +
                      " to " + FormatTypeName(target),
                  expr->location());
  }
  return CoerceType(std::move(expr), target, CoercionContext::kImplicit, -1);
}

BoundExprPtr Binder::ResolveUnknownToText(BoundExprPtr expr) {
  if (expr->type().oid != type_oid::kUnknown) return expr;
  return CoerceType(std::move(expr), type_oid::kText, CoercionContext::kImplicit, -1);
}

}  // namespace strata::sql
