// Arrays in expressions: ARRAY[...] (transformArrayExpr), subscripts and
// slices (transformContainerSubscripts), `x op ANY/ALL (array)`
// (make_scalar_array_op) and element-wise array coercions (the
// ArrayCoerceExpr PostgreSQL builds when an array's element type changes).
// Only one-dimensional arrays exist; nested ARRAY[ARRAY[...]] is 0A000.
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"
#include "sql/types/user_types.h"
#include "sql/expr/array_exprs.h"

namespace strata::sql {

namespace {

Oid ElementTypeOf(Oid array) {
  const PgTypeInfo* info = FindPgType(array);
  return info != nullptr ? info->typelem : type_oid::kInvalid;
}

Oid ArrayTypeOf(Oid element) {
  const PgTypeInfo* info = FindPgType(element);
  return info != nullptr ? info->typarray : type_oid::kInvalid;
}

CastMethod MethodOf(CoercionPathway pathway) {
  switch (pathway) {
    case CoercionPathway::kFunction:
      return CastMethod::kFunction;
    case CoercionPathway::kCoerceViaIO:
      return CastMethod::kInOut;
    default:
      return CastMethod::kRelabel;
  }
}

}  // namespace

BoundExprPtr Binder::BindArrayExpr(const ast::ArrayExpr& expr, Oid cast_array_type) {
  for (const ast::ExprPtr& e : expr.elements) {
    if (e->kind == ast::ExprKind::kArray) {
      throw ErrorAt(SqlState::kFeatureNotSupported,
                    "multidimensional arrays are not supported yet", e->location);
    }
  }
  std::vector<BoundExprPtr> elements;
  for (const ast::ExprPtr& e : expr.elements) elements.push_back(BindExpr(*e));

  Oid element_type = type_oid::kInvalid;
  Oid array_type = type_oid::kInvalid;
  if (cast_array_type != type_oid::kInvalid) {
    array_type = cast_array_type;
    element_type = ElementTypeOf(array_type);
    for (BoundExprPtr& e : elements) {
      const Oid source = e->type().oid;
      if (!CanCoerceType(source, element_type, CoercionContext::kExplicit)) {
        throw ErrorAt(SqlState::kCannotCoerce,
                      "cannot cast type " + FormatTypeName(source) + " to " +
                          FormatTypeName(element_type),
                      e->location());
      }
      e = CoerceToTargetType(std::move(e), DataType{element_type, -1},
                             CoercionContext::kExplicit, true, -1);
    }
  } else {
    if (elements.empty()) {
      throw ErrorAt(SqlState::kIndeterminateDatatype, "cannot determine type of empty array",
                    expr.location)
          .WithHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].");
    }
    std::vector<const BoundExpr*> all;
    for (const BoundExprPtr& e : elements) all.push_back(e.get());
    element_type = SelectCommonType(all, "ARRAY");
    array_type = ArrayTypeOf(element_type);
    if (array_type == type_oid::kInvalid) {
      throw ErrorAt(SqlState::kUndefinedObject,
                    "could not find array type for data type " + FormatTypeName(element_type),
                    expr.location);
    }
    for (BoundExprPtr& e : elements) {
      e = CoerceToCommonType(std::move(e), element_type, "ARRAY");
    }
  }
  if (!IsSupportedType(array_type)) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "type " + FormatTypeName(array_type) + " is not supported yet", expr.location);
  }
  std::vector<const BoundExpr*> all;
  for (const BoundExprPtr& e : elements) all.push_back(e.get());
  const int32_t typmod = elements.empty() ? -1 : SelectCommonTypmod(all, element_type);
  return std::make_unique<BoundArrayConstructor>(std::move(elements), element_type,
                                                 DataType{array_type, typmod}, expr.location);
}

