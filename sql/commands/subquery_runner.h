// Subqueries used as expressions, analyzed and run as queries of their own
// (RunQuery) with the enclosing queries' columns reachable (see
// binder/sublink.h and expr/subquery_exprs.h).
//
// Analysis binds the subquery once (CommandContext::analyze_only) with an
// OuterResolver that forwards to the enclosing binder and records, per
// column reference (ast node), where it resolved. Each run binds the
// subquery again and replays those resolutions: by then the enclosing
// binder is gone, but the references mean the same slots. A subquery none
// of whose references (at any depth, FROM subqueries included) left it is
// uncorrelated.
#pragma once

#include "sql/ast/statement.h"
#include "sql/binder/sublink.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

// The SubqueryAnalyzer of binders made by CommandContext::MakeBinder.
AnalyzedSubquery AnalyzeSubquery(const CommandContext& ctx, const ast::SelectStatement& select,
                                 OuterResolver* outer);

}  // namespace strata::sql
