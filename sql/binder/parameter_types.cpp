// ParameterTypes bookkeeping (see parameter_types.h).
#include "sql/binder/parameter_types.h"

namespace strata::sql {

Oid ParameterTypes::TypeForReference(int number) {
  const size_t index = static_cast<size_t>(number) - 1;
  if (mode_ == Mode::kVariable) {
    if (index >= types_.size()) types_.resize(index + 1, type_oid::kInvalid);
    // An unspecified parameter is unknown until something coerces it.
    if (types_[index] == type_oid::kInvalid) types_[index] = type_oid::kUnknown;
  }
  return types_[index];
}

int ParameterTypes::AddUnknownReference(int number, int location) {
  references_.push_back({number, location, false});
  return static_cast<int>(references_.size()) - 1;
}

}  // namespace strata::sql
