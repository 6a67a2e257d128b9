// PostgreSQL's type coercion rules (parse_coerce.c), as pure functions over
// the pg_type and pg_cast tables: which conversions exist in which context.
// The Binder applies them to expressions (binder.h).
#pragma once

#include <span>

#include "sql/types/data_type.h"

namespace strata::sql {

// How strongly a conversion is requested; later values allow more casts.
enum class CoercionContext { kImplicit, kAssignment, kExplicit };

enum class CoercionPathway {
  kNone,         // no conversion in this context
  kRelabel,      // binary-coercible
  kFunction,     // a pg_cast function
  kCoerceViaIO,  // output + input functions
  kArrayCoerce,  // array to array, element by element
};

// find_coercion_pathway(): how to convert `source` to `target`.
CoercionPathway FindCoercionPathway(Oid target, Oid source, CoercionContext context);

// can_coerce_type(): true if every input can be converted to its target in
// `context`. Unknown inputs convert to anything; polymorphic targets accept
// consistent inputs.
bool CanCoerceTypes(std::span<const Oid> inputs, std::span<const Oid> targets,
                    CoercionContext context);
bool CanCoerceType(Oid input, Oid target, CoercionContext context);

// check_generic_type_consistency() for polymorphic targets.
bool CheckGenericTypeConsistency(std::span<const Oid> inputs, std::span<const Oid> targets);

}  // namespace strata::sql
