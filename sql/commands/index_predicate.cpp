// IndexPredicate (see index_predicate.h).
#include "sql/commands/index_predicate.h"

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/commands/bound_volatility.h"
#include "sql/commands/expr_walk.h"
#include "sql/commands/stored_expr.h"

namespace strata::sql {

namespace {

// The table's columns by slot, named by the table's own name.
BindScope RowScope(const catalog::TableDesc& table) {
  BindScope scope;
  ScopeRelation rel;
  rel.table_name = table.name;
  rel.alias = table.name;
  rel.relation_oid = table.oid;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const catalog::ColumnDesc& c = table.columns[i];
    if (c.dropped) continue;
    rel.columns.push_back(
        {c.name, DataType{c.type, c.typmod}, static_cast<int>(i), false, table.oid, c.attnum});
  }
  scope.relations.push_back(std::move(rel));
  return scope;
}

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
    : scope_(RowScope(table)) {
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
  const BindScope scope = RowScope(table);
  BoundExprPtr bound = BindPredicate(predicate, scope, &keep);
  if (ContainsMutableCall(*bound)) {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "functions in index predicate must be marked IMMUTABLE");
  }
}

}  // namespace strata::sql
