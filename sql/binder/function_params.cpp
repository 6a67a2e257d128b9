// The thread's function-parameter scope (function_params.h).
#include "sql/binder/function_params.h"

namespace strata::sql {

namespace {
thread_local const FunctionParams* current = nullptr;
}  // namespace

ScopedFunctionParams::ScopedFunctionParams(const FunctionParams* params) : previous_(current) {
  current = params;
}

ScopedFunctionParams::~ScopedFunctionParams() { current = previous_; }

const FunctionParams* CurrentFunctionParams() { return current; }

}  // namespace strata::sql
