// Stack-depth protection for the recursive parts of the SQL layer (tree
// transforms, binding, evaluation), as PostgreSQL's check_stack_depth():
// deeply nested expressions fail with 54001 "stack depth limit exceeded"
// instead of overflowing the thread's stack.
//
// A StackDepthBase marks the top of the stack budget for the current thread
// (the outermost one wins); CheckStackDepth() throws once the stack has grown
// more than kMaxStackDepthBytes below it. Without a base it never throws.
#pragma once

#include <cstddef>

#include "common/sql_error.h"

namespace strata::sql {

// PostgreSQL's default max_stack_depth (2048kB). AddressSanitizer pads every
// stack frame with redzones (binding uses several times more stack per
// nesting level), so sanitizer builds get a larger budget to accept about the
// same queries; thread stacks are 8 MB either way.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr size_t kMaxStackDepthBytes = 3 * 2048 * 1024;
#else
inline constexpr size_t kMaxStackDepthBytes = 2048 * 1024;
#endif

class StackDepthBase {
 public:
  StackDepthBase();
  ~StackDepthBase();
  StackDepthBase(const StackDepthBase&) = delete;
  StackDepthBase& operator=(const StackDepthBase&) = delete;

 private:
  bool owner_ = false;
};

void CheckStackDepth();

// The error PostgreSQL raises, with its hint.
SqlError StackDepthExceededError();

}  // namespace strata::sql
