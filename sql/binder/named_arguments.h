// Calls with named arguments (f(a, name => b)): built-in functions' argument
// names and defaults (PostgreSQL's proargnames / proargdefaults) for the
// functions that have them, and the reordering of a call's arguments into
// positional order (named_arguments.cpp).
#pragma once

#include <vector>

#include "sql/ast/expr.h"

namespace strata::sql {

struct OrderedArguments {
  std::vector<const ast::Expr*> args;  // positional order, defaults filled in
  std::vector<ast::ExprPtr> defaults;  // owns the default expressions in `args`
  // The names fit no argument list of the function: `args` are the call's
  // own, and the caller reports 42883 "function f(a, name => b) does not exist".
  bool unmatched = false;
};

// The call's arguments in positional order. Without named arguments, its
// own. Throws 0A000 for functions whose argument names we do not know.
OrderedArguments OrderArguments(const ast::FuncCallExpr& call);

}  // namespace strata::sql
