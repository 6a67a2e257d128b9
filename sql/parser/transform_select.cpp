// SELECT transform: target list, WHERE and VALUES lists. Clauses the
// executor cannot run yet are rejected with 0A000 naming the clause.
#include <memory>
#include <string>

#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

// Byte location of a FROM item, for the error position; -1 if unknown.
int FromItemLocation(const PgQuery__Node* node) {
  if (node == nullptr) return -1;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR:
      return node->range_var->location;
    default:
      return -1;
  }
}

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformSelect(const PgQuery__SelectStmt& s) {
  switch (s.op) {
    case PG_QUERY__SET_OPERATION__SETOP_UNION:
      throw NotSupported("UNION");
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
      throw NotSupported("INTERSECT");
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT:
      throw NotSupported("EXCEPT");
    default:
      break;
  }
  if (s.with_clause != nullptr) throw NotSupported("WITH", s.with_clause->location);
  if (s.into_clause != nullptr) throw NotSupported("SELECT INTO");
  if (s.n_from_clause > 1) {
    throw NotSupported("SELECT from more than one table", FromItemLocation(s.from_clause[1]));
  }
  if (s.n_from_clause == 1 && s.from_clause[0]->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) {
    throw NotSupported("this FROM item (joins and subqueries)", FromItemLocation(s.from_clause[0]));
  }
  if (s.n_distinct_clause > 0) throw NotSupported("SELECT DISTINCT");
  if (s.n_group_clause > 0) throw NotSupported("GROUP BY");
  if (s.having_clause != nullptr) throw NotSupported("HAVING");
  if (s.n_window_clause > 0) throw NotSupported("WINDOW");
  if (s.limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) {
    throw NotSupported("FETCH FIRST ... WITH TIES");
  }
  if (s.n_locking_clause > 0) throw NotSupported("FOR UPDATE/SHARE");

  auto select = std::make_unique<ast::SelectStatement>();
  for (size_t i = 0; i < s.n_values_lists; ++i) {
    const PgQuery__Node* row = s.values_lists[i];
    if (row == nullptr || row->node_case != PG_QUERY__NODE__NODE_LIST) {
      throw NotSupported("this VALUES row");
    }
    select->values_lists.push_back(TransformExprList(row->list->items, row->list->n_items));
  }
  select->target_list = TransformTargetList(s.target_list, s.n_target_list);
  if (s.n_from_clause == 1) select->from.push_back(TransformRangeVar(*s.from_clause[0]->range_var));
  if (s.where_clause != nullptr) select->where = TransformExpr(s.where_clause);
  for (size_t i = 0; i < s.n_sort_clause; ++i) {
    const PgQuery__SortBy& sb = *s.sort_clause[i]->sort_by;
    if (sb.n_use_op > 0) throw NotSupported("ORDER BY ... USING", sb.location);
    ast::SortBy item;
    item.expr = TransformExpr(sb.node);
    item.descending = sb.sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    if (sb.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) {
      item.nulls = ast::SortBy::Nulls::kFirst;
    } else if (sb.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) {
      item.nulls = ast::SortBy::Nulls::kLast;
    }
    item.location = sb.location;
    select->sort.push_back(std::move(item));
  }
  if (s.limit_count != nullptr) select->limit_count = TransformExpr(s.limit_count);
  if (s.limit_offset != nullptr) select->limit_offset = TransformExpr(s.limit_offset);
  return select;
}

}  // namespace strata::sql::parser
