// The functions and operators of the built-in range and multirange types
// with PostgreSQL 15's semantics (rangetypes.c, multirangetypes.c):
// constructors, lower/upper/isempty/lower_inc/..., range_merge, the
// comparisons, containment (@> <@), && << >> &< &> -|-, + * -, and
// multirange(). The aggregates range_agg / range_intersect_agg live with the
// other aggregates (node_hash_agg.cpp) and use the helpers below.
#pragma once

#include <span>

#include "sql/expr/builtin_function.h"
#include "sql/expr/sql_function.h"
#include "sql/types/range_value.h"

namespace strata::sql {

std::span<const BuiltinFunction> RangeFunctions();
std::span<const SqlFunction> RangeSqlFunctions();

// range_intersect's result (empty when they do not overlap).
RangeValue IntersectRanges(const RangeValue& a, const RangeValue& b);
// The multirange's ranges intersected with another's.
std::vector<RangeValue> IntersectMultiranges(const MultirangeValue& a, const MultirangeValue& b);

}  // namespace strata::sql
