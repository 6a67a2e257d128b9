// The aggregates' transition state and functions, shared by HashAgg
// (node_hash_agg.cpp, where they are defined) and the window node.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sql/binder/grouping.h"
#include "sql/executor/byte_string_set.h"
#include "sql/types/numeric.h"
#include "sql/types/numeric_var.h"
#include "sql/types/value.h"

namespace strata::sql {

struct AggState {
  int64_t count = 0;  // inputs seen (non-NULL ones, except array/json_agg)
  int64_t int_sum = 0;
  double float_sum = 0;
  Numeric numeric_sum;
  Value interval_sum;  // sum/avg of intervals (valid when count > 0)
  Value extreme;  // min/max so far (valid when count > 0)
  bool bool_result = false;
  ByteStringSet seen;  // DISTINCT: encodings of inputs
  std::string text;             // string_agg so far; json(b)_agg: elements so far
  std::vector<Value> elements;  // array_agg
  // var_* / stddev_*: float inputs as PostgreSQL's float8_accum (Youngs-
  // Cramer: N, Sx, Sxx); integer and numeric inputs as exact sums that, like
  // PostgreSQL's, may leave numeric's range (only the result must fit), and
  // whether a NaN or infinity was seen (the result is then NaN).
  double float_n = 0, float_sx = 0, float_sxx = 0;
  NumericVar var_sx;
  NumericVar var_sx2;
  int var_dscale = 0;  // the inputs' largest display scale
  bool var_special = false;
  // f(x ORDER BY ...): the inputs, kept until Finish sorts and feeds them.
  struct Ordered {
    std::vector<Value> keys;
    Value v;
    Value v2;
  };
  std::vector<Ordered> ordered;
  bool replayed = false;  // a state built from `ordered` in sorted order
};

// Adds input `v` (ignored for count(*); `v2` is string_agg's delimiter) to
// the state.
void Advance(const AggregateCall& call, AggState& st, const Value& v, const Value& v2 = Value());
// Adds the current row of `ctx` (bound by the caller): FILTER, then the
// arguments, kept for later when the call has ORDER BY.
void AdvanceRow(const AggregateCall& call, AggState& st, EvalContext& ctx);
// The aggregate's result for the inputs added so far.
Value Finish(const AggregateCall& call, const AggState& st);

// agg_collect.cpp: the transition and final functions of string_agg,
// array_agg, json_agg, jsonb_agg and the variance / stddev family, and the
// replay of ORDER BY inputs. `v` is not NULL-filtered by the caller.
void AdvanceCollecting(const AggregateCall& call, AggState& st, const Value& v, const Value& v2);
Value FinishCollecting(const AggregateCall& call, const AggState& st);
bool IsCollectingAggregate(AggKind kind);

}  // namespace strata::sql
