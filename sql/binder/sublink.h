// Binding across query levels: how a subquery's binder finds the columns of
// its enclosing queries (PostgreSQL's varlevelsup search through the parent
// ParseStates), and the hook through which the binder has a subquery
// analyzed (sql/commands/subquery_runner.cpp: the binder itself cannot plan
// or run a query).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/ast/statement.h"
#include "sql/expr/subquery_exprs.h"
#include "sql/types/data_type.h"

namespace strata::sql {

// A column of an enclosing query as a subquery sees it.
struct OuterColumn {
  int levels_up = 1;  // 1: the directly enclosing query
  int slot = 0;       // in that query's row where the subquery is evaluated
  DataType type;
};

// Resolves a column reference a query could not resolve itself.
class OuterResolver {
 public:
  virtual ~OuterResolver() = default;
  // The column `ref` names in an enclosing query, with levels_up counted
  // from the query that asks; nullopt if no enclosing query has it. Throws
  // the enclosing level's errors (ambiguity, ungrouped column).
  virtual std::optional<OuterColumn> ResolveOuter(const ast::ColumnRefExpr& ref) = 0;
  // An aggregate call none of whose argument columns is the asking query's
  // (Binder::BindOuterAggregate): bound as an aggregate of the enclosing
  // level that has one of those columns; nullopt if none does.
  virtual std::optional<OuterColumn> ResolveOuterAggregate(const ast::FuncCallExpr& call) = 0;
};

class Binder;

// A binder's level (its scope, grouping mode and own enclosing levels) as
// the enclosing level of a subquery: Binder::ResolveForSubquery.
// LIFETIME: `binder` outlives the resolver's use.
class BinderLevel final : public OuterResolver {
 public:
  explicit BinderLevel(Binder* binder) : binder_(binder) {}
  std::optional<OuterColumn> ResolveOuter(const ast::ColumnRefExpr& ref) override;
  std::optional<OuterColumn> ResolveOuterAggregate(const ast::FuncCallExpr& call) override;

 private:
  Binder* binder_;
};

// A subquery bound for use as an expression: its output column types and
// how to run it.
struct AnalyzedSubquery {
  std::vector<std::string> names;
  std::vector<DataType> types;
  std::shared_ptr<SubqueryRunner> runner;
};

// Analyzes `select` as a subquery whose column references not found in its
// own FROM go to `outer`. LIFETIME: `outer` is used only during the call.
using SubqueryAnalyzer =
    std::function<AnalyzedSubquery(const ast::SelectStatement& select, OuterResolver* outer)>;

}  // namespace strata::sql
