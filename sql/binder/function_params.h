// The parameters of the SQL-language function whose body is being bound on
// this thread: inside a function body, a name that no column in scope (at
// any query level) resolves is the function's parameter of that name, as
// PostgreSQL's sql_fn_post_column_ref() does ("x" or "fname.x"); $n works
// through the ordinary parameter machinery.
//
// Thread-local and scoped: a body is bound (and run) synchronously inside
// its ScopedFunctionParams; a function called from the body binds its own
// body inside its own scope, and the caller's scope is back afterwards.
#pragma once

#include <string>
#include <vector>

#include "sql/types/data_type.h"

namespace strata::sql {

struct FunctionParams {
  std::string function_name;
  // per $n; empty for an unnamed parameter. A name "r.f" is reached as r.f
  // (a PL/pgSQL record variable's field).
  std::vector<std::string> names;
  std::vector<Oid> types;          // per $n
  // PL/pgSQL (variable_conflict = error): a name that is both a column in
  // scope and a parameter is 42702, not the column.
  bool conflict_is_error = false;
};

class ScopedFunctionParams {
 public:
  // `params` null: no function's parameters are in scope (the statement of
  // a caller being bound while a body runs is never nested this way, but
  // statements run for other reasons may reset the scope).
  explicit ScopedFunctionParams(const FunctionParams* params);
  ~ScopedFunctionParams();
  ScopedFunctionParams(const ScopedFunctionParams&) = delete;
  ScopedFunctionParams& operator=(const ScopedFunctionParams&) = delete;

 private:
  const FunctionParams* previous_;
};

// The parameters in scope, or null.
const FunctionParams* CurrentFunctionParams();

}  // namespace strata::sql
