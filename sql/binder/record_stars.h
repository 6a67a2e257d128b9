// Spreading a PL/pgSQL record's "r.*" into its fields inside row
// constructors: ROW(new.*) is ROW(new.a, new.b, ...), as PostgreSQL expands
// a whole-row reference there. Shared by ROW(...) values, row comparisons
// and row IS [NOT] DISTINCT FROM (bind_record.cpp, bind_operator.cpp).
#pragma once

#include <vector>

#include "sql/ast/expr.h"

namespace strata::sql {

// The arguments with each "r.*" whose record's fields are function
// parameters "r.f" (binder/function_params.h) replaced by references to
// those fields; `owned` keeps the references made here.
std::vector<const ast::Expr*> SpreadRecordStars(const std::vector<ast::ExprPtr>& args,
                                                std::vector<ast::ExprPtr>* owned);

}  // namespace strata::sql
