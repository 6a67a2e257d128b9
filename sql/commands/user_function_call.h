// Calls of user-defined LANGUAGE sql functions (CREATE FUNCTION): binding a
// call (overload resolution among the functions of that name on the search
// path, implicit argument coercions, DEFAULT arguments) and running it.
//
// Execution model: a call is a BoundUserFunctionCall holding its bound
// arguments and the CommandContext of the statement it was bound in. Each
// evaluation computes the arguments, returns NULL at once for a NULL
// argument of a STRICT function, and otherwise runs the body's statements
// in order as table statements of their own: the body text is the query,
// its $n are the argument values (ParameterTypes kFixed), and parameter
// names resolve through function_params.h. The body is parsed once per call
// site; its statements are bound on every run (as a correlated subquery
// is), so a recursive function binds its inner call only when it runs and
// stops at PostgreSQL's stack depth limit (54001) like any deep recursion.
// The result is the final statement's first row (NULL without one), or all
// its rows for SETOF / TABLE, coerced to the declared types as PostgreSQL's
// check_sql_fn_retval allows (assignment casts).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/plpgsql_tree.h"
#include "sql/ast/function_statements.h"
#include "sql/commands/command_context.h"
#include "sql/expr/bound_expr.h"
#include "sql/statement_output.h"

namespace strata::sql {

// One output column of a function in FROM.
struct FunctionColumn {
  std::string name;
  DataType type;
};

// The columns a call of `fn` produces in FROM: the TABLE / OUT parameters,
// else one column named after the function.
std::vector<FunctionColumn> FunctionOutputColumns(const catalog::FunctionDesc& fn);

// The parsed statements of a body (each kept alive for its bound plans).
using ParsedBody = std::vector<std::unique_ptr<ast::Statement>>;

// Parses a LANGUAGE sql body; throws its syntax error (position relative to
// the body text) or the 0A000 of a statement kind a body cannot hold.
std::shared_ptr<const ParsedBody> ParseFunctionBody(const std::string& body);

// Runs (or with ctx.analyze_only, analyzes) one body statement.
StatementOutput RunBodyStatement(CommandContext& ctx, const ast::Statement& stmt);

// The context a statement of its own runs in from inside another one (a
// function body's, a view read for its INSTEAD OF triggers): `ctx`'s
// transaction and catalog, `query` as its text, none of the outer
// statement's scopes (outer rows, CTEs, EXPLAIN) and executed for real.
CommandContext NestedStatementContext(const CommandContext& ctx, const std::string& query);

class BoundUserFunctionCall final : public BoundExpr {
 public:
  BoundUserFunctionCall(const CommandContext& ctx,
                        std::shared_ptr<const catalog::FunctionDesc> fn,
                        std::vector<BoundExprPtr> args, DataType type, int location);

  // The scalar result (a set-returning function's first row).
  Value Evaluate(EvalContext& ctx) const override;
  // Every result row, each with FunctionOutputColumns(function()).size()
  // values (a function in FROM).
  std::vector<Row> EvaluateRows(EvalContext& ctx) const;

  const catalog::FunctionDesc& function() const { return *fn_; }
  const std::vector<BoundExprPtr>& args() const { return args_; }

 private:
  // The final statement's rows for these argument values, coerced.
  std::vector<Row> Run(std::vector<Value> args) const;
  Value CoerceResult(const Value& v, const DataType& from, const DataType& to) const;

  const CommandContext ctx_;
  const std::shared_ptr<const catalog::FunctionDesc> fn_;
  std::vector<BoundExprPtr> args_;
  std::vector<FunctionColumn> columns_;
  mutable std::shared_ptr<const ParsedBody> body_;  // parsed on first run
  // LANGUAGE plpgsql: the body's tree, parsed on first run.
  mutable std::shared_ptr<const ast::plpgsql::Function> plpgsql_;
};

// The UserFunctionBinder of binders made by CommandContext::MakeBinder.
BoundExprPtr BindUserFunctionCall(const CommandContext& ctx, Binder& binder,
                                  const ast::FuncCallExpr& call, std::vector<BoundExprPtr>& args,
                                  bool set_returning_allowed);

}  // namespace strata::sql
