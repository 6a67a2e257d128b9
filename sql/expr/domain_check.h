// CoerceToDomain: the built-in the binder calls when a value is converted to
// a domain. Its arguments are the value (already of the domain's base type)
// and the domain's OID; it runs the domain's constraints
// (sql/types/user_types.h) and returns the value unchanged. Not strict: a
// NULL must meet NOT NULL.
#pragma once

#include "sql/expr/builtin_function.h"

namespace strata::sql {

const BuiltinFunction* DomainCheckFunction();

}  // namespace strata::sql
