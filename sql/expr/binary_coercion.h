// Binary-coercible casts between types whose values differ at run time
// (CREATE CAST ... WITHOUT FUNCTION involving a base type, whose values are
// its storage type's, sql/types/user_types.h): PostgreSQL reuses the datum
// as it is, so the bits of one type are read as the other's -- float8's
// regression test turns int8 bit patterns into float8 values this way.
#pragma once

#include "sql/expr/builtin_function.h"

namespace strata::sql {

// binary_coercion(value, target runtime type OID as oid): the value's
// representation read as the target type's. Same-size fixed-width types
// (int8/float8, int4/float4/oid, ...) reinterpret their bits; string types
// keep their bytes; anything else is 0A000.
const BuiltinFunction* BinaryCoercionFunction();

}  // namespace strata::sql
