// SELECT without FROM and VALUES: target list with output names, WHERE, and
// VALUES rows with per-column common types (transformSelectStmt and
// transformValuesClause).
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/binder/binder.h"

namespace strata::sql {

BoundSelect Binder::BindSelect(const ast::SelectStatement& select) {
  if (!select.values_lists.empty()) return BindValues(select);
  if (!select.group_by.empty() || select.having || select.distinct) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "GROUP BY, HAVING and DISTINCT without FROM are not supported yet");
  }
  BoundSelect bound;
  std::vector<BoundExprPtr> row;
  for (const ast::ResTarget& target : select.target_list) {
    BoundExprPtr expr = ResolveUnknownToText(BindExpr(*target.value));
    std::string name = target.name.empty() ? FigureColumnName(*target.value) : target.name;
    bound.columns.push_back({std::move(name), expr->type()});
    row.push_back(std::move(expr));
  }
  bound.rows.push_back(std::move(row));
  if (select.where) bound.where = CoerceToBoolean(BindExpr(*select.where), "WHERE");
  return bound;
}

BoundSelect Binder::BindValues(const ast::SelectStatement& select) {
  BoundSelect bound;
  const size_t ncolumns = select.values_lists.front().size();
  for (const auto& list : select.values_lists) {
    std::vector<BoundExprPtr> row;
    for (const ast::ExprPtr& e : list) row.push_back(BindExpr(*e));
    if (row.size() != ncolumns) {
      throw ErrorAt(SqlState::kSyntaxError, "VALUES lists must all be the same length",
                    list.empty() ? -1 : row.front()->location());
    }
    bound.rows.push_back(std::move(row));
  }
  for (size_t c = 0; c < ncolumns; ++c) {
    std::vector<const BoundExpr*> column;
    for (const auto& row : bound.rows) column.push_back(row[c].get());
    const Oid type = SelectCommonType(column, "VALUES");
    const int32_t typmod = SelectCommonTypmod(column, type);
    for (auto& row : bound.rows) {
      row[c] = CoerceToCommonType(std::move(row[c]), type, "VALUES");
    }
    bound.columns.push_back({"column" + std::to_string(c + 1), DataType{type, typmod}});
  }
  return bound;
}

}  // namespace strata::sql
