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

ast::FromItem Transformer::TransformFromItem(const PgQuery__Node& node) {
  ast::FromItem item;
  if (node.node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
    item.table = TransformRangeVar(*node.range_var);
    return item;
  }
  if (node.node_case == PG_QUERY__NODE__NODE_RANGE_SUBSELECT) {
    const PgQuery__RangeSubselect& sub = *node.range_subselect;
    item.kind = ast::FromItem::Kind::kSubquery;
    item.lateral = sub.lateral;
    item.subquery = TransformQuery(sub.subquery);
    item.table.location = FromItemLocation(&node);
    if (sub.alias != nullptr) {
      if (sub.alias->aliasname != nullptr) item.table.alias = sub.alias->aliasname;
      item.column_aliases = StringList(sub.alias->colnames, sub.alias->n_colnames);
    }
    return item;
  }
  if (node.node_case == PG_QUERY__NODE__NODE_RANGE_FUNCTION) {
    const PgQuery__RangeFunction& f = *node.range_function;
    if (f.is_rowsfrom || f.n_functions != 1) throw NotSupported("ROWS FROM (...)");
    if (f.ordinality) throw NotSupported("WITH ORDINALITY");
    if (f.n_coldeflist > 0) throw NotSupported("a column definition list");
    const PgQuery__Node* pair = f.functions[0];
    if (pair->node_case != PG_QUERY__NODE__NODE_LIST || pair->list->n_items < 1 ||
        pair->list->items[0]->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) {
      throw NotSupported("this function in FROM");
    }
    if (pair->list->n_items > 1 && pair->list->items[1] != nullptr &&
        pair->list->items[1]->node_case != PG_QUERY__NODE__NODE__NOT_SET) {
      throw NotSupported("a column definition list");
    }
    item.kind = ast::FromItem::Kind::kFunction;
    item.function = TransformExpr(pair->list->items[0]);
    item.location = pair->list->items[0]->func_call->location;
    if (f.alias != nullptr) {
      if (f.alias->aliasname != nullptr) item.function_alias = f.alias->aliasname;
      item.column_aliases = StringList(f.alias->colnames, f.alias->n_colnames);
    }
    return item;
  }
  if (node.node_case != PG_QUERY__NODE__NODE_JOIN_EXPR) {
    throw NotSupported("this FROM item (subqueries and functions)", FromItemLocation(&node));
  }
  const PgQuery__JoinExpr& j = *node.join_expr;
  if (j.is_natural) throw NotSupported("NATURAL JOIN");
  if (j.alias != nullptr) throw NotSupported("an alias on a JOIN");
  if (j.join_using_alias != nullptr) throw NotSupported("JOIN ... USING (...) AS alias");
  item.kind = ast::FromItem::Kind::kJoin;
  switch (j.jointype) {
    case PG_QUERY__JOIN_TYPE__JOIN_INNER:
      item.join_type = ast::FromItem::JoinType::kInner;
      break;
    case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
      item.join_type = ast::FromItem::JoinType::kLeft;
      break;
    case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
      item.join_type = ast::FromItem::JoinType::kRight;
      break;
    case PG_QUERY__JOIN_TYPE__JOIN_FULL:
      item.join_type = ast::FromItem::JoinType::kFull;
      break;
    default:
      throw NotSupported("this join type");
  }
  item.left = std::make_unique<ast::FromItem>(TransformFromItem(*j.larg));
  item.right = std::make_unique<ast::FromItem>(TransformFromItem(*j.rarg));
  if (j.quals != nullptr) item.on = TransformExpr(j.quals);
  for (size_t i = 0; i < j.n_using_clause; ++i) {
    item.using_columns.push_back(StringValue(j.using_clause[i]));
  }
  return item;
}

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
  const bool distinct = s.n_distinct_clause > 0;
  if (distinct && (s.n_distinct_clause > 1 || (s.distinct_clause[0] != nullptr &&
                                               s.distinct_clause[0]->node_case !=
                                                   PG_QUERY__NODE__NODE__NOT_SET))) {
    throw NotSupported("SELECT DISTINCT ON");
  }
  if (s.limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) {
    throw NotSupported("FETCH FIRST ... WITH TIES");
  }

  auto select = std::make_unique<ast::SelectStatement>();
  select->distinct = distinct;
  for (size_t i = 0; i < s.n_values_lists; ++i) {
    const PgQuery__Node* row = s.values_lists[i];
    if (row == nullptr || row->node_case != PG_QUERY__NODE__NODE_LIST) {
      throw NotSupported("this VALUES row");
    }
    select->values_lists.push_back(TransformExprList(row->list->items, row->list->n_items));
  }
  select->target_list = TransformTargetList(s.target_list, s.n_target_list);
  for (size_t i = 0; i < s.n_from_clause; ++i) {
    select->from.push_back(TransformFromItem(*s.from_clause[i]));
  }
  if (s.where_clause != nullptr) select->where = TransformExpr(s.where_clause);
  TransformGroupBy(s, select.get());
  if (s.having_clause != nullptr) select->having = TransformExpr(s.having_clause);
  for (size_t i = 0; i < s.n_window_clause; ++i) {
    select->windows.push_back(TransformWindowDef(*s.window_clause[i]->window_def));
  }
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
  for (size_t i = 0; i < s.n_locking_clause; ++i) {
    select->locking.push_back(TransformLockingClause(*s.locking_clause[i]->locking_clause));
  }
  return select;
}

}  // namespace strata::sql::parser