BoundExprPtr Binder::BindSubscript(const ast::SubscriptExpr& expr) {
  BoundExprPtr arg = BindExpr(*expr.arg);
  // A domain over an array subscripts as the array (its base type).
  if (arg->type().oid >= catalog::kFirstNormalObjectId && IsDomainType(arg->type().oid)) {
    arg = CoerceType(std::move(arg), DomainBaseType(arg->type().oid).oid,
                     CoercionContext::kImplicit, -1);
  }
  const DataType array_type = arg->type();
  if (const PgTypeInfo* t = FindPgType(array_type.oid);
      t != nullptr && t->typelem != 0 && t->typlen > 0 && IsSupportedType(array_type.oid)) {
    // The fixed-length "arrays" (point, lseg, box, line: typelem set, typlen
    // > 0) take one 0-based subscript, as PostgreSQL's
    // raw_array_subscript_handler: point[0] is x, box[1] its low corner; an
    // index out of range is NULL.
    for (const ast::Subscript& s : expr.subscripts) {
      if (s.is_slice) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "slices of fixed-length arrays not implemented");
      }
    }
    const BuiltinFunction* fn = FindBuiltinFunction("strata_fixed_array_element");
    // More than one subscript gives NULL: the index -1 is out of range.
    BoundExprPtr index = expr.subscripts.size() == 1
                             ? BindExpr(*expr.subscripts[0].upper)
                             : std::make_unique<BoundConstant>(Value::Int4(-1), DataType{type_oid::kInt4, -1},
                                                              arg->location());
    if (!CanCoerceType(index->type().oid, type_oid::kInt4, CoercionContext::kAssignment)) {
      throw ErrorAt(SqlState::kDatatypeMismatch, "array subscript must have type integer",
                    index->location());
    }
    index = CoerceToTargetType(std::move(index), DataType{type_oid::kInt4, -1},
                               CoercionContext::kAssignment, false, -1);
    const int location = arg->location();
    std::vector<BoundExprPtr> args;
    args.push_back(std::move(arg));
    args.push_back(std::move(index));
    return std::make_unique<BoundFunctionCall>(fn, std::move(args), DataType{t->typelem},
                                               location);
  }
  if (!IsArrayType(array_type.oid)) {
    throw ErrorAt(SqlState::kDatatypeMismatch,
                  "cannot subscript type " + FormatTypeName(array_type.oid) +
                      " because it does not support subscripting",
                  arg->location());
  }
  bool is_slice = false;
  for (const ast::Subscript& s : expr.subscripts) is_slice |= s.is_slice;
  auto bind_index = [&](const ast::ExprPtr& e) -> BoundExprPtr {
    if (!e) return nullptr;
    BoundExprPtr index = BindExpr(*e);
    const Oid t = index->type().oid;
    if (!CanCoerceType(t, type_oid::kInt4, CoercionContext::kAssignment)) {
      throw ErrorAt(SqlState::kDatatypeMismatch, "array subscript must have type integer",
                    index->location());
    }
    return CoerceToTargetType(std::move(index), DataType{type_oid::kInt4, -1},
                              CoercionContext::kAssignment, false, -1);
  };
  std::vector<BoundSubscript::Index> indexes;
  for (const ast::Subscript& s : expr.subscripts) {
    BoundSubscript::Index index;
    if (is_slice && !s.is_slice) {
      // In a slice, a plain subscript i means 1:i.
      index.upper = bind_index(s.upper);
      indexes.push_back(std::move(index));
      continue;
    }
    index.lower = bind_index(s.lower);
    index.upper = bind_index(s.upper);
    indexes.push_back(std::move(index));
  }
  const Oid element_type = ElementTypeOf(array_type.oid);
  const DataType result = is_slice ? array_type : DataType{element_type, array_type.typmod};
  if (!IsSupportedType(array_type.oid)) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "type " + FormatTypeName(array_type.oid) + " is not supported yet",
                  arg->location());
  }
  const int location = arg->location();
  return std::make_unique<BoundSubscript>(std::move(arg), std::move(indexes), is_slice, result,
                                          location);
}

BoundExprPtr Binder::BindArrayOp(const ast::ArrayOpExpr& expr) {
  BoundExprPtr left = BindExpr(*expr.left);
  BoundExprPtr right = BindExpr(*expr.right);
  const Oid rtype = right->type().oid;
  Oid element = type_oid::kUnknown;
  if (rtype != type_oid::kUnknown) {
    element = IsArrayType(rtype) ? ElementTypeOf(rtype) : type_oid::kInvalid;
    if (element == type_oid::kInvalid) {
      throw ErrorAt(SqlState::kWrongObjectType, "op ANY/ALL (array) requires array on right side",
                    expr.location);
    }
  }
  const ChosenOperator op = ChooseOperator(expr.name, left->type().oid, element, expr.location);
  if (op.result_type != type_oid::kBool) {
    throw ErrorAt(SqlState::kWrongObjectType,
                  "op ANY/ALL (array) requires operator to yield boolean", expr.location);
  }
  const Oid array_type = ArrayTypeOf(op.right_type);
  if (array_type == type_oid::kInvalid) {
    throw ErrorAt(SqlState::kUndefinedObject,
                  "could not find array type for data type " + FormatTypeName(op.right_type),
                  expr.location);
  }
  const int location = LeftmostLocation(expr.location, left->location());
  left = CoerceType(std::move(left), op.left_type, CoercionContext::kImplicit, -1);
  right = CoerceType(std::move(right), array_type, CoercionContext::kImplicit, -1);
  return std::make_unique<BoundArrayAnyAll>(op.fn, expr.use_or, std::move(left), std::move(right),
                                            location);
}

BoundExprPtr Binder::CoerceArray(BoundExprPtr expr, Oid target, CoercionContext context,
                                 int32_t element_typmod, bool is_explicit, int location) {
  const Oid source_element = ElementTypeOf(expr->type().oid);
  const Oid target_element = ElementTypeOf(target);
  const CoercionPathway pathway = FindCoercionPathway(target_element, source_element, context);
  const CastMethod method = MethodOf(pathway);
  // Domain elements convert as their base types (the constraints are checked
  // per element when the array is coerced).
  if (BaseTypeOf(source_element) != BaseTypeOf(target_element) &&
      !IsCastImplemented(BaseTypeOf(source_element), BaseTypeOf(target_element), method)) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "cast from type " + FormatTypeName(source_element) + " to " +
                      FormatTypeName(target_element) + " is not supported yet",
                  LeftmostLocation(location, expr->location()));
  }
  const int node_location = LeftmostLocation(location, expr->location());
  return std::make_unique<BoundArrayCoerce>(std::move(expr), method, target_element,
                                            element_typmod, is_explicit,
                                            DataType{target, element_typmod}, node_location);
}

}  // namespace strata::sql
