// IndexExpressions (see index_expressions.h).
#include "sql/commands/index_expressions.h"

#include <algorithm>

#include "common/sql_error.h"
#include "sql/binder/binder.h"
#include "sql/binder/grouping.h"
#include "sql/commands/bound_volatility.h"
#include "sql/commands/index_predicate.h"
#include "sql/commands/stored_expr.h"
#include "sql/commands/table_rows.h"

namespace strata::sql {

namespace {

BoundExprPtr BindKeyExpression(const std::string& text, const BindScope& scope,
                               std::vector<std::unique_ptr<ast::Statement>>* keep) {
  std::string query;
  const ast::Expr& expr = ParseStoredExpr(text, keep, &query);
  Binder binder(query);
  binder.SetScope(&scope);
  binder.SetAggregatesForbidden("index expressions");
  binder.SetSubqueriesForbidden("cannot use subquery in index expression");
  binder.SetSetReturningForbidden("set-returning functions are not allowed in index expressions");
  // An untyped literal stays unknown: CREATE INDEX refuses it as PostgreSQL
  // does (no btree operator class).
  return binder.BindExpr(expr);
}

}  // namespace

IndexExpressions::IndexExpressions(const catalog::TableDesc& table,
                                   const catalog::IndexDesc& index)
    : ncolumns_(table.columns.size()), scope_(TableScope(table, "", table.name)) {
  for (size_t i = 0; i < index.keys.size(); ++i) {
    if (!index.keys[i].is_expression()) continue;
    keys_.emplace_back(i, BindKeyExpression(index.keys[i].expr, scope_, &parsed_));
    width_ = ncolumns_ + i + 1;
  }
}

Row IndexExpressions::Extend(const Row& row) const {
  Row out;
  out.reserve(width_);
  out.insert(out.end(), row.begin(), row.begin() + static_cast<long>(std::min(row.size(), ncolumns_)));
  // Slots of column keys between the expression keys stay NULL: the codec
  // reads those keys from the table columns.
  out.resize(width_, Value::Null(type_oid::kText));
  eval_.SetRow(&row);
  for (const auto& [position, expr] : keys_) out[ncolumns_ + position] = expr->Evaluate(eval_);
  eval_.SetRow(nullptr);
  return out;
}

std::unique_ptr<IndexExpressions> MakeIndexExpressions(const catalog::TableDesc& table,
                                                       const catalog::IndexDesc& index) {
  if (!index.HasExpressions()) return nullptr;
  return std::make_unique<IndexExpressions>(table, index);
}

bool SameExpressionText(const std::string& a, const std::string& b) {
  if (a == b) return true;
  std::vector<std::unique_ptr<ast::Statement>> keep;
  std::string qa, qb;
  const ast::Expr& ea = ParseStoredExpr(a, &keep, &qa);
  const ast::Expr& eb = ParseStoredExpr(b, &keep, &qb);
  // Equal column names compare equal whatever their qualification: both
  // sides name the one table's columns.
  std::vector<std::string> names;
  const ColumnSlotFn bare = [&names](const ast::ColumnRefExpr& ref) -> int {
    if (ref.fields.empty()) return -1;
    auto it = std::find(names.begin(), names.end(), ref.fields.back());
    if (it == names.end()) it = names.insert(names.end(), ref.fields.back());
    return static_cast<int>(it - names.begin());
  };
  return SameAstExpr(ea, eb, &bare);
}

Oid CheckIndexExpression(const catalog::TableDesc& table, const std::string& text) {
  std::vector<std::unique_ptr<ast::Statement>> keep;
  const BindScope scope = TableScope(table, "", table.name);
  BoundExprPtr bound;
  try {
    bound = BindKeyExpression(text, scope, &keep);
  } catch (SqlError& e) {
    // The select-list hint (LATERAL) is not PostgreSQL's for an index.
    if (e.fields().message.rfind("set-returning functions", 0) == 0) e.mutable_fields().hint.clear();
    throw;
  }
  if (ContainsMutableCall(*bound)) {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "functions in index expression must be marked IMMUTABLE");
  }
  return bound->type().oid;
}

std::optional<std::string> ExpressionColumnName(const std::string& text) {
  std::vector<std::unique_ptr<ast::Statement>> keep;
  std::string query;
  const ast::Expr& expr = ParseStoredExpr(text, &keep, &query);
  if (expr.kind != ast::ExprKind::kColumnRef) return std::nullopt;
  const auto& ref = static_cast<const ast::ColumnRefExpr&>(expr);
  if (ref.fields.size() != 1 || ref.fields[0] == "*") return std::nullopt;
  return ref.fields[0];
}

bool IndexReadsColumn(const catalog::TableDesc& table, const catalog::IndexDesc& index,
                      int16_t attnum) {
  if (index.UsesColumn(attnum)) return true;
  if (attnum < 1 || static_cast<size_t>(attnum) > table.columns.size()) return false;
  const std::string& name = table.columns[static_cast<size_t>(attnum - 1)].name;
  for (const catalog::IndexKeyColumn& k : index.keys) {
    if (k.is_expression() && PredicateColumns(k.expr).count(name) != 0) return true;
  }
  return !index.predicate.empty() && PredicateColumns(index.predicate).count(name) != 0;
}

}  // namespace strata::sql
