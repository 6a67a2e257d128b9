// How many trigger functions are running on this thread, nested (PostgreSQL's
// MyTriggerDepth, read by pg_trigger_depth()). A trigger's function runs
// inside a ScopedTriggerDepth; its statements' triggers nest deeper.
#pragma once

namespace strata::sql {

class ScopedTriggerDepth {
 public:
  ScopedTriggerDepth();
  ~ScopedTriggerDepth();
  ScopedTriggerDepth(const ScopedTriggerDepth&) = delete;
  ScopedTriggerDepth& operator=(const ScopedTriggerDepth&) = delete;
};

int CurrentTriggerDepth();

}  // namespace strata::sql
