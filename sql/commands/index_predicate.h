// IndexPredicate: a partial index's WHERE (catalog::IndexDesc::predicate,
// SQL text) bound over its table's row, deciding which rows the index has
// entries for. Every writer of index entries (IndexMaintainer, the index
// build, strata_index_check) asks it, so the index holds exactly the rows
// that satisfy the predicate (NULL counts as false, as in PostgreSQL).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/statement.h"
#include "sql/binder/bind_scope.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

class IndexPredicate {
 public:
  // LIFETIME: `table` outlives the predicate.
  IndexPredicate(const catalog::TableDesc& table, const std::string& predicate);
  bool Holds(const Row& row);

 private:
  std::vector<std::unique_ptr<ast::Statement>> parsed_;
  BindScope scope_;
  BoundExprPtr expr_;
  EvalContext eval_{nullptr};
};

// The predicate of `index`, or null when it has none.
std::unique_ptr<IndexPredicate> MakeIndexPredicate(const catalog::TableDesc& table,
                                                   const catalog::IndexDesc& index);

// CREATE INDEX ... WHERE: binds `predicate` over `table` as PostgreSQL's
// index-predicate checks do -- boolean, no subqueries (0A000), aggregates or
// window functions (42803), set-returning or non-immutable functions
// (42P17) -- and throws their errors.
void CheckIndexPredicate(const catalog::TableDesc& table, const std::string& predicate);

// The column names a predicate reads.
std::set<std::string> PredicateColumns(const std::string& predicate);

}  // namespace strata::sql
