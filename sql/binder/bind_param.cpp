// Parameter references ($n) and PostgreSQL's inference of their types
// (parse_param.c: variable_paramref_hook, variable_coerce_param_hook,
// check_variable_parameters). See parameter_types.h for the modes.
#include <climits>
#include <string>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"

namespace strata::sql {

BoundExprPtr Binder::BindParamRef(const ast::ParamRefExpr& expr) {
  const int number = expr.number;
  const bool known_number =
      params_ != nullptr && number > 0 &&
      (params_->mode() == ParameterTypes::Mode::kVariable
           ? number <= static_cast<int>(INT_MAX / sizeof(Oid))
           : static_cast<size_t>(number) <= params_->types().size());
  if (!known_number) {
    throw ErrorAt(SqlState::kUndefinedParameter, "there is no parameter $" + std::to_string(number),
                  expr.location);
  }
  const Oid type = params_->TypeForReference(number);
  if (type == type_oid::kUnknown) {
    const int reference = params_->AddUnknownReference(number, expr.location);
    return std::make_unique<BoundParam>(number, DataType{type_oid::kUnknown, -1}, expr.location,
                                        reference);
  }
  if (!IsSupportedType(type)) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "parameters of type " + FormatTypeName(type) + " are not supported yet",
                  expr.location);
  }
  return std::make_unique<BoundParam>(number, DataType{type, -1}, expr.location);
}

BoundExprPtr Binder::CoerceParam(const BoundParam& param, Oid target, int location) {
  const int number = param.number();
  const Oid current = params_ != nullptr && static_cast<size_t>(number) <= params_->types().size()
                          ? params_->types()[number - 1]
                          : type_oid::kInvalid;
  if (params_ == nullptr || current == type_oid::kInvalid) {
    throw ErrorAt(SqlState::kUndefinedParameter, "there is no parameter $" + std::to_string(number),
                  param.location());
  }
  if (current != type_oid::kUnknown && current != target) {
    throw ErrorAt(SqlState::kAmbiguousParameter,
                  "inconsistent types deduced for parameter $" + std::to_string(number),
                  param.location())
        .WithDetail(FormatTypeName(current) + " versus " + FormatTypeName(target));
  }
  if (!IsSupportedType(target)) {
    throw ErrorAt(SqlState::kFeatureNotSupported,
                  "parameters of type " + FormatTypeName(target) + " are not supported yet",
                  param.location());
  }
  params_->SetType(number, target);
  if (param.reference() >= 0) params_->MarkResolved(param.reference());
  // The node takes the leftmost of its own and the coercion's locations.
  return std::make_unique<BoundParam>(number, DataType{target, -1},
                                      LeftmostLocation(location, param.location()));
}

void Binder::CheckParameterResolution() const {
  if (params_ == nullptr) return;
  for (const auto& ref : params_->unknown_references()) {
    if (ref.resolved) continue;
    if (params_->types()[ref.number - 1] != type_oid::kUnknown) {
      throw ErrorAt(SqlState::kAmbiguousParameter,
                    "could not determine data type of parameter $" + std::to_string(ref.number),
                    ref.location);
    }
  }
}

BoundExprPtr Binder::CoerceForAssignment(BoundExprPtr expr, DataType target) {
  if (!CanCoerceType(expr->type().oid, target.oid, CoercionContext::kAssignment)) return nullptr;
  return CoerceToTargetType(std::move(expr), target, CoercionContext::kAssignment, false, -1);
}

}  // namespace strata::sql
