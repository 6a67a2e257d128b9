// Resolution of polymorphic argument and result types (PostgreSQL's
// enforce_generic_type_consistency in parse_coerce.c) for the operators and
// functions we evaluate: anyelement/anyarray/anynonarray take one element
// type from the actual arguments; anycompatible/anycompatiblearray take the
// common type of theirs. Pure: no expressions, no positions.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "sql/types/data_type.h"

namespace strata::sql {

struct PolymorphicResolution {
  std::vector<Oid> args;  // declared types with polymorphic ones resolved
  Oid result = type_oid::kInvalid;
  // Set on failure: SQLSTATE 42804 message (and detail) as PostgreSQL words them.
  std::string error;
  std::string error_detail;
};

PolymorphicResolution ResolvePolymorphicTypes(std::span<const Oid> actual,
                                              std::span<const Oid> declared, Oid result);

// select_common_type() over bare types (no positions): kInvalid if the
// categories conflict. All-unknown inputs give text.
Oid SelectCommonTypeOfTypes(std::span<const Oid> types);

}  // namespace strata::sql
