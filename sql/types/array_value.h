// ArrayValue: the payload of a one-dimensional SQL array (PostgreSQL's
// ArrayType restricted to ndim <= 1). Immutable once built and shared between
// Values. An empty array has no dimensions (ndim 0), as in PostgreSQL, so its
// lower bound is meaningless and array_lower() of it is NULL.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/value.h"

namespace strata::sql {

struct ArrayValue {
  Oid element_type = type_oid::kInvalid;
  int32_t lower_bound = 1;      // of the one dimension
  std::vector<Value> elements;  // NULL elements are Value::Null(element_type)

  int32_t upper_bound() const {
    return lower_bound + static_cast<int32_t>(elements.size()) - 1;
  }
};

// Builds an array Value of array type `array_type` (e.g. int4[] = 1007).
Value MakeArray(Oid array_type, Oid element_type, std::vector<Value> elements,
                int32_t lower_bound = 1);

// array_in: parses an array literal ('{1,2,NULL}', '[0:1]={a,b}') with the
// element type's input function. Errors as PostgreSQL's: 22P02 "malformed
// array literal: ..." with DETAIL; the element's own input errors; 0A000 for
// multidimensional arrays.
Value ParseArray(Oid array_type, std::string_view text);

// array_out: '{1,2,NULL}', elements quoted where PostgreSQL quotes them,
// '[lb:ub]=' in front when the lower bound is not 1.
std::string FormatArray(const Value& array);

}  // namespace strata::sql
