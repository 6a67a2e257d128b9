// IndexExpressions: the expression keys of an index (catalog::IndexKeyColumn
// with is_expression(), SQL text) bound over its table's row and evaluated
// per row. Every reader and writer of index entries (IndexMaintainer, the
// index build, strata_index_check, ON CONFLICT's lookup) passes rows through
// Extend before handing them to IndexCodec, which reads an expression key's
// value from the slot past the table's columns that Extend fills.
//
// Invariant: the expressions call only IMMUTABLE functions (checked at
// CREATE INDEX by CheckIndexExpression), so a row's entry computed at insert
// is the one its delete or update computes again.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/statement.h"
#include "sql/binder/bind_scope.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

class IndexExpressions {
 public:
  // LIFETIME: `table` outlives the object; `index` is only read here.
  IndexExpressions(const catalog::TableDesc& table, const catalog::IndexDesc& index);
  // `row` (a row of the table) followed by slots up to the last expression
  // key's: expression key i's value at ncolumns + i (IndexCodec's slot).
  Row Extend(const Row& row) const;

 private:
  size_t ncolumns_ = 0;
  std::vector<std::unique_ptr<ast::Statement>> parsed_;
  BindScope scope_;
  std::vector<std::pair<size_t, BoundExprPtr>> keys_;  // key position, bound expression
  size_t width_ = 0;  // slots of an extended row
  mutable EvalContext eval_{nullptr};  // per-call state only
};

// The expression keys of `index`, or null when it has none (rows then go to
// IndexCodec as they are).
std::unique_ptr<IndexExpressions> MakeIndexExpressions(const catalog::TableDesc& table,
                                                       const catalog::IndexDesc& index);

// `row` as the index's codec reads it: `row` itself when `exprs` is null
// (no copy on the common path), else `*scratch` filled by Extend.
inline const Row& IndexRow(const IndexExpressions* exprs, const Row& row, Row* scratch) {
  if (exprs == nullptr) return row;
  *scratch = exprs->Extend(row);
  return *scratch;
}

// Whether two expression texts are the same expression (structurally, as
// parsed: GROUP BY's SameAstExpr, column names compared unqualified).
bool SameExpressionText(const std::string& a, const std::string& b);

// CREATE INDEX ((expr)): binds `text` over `table` with PostgreSQL's checks
// of index expressions -- no subqueries (0A000), aggregates or window
// functions (42803), set-returning functions (0A000), only IMMUTABLE
// functions (42P17) -- and returns the key's type (an untyped literal
// resolved to text).
Oid CheckIndexExpression(const catalog::TableDesc& table, const std::string& text);

// Whether the expression is a bare column reference (`CREATE INDEX ON t
// ((a))` makes a plain column key, as in PostgreSQL); its name if so.
std::optional<std::string> ExpressionColumnName(const std::string& text);

// Whether `index` reads column `attnum` anywhere: a key or INCLUDE column,
// an expression key or the predicate.
bool IndexReadsColumn(const catalog::TableDesc& table, const catalog::IndexDesc& index,
                      int16_t attnum);

}  // namespace strata::sql
