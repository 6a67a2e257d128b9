// The CoerceToDomain built-in (see domain_check.h).
#include "sql/expr/domain_check.h"

#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

Value CoerceToDomain(std::span<const Value> args) {
  CheckDomainValue(static_cast<Oid>(args[1].int_value()), args[0]);
  return args[0];
}

constexpr BuiltinFunction kDomainCheck = {"domain_check", CoerceToDomain, false};

}  // namespace

const BuiltinFunction* DomainCheckFunction() { return &kDomainCheck; }

}  // namespace strata::sql
