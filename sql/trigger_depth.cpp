// The nesting depth of trigger functions (see trigger_depth.h).
#include "sql/trigger_depth.h"

namespace strata::sql {

namespace {
thread_local int depth = 0;
}

ScopedTriggerDepth::ScopedTriggerDepth() { ++depth; }
ScopedTriggerDepth::~ScopedTriggerDepth() { --depth; }

int CurrentTriggerDepth() { return depth; }

}  // namespace strata::sql
