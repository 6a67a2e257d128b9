// SELECT transform: target list, WHERE and VALUES lists, set operations
// (UNION/INTERSECT/EXCEPT as SelectStatements with larg/rarg), DISTINCT ON,
// ORDER BY/LIMIT/FETCH [WITH TIES]. Clauses the executor cannot run yet are
// rejected with 0A000 naming the clause.
#include <memory>
#include <string>

#include "sql/ast/position.h"
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
    const PgQuery__Node* pair = f.functions[0];
    if (pair->node_case != PG_QUERY__NODE__NODE_LIST || pair->list->n_items < 1 ||
        pair->list->items[0]->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) {
      throw NotSupported("this function in FROM");
    }
    // The column definition list: the RangeFunction's, or the one paired
    // with the function.
    PgQuery__Node** defs = f.coldeflist;
    size_t n_defs = f.n_coldeflist;
    if (pair->list->n_items > 1 && pair->list->items[1] != nullptr &&
        pair->list->items[1]->node_case == PG_QUERY__NODE__NODE_LIST) {
      defs = pair->list->items[1]->list->items;
      n_defs = pair->list->items[1]->list->n_items;
    } else if (pair->list->n_items > 1 && pair->list->items[1] != nullptr &&
               pair->list->items[1]->node_case != PG_QUERY__NODE__NODE__NOT_SET) {
      throw NotSupported("this column definition list");
    }
    for (size_t i = 0; i < n_defs; ++i) {
      if (defs[i]->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF ||
          defs[i]->column_def->type_name == nullptr) {
        throw NotSupported("this column definition list");
      }
      const PgQuery__ColumnDef& cd = *defs[i]->column_def;
      if (cd.coll_clause != nullptr) throw NotSupported("COLLATE", cd.coll_clause->location);
      item.column_defs.push_back({cd.colname, TransformTypeName(*cd.type_name), cd.location});
    }
    item.kind = ast::FromItem::Kind::kFunction;
    item.ordinality = f.ordinality;
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
  if (j.join_using_alias != nullptr) throw NotSupported("JOIN ... USING (...) AS alias");
  item.kind = ast::FromItem::Kind::kJoin;
  item.natural = j.is_natural;
  if (j.alias != nullptr) {
    if (j.alias->aliasname != nullptr) item.table.alias = j.alias->aliasname;
    item.column_aliases = StringList(j.alias->colnames, j.alias->n_colnames);
  }
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

bool Transformer::SortDescending(const PgQuery__SortBy& sb) const {
  if (sb.n_use_op == 0) return sb.sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
  // ORDER BY x USING op: op must be a btree ordering operator, and only "<"
  // and ">" are (every built-in type's btree family names them so).
  const std::string op = StringValue(sb.use_op[sb.n_use_op - 1]);
  if (op == "<") return false;
  if (op == ">") return true;
  SqlError error(SqlState::kWrongObjectType,
                 "operator " + op + " is not a valid ordering operator");
  error.WithHint("Ordering operators must be \"<\" or \">\" members of btree operator families.");
  if (sb.location >= 0) error.WithPosition(ast::CharPosition(query_, sb.location));
  throw error;
}

std::vector<ast::SortBy> Transformer::TransformSortClause(PgQuery__Node* const* nodes,
                                                          size_t n) {
  std::vector<ast::SortBy> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__SortBy& sb = *nodes[i]->sort_by;
    ast::SortBy item;
    item.expr = TransformExpr(sb.node);
    item.descending = SortDescending(sb);
    if (sb.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST) {
      item.nulls = ast::SortBy::Nulls::kFirst;
    } else if (sb.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) {
      item.nulls = ast::SortBy::Nulls::kLast;
    }
    item.location = sb.location;
    out.push_back(std::move(item));
  }
  return out;
}

// The clauses a set operation and a plain SELECT share: WITH, ORDER BY,
// LIMIT/OFFSET/FETCH, FOR UPDATE.
void Transformer::TransformSelectOptions(const PgQuery__SelectStmt& s,
                                         ast::SelectStatement* select) {
  if (s.with_clause != nullptr) select->with = TransformWithClause(*s.with_clause);
  if (s.limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES) {
    if (s.n_sort_clause == 0) {
      // gram.y's insertSelectOptions: a syntax-level error without position.
      throw SqlError(SqlState::kSyntaxError, "WITH TIES cannot be specified without ORDER BY clause");
    }
    select->limit_with_ties = true;
  }
  select->sort = TransformSortClause(s.sort_clause, s.n_sort_clause);
  if (s.limit_count != nullptr) select->limit_count = TransformExpr(s.limit_count);
  if (s.limit_offset != nullptr) select->limit_offset = TransformExpr(s.limit_offset);
  for (size_t i = 0; i < s.n_locking_clause; ++i) {
    select->locking.push_back(TransformLockingClause(*s.locking_clause[i]->locking_clause));
  }
}

std::shared_ptr<const ast::SelectStatement> Transformer::TransformSetOperand(
    const PgQuery__SelectStmt* s) {
  if (s == nullptr) throw NotSupported("this set operation");
  std::unique_ptr<ast::Statement> st = TransformSelect(*s);
  return std::shared_ptr<const ast::SelectStatement>(
      static_cast<ast::SelectStatement*>(st.release()));
}

std::unique_ptr<ast::Statement> Transformer::TransformSelect(const PgQuery__SelectStmt& s) {
  if (s.op != PG_QUERY__SET_OPERATION__SETOP_NONE &&
      s.op != PG_QUERY__SET_OPERATION__SET_OPERATION_UNDEFINED) {
    auto select = std::make_unique<ast::SelectStatement>();
    switch (s.op) {
      case PG_QUERY__SET_OPERATION__SETOP_UNION:
        select->set_op = ast::SelectStatement::SetOp::kUnion;
        break;
      case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
        select->set_op = ast::SelectStatement::SetOp::kIntersect;
        break;
      default:
        select->set_op = ast::SelectStatement::SetOp::kExcept;
        break;
    }
    select->set_all = s.all;
    select->larg = TransformSetOperand(s.larg);
    select->rarg = TransformSetOperand(s.rarg);
    if (s.into_clause != nullptr) throw NotSupported("SELECT INTO");
    TransformSelectOptions(s, select.get());
    return select;
  }
  if (s.into_clause != nullptr) throw NotSupported("SELECT INTO");

  auto select = std::make_unique<ast::SelectStatement>();
  if (s.n_distinct_clause > 0) {
    // DISTINCT is a list holding one empty node; DISTINCT ON lists its exprs.
    if (s.n_distinct_clause == 1 && (s.distinct_clause[0] == nullptr ||
                                     s.distinct_clause[0]->node_case ==
                                         PG_QUERY__NODE__NODE__NOT_SET)) {
      select->distinct = true;
    } else {
      select->distinct_on = TransformExprList(s.distinct_clause, s.n_distinct_clause);
    }
  }
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
  TransformSelectOptions(s, select.get());
  return select;
}

}  // namespace strata::sql::parser
