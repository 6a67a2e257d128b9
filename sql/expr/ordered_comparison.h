// The comparison operators' functions (=, <>, <, <=, >, >=) of the types
// whose order is CompareValues' (sql/types/value_compare.h): bpchar, bytea,
// uuid, bit strings and the network types share these instead of writing
// their own.
#pragma once

#include <span>

#include "sql/types/value.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

enum class Comparison { kEq, kNe, kLt, kLe, kGt, kGe };

// REQUIRES: two non-NULL arguments (the operators are strict).
template <Comparison kOp>
Value CompareOrdered(std::span<const Value> a) {
  const int c = CompareValues(a[0], a[1]);
  switch (kOp) {
    case Comparison::kEq: return Value::Bool(c == 0);
    case Comparison::kNe: return Value::Bool(c != 0);
    case Comparison::kLt: return Value::Bool(c < 0);
    case Comparison::kLe: return Value::Bool(c <= 0);
    case Comparison::kGt: return Value::Bool(c > 0);
    case Comparison::kGe: return Value::Bool(c >= 0);
  }
  return Value::Bool(false);
}

}  // namespace strata::sql
