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
};

// The call's arguments in positional order. Without named arguments, its
// own. Throws 42883 when a name is not one of the function's, and 0A000 for
// functions whose argument names we do not know.
OrderedArguments OrderArguments(const ast::FuncCallExpr& call);

}  // namespace strata::sql
