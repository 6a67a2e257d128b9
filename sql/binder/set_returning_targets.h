// Set-returning function calls in a select list (PostgreSQL's ProjectSet):
// `SELECT generate_series(1, 3)`, `SELECT id, unnest(tags) FROM t`. The
// binder collects each call here and puts a column reference in its place;
// the ProjectSet node (executor/node_project_set.h) runs the calls per input
// row and appends their values at the slots the references read.
#pragma once

#include <vector>

#include "sql/binder/binder.h"
#include "sql/expr/bound_expr.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

struct SetReturningTarget {
  BoundExprPtr call;              // the BoundFunctionCall, arguments over the input row
  const SqlFunction* function;    // its set-returning function
  BoundColumnRef* result;         // the reference left in the select list
};

struct SetReturningState {
  std::vector<SetReturningTarget> calls;
};

// Forbids set-returning calls (PostgreSQL's 0A000 `message`) while the
// expressions of a CASE, COALESCE, aggregate or window call are bound.
class SetReturningForbiddenScope {
 public:
  SetReturningForbiddenScope(Binder& binder, const char* message)
      : binder_(binder), previous_(binder.SetSetReturningForbidden(message)) {}
  ~SetReturningForbiddenScope() { binder_.SetSetReturningForbidden(previous_); }
  SetReturningForbiddenScope(const SetReturningForbiddenScope&) = delete;
  SetReturningForbiddenScope& operator=(const SetReturningForbiddenScope&) = delete;

 private:
  Binder& binder_;
  const char* previous_;
};

// Gives the calls' references their slots: `base` is the width of the row
// the ProjectSet node reads; call j's value is at base + j.
void FinishSetReturningSlots(SetReturningState& state, int base);

}  // namespace strata::sql
