// ParameterTypes: the types of a statement's $n parameters while it is bound,
// PostgreSQL's parse_param.c. Two modes:
//
//  - kFixed (parse_fixed_parameters): the types are known -- a statement being
//    run with values, or EXECUTE's arguments. $n beyond them is 42P02.
//  - kVariable (parse_variable_parameters): a statement being prepared (Parse
//    message, SQL PREPARE). The client's types come first (0 = not given);
//    the list grows to the highest $n referenced, and a parameter without a
//    type gets one from the first coercion applied to it ($1 + 1 -> int4,
//    $1 = 'x' -> text, $1::int8 -> int8, $1 alone in a select list -> text).
//
// Invariant (kVariable): a BoundParam of type unknown was created while its
// parameter had no type; each such reference is recorded, and the binder marks
// it resolved when it coerces the node. After binding, CheckResolution()
// raises PostgreSQL's errors for references left behind.
#pragma once

#include <cstddef>
#include <vector>

#include "sql/types/data_type.h"

namespace strata::sql {

class ParameterTypes {
 public:
  enum class Mode { kFixed, kVariable };

  // `types`: one entry per parameter the caller knows about; in kVariable
  // mode 0 (or unknown) means "infer".
  ParameterTypes(Mode mode, std::vector<Oid> types) : mode_(mode), types_(std::move(types)) {}

  Mode mode() const { return mode_; }
  // One type per parameter: after a successful kVariable bind, unresolved
  // ones are kInvalid or kUnknown (FinalTypes() rejects them).
  const std::vector<Oid>& types() const { return types_; }

  // For the binder (bind_param.cpp).
  // The type of $number for a new reference, growing the list in kVariable
  // mode. REQUIRES: number >= 1 and (kFixed) number <= types().size().
  Oid TypeForReference(int number);
  // Records an unknown-type reference; returns its id for BoundParam.
  int AddUnknownReference(int number, int location);
  void MarkResolved(int reference) { references_[reference].resolved = true; }
  // Sets the type of $number; REQUIRES: its current type is unknown.
  void SetType(int number, Oid type) { types_[number - 1] = type; }

  struct UnknownReference {
    int number;
    int location;  // byte offset
    bool resolved;
  };
  const std::vector<UnknownReference>& unknown_references() const { return references_; }

 private:
  Mode mode_;
  std::vector<Oid> types_;
  std::vector<UnknownReference> references_;
};

}  // namespace strata::sql
