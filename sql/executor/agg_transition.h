// The aggregates' transition state and functions, shared by HashAgg
// (node_hash_agg.cpp, where they are defined) and the window node.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>

#include "sql/binder/grouping.h"
#include "sql/types/numeric.h"
#include "sql/types/value.h"

namespace strata::sql {

struct AggState {
  int64_t count = 0;  // non-NULL inputs seen
  int64_t int_sum = 0;
  double float_sum = 0;
  Numeric numeric_sum;
  Value extreme;  // min/max so far (valid when count > 0)
  bool bool_result = false;
  std::unordered_set<std::string> seen;  // DISTINCT: encodings of inputs
};

// Adds input `v` (ignored for count(*)) to the state.
void Advance(const AggregateCall& call, AggState& st, const Value& v);
// The aggregate's result for the inputs added so far.
Value Finish(const AggregateCall& call, const AggState& st);

}  // namespace strata::sql
