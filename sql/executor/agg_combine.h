// Combining two aggregate transition states (PostgreSQL's aggcombinefn:
// int8pl for count, int4_avg_combine, numeric_avg_combine, float8pl, the
// min/max functions themselves): what a Finalize Aggregate does with the
// partial states of parallel workers (node_parallel_agg.h).
#pragma once

#include "sql/binder/grouping.h"
#include "sql/executor/agg_transition.h"

namespace strata::sql {

// Whether `call` can be computed in parts and combined: count, sum, avg,
// min, max, bool_and/or, bit_and/or/xor, without DISTINCT or ORDER BY.
bool IsCombinableAggregate(const AggregateCall& call);

// Adds `src`'s inputs to `dst` (both built by Advance for `call`); `src`
// is left unspecified. REQUIRES: IsCombinableAggregate(call).
void CombineAggStates(const AggregateCall& call, AggState& dst, AggState& src);

}  // namespace strata::sql
