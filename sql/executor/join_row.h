// EmitJoinRow: the output row of a join node (NestLoop, HashJoin) — the
// outer row's columns, the inner row's, then the join's extra output
// expressions evaluated over that pair. A missing side (outer joins) is NULLs.
#pragma once

#include <cstddef>
#include <vector>

#include "sql/executor/plan_node.h"

namespace strata::sql {

// `outer` / `inner`: null for the NULL-extended side. The extra expressions
// read slots [slot_base leading slots, outer, inner]; `ctx` evaluates them.
void EmitJoinRow(const Row* outer, size_t outer_width, const Row* inner, size_t inner_width,
                 size_t slot_base, const std::vector<const BoundExpr*>& extra, EvalContext& ctx,
                 Row* row);

// The columns of `side` (NULLs where it is null or shorter) into
// (*row)[at, at + width), which must exist; a slot that already holds a NULL
// of the type it would get is left as it is (an output row is reused from
// call to call, and most unread columns are NULL in every row).
void AssignJoinSide(const Row* side, size_t width, size_t at, Row* row);

}  // namespace strata::sql
