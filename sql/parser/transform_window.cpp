// Window specifications (PostgreSQL's WindowDef): OVER (...), OVER name and
// the WINDOW clause's entries, with their frame options as the grammar set them.
#include <memory>

#include "sql/parser/transformer.h"

namespace strata::sql::parser {

ast::WindowSortItem Transformer::TransformSortItem(const PgQuery__SortBy& sb) {
  ast::WindowSortItem item;
  item.expr = TransformExpr(sb.node);
  item.descending = SortDescending(sb);
  if (sb.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) item.nulls = 1;
  if (sb.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) item.nulls = 2;
  item.location = sb.location;
  return item;
}

std::shared_ptr<const ast::WindowDef> Transformer::TransformWindowDef(const PgQuery__WindowDef& w) {
  auto def = std::make_shared<ast::WindowDef>();
  if (w.name != nullptr) def->name = w.name;
  if (w.refname != nullptr) def->refname = w.refname;
  def->partition = TransformExprList(w.partition_clause, w.n_partition_clause);
  for (size_t i = 0; i < w.n_order_clause; ++i) {
    def->order.push_back(TransformSortItem(*w.order_clause[i]->sort_by));
  }
  def->frame_options = w.frame_options;
  if (w.start_offset != nullptr) def->start_offset = TransformExpr(w.start_offset);
  if (w.end_offset != nullptr) def->end_offset = TransformExpr(w.end_offset);
  def->location = w.location;
  return def;
}

}  // namespace strata::sql::parser
