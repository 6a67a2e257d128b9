// IndexPredicate (see index_predicate.h).
#include "sql/commands/index_predicate.h"

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/commands/bound_volatility.h"
#include "sql/commands/expr_walk.h"
#include "sql/commands/stored_expr.h"
#include "sql/commands/table_rows.h"

namespace strata::sql {

namespace {

BoundExprPtr BindPredicate(const std::string& text, const BindScope& scope,
                           std::vector<std::unique_ptr<ast::Statement>>* keep) {
  std::string query;
  const ast::Expr& expr = ParseStoredExpr(text, keep, &query);
  Binder binder(query);
  binder.SetScope(&scope);
  binder.SetAggregatesForbidden("index predicates");
  binder.SetSubqueriesForbidden("cannot use subquery in index predicate");
  binder.SetSetReturningForbidden("set-returning functions are not allowed in index predicates");
  return binder.CoerceToBoolean(binder.BindExpr(expr), "WHERE");
}

}  // namespace

IndexPredicate::IndexPredicate(const catalog::TableDesc& table, const std::string& predicate)
    : scope_(TableScope(table, "", table.name)) {
  expr_ = BindPredicate(predicate, scope_, &parsed_);
}

bool IndexPredicate::Holds(const Row& row) { return EvaluatePredicate(*expr_, row, eval_); }

std::unique_ptr<IndexPredicate> MakeIndexPredicate(const catalog::TableDesc& table,
                                                   const catalog::IndexDesc& index) {
  if (index.predicate.empty()) return nullptr;
  return std::make_unique<IndexPredicate>(table, index.predicate);
}

std::set<std::string> PredicateColumns(const std::string& predicate) {
  std::vector<std::unique_ptr<ast::Statement>> keep;
  std::string query;
  std::set<std::string> columns;
  CollectColumns(ParseStoredExpr(predicate, &keep, &query), &columns);
  return columns;
}

void CheckIndexPredicate(const catalog::TableDesc& table, const std::string& predicate) {
  std::vector<std::unique_ptr<ast::Statement>> keep;
  const BindScope scope = TableScope(table, "", table.name);
  BoundExprPtr bound = BindPredicate(predicate, scope, &keep);
  if (ContainsMutableCall(*bound)) {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "functions in index predicate must be marked IMMUTABLE");
  }
}

}  // namespace strata::sql
