// Thread-local stack base and the depth check (see stack_depth.h).
#include "sql/stack_depth.h"

#include <cstdint>

namespace strata::sql {

namespace {

thread_local uintptr_t stack_base = 0;

uintptr_t CurrentStackAddress() { return reinterpret_cast<uintptr_t>(__builtin_frame_address(0)); }

}  // namespace

StackDepthBase::StackDepthBase() {
  if (stack_base == 0) {
    stack_base = CurrentStackAddress();
    owner_ = true;
  }
}

StackDepthBase::~StackDepthBase() {
  if (owner_) stack_base = 0;
}

SqlError StackDepthExceededError() {
  return std::move(
      SqlError(SqlState::kStatementTooComplex, "stack depth limit exceeded")
          .WithHint("Increase the configuration parameter \"max_stack_depth\" (currently "
                    "2048kB), after ensuring the platform's stack depth limit is "
                    "adequate."));
}

void CheckStackDepth() {
  if (stack_base == 0) return;
  const uintptr_t here = CurrentStackAddress();
  // Stacks grow down on every platform we build for.
  if (here < stack_base && stack_base - here > kMaxStackDepthBytes) {
    throw StackDepthExceededError();
  }
}

}  // namespace strata::sql
