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
  if (s.n_from_clause > 0) {
    throw NotSupported("SELECT with a FROM clause", FromItemLocation(s.from_clause[0]));
  }
  if (s.n_distinct_clause > 0) throw NotSupported("SELECT DISTINCT");
  if (s.n_group_clause > 0) throw NotSupported("GROUP BY");
  if (s.having_clause != nullptr) throw NotSupported("HAVING");
  if (s.n_window_clause > 0) throw NotSupported("WINDOW");
  if (s.n_sort_clause > 0) throw NotSupported("ORDER BY");
  if (s.limit_count != nullptr || s.limit_offset != nullptr) {
    throw NotSupported("LIMIT/OFFSET");
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
  for (size_t i = 0; i < s.n_target_list; ++i) {
    const PgQuery__Node* node = s.target_list[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_RES_TARGET) {
      throw NotSupported("this select-list entry");
    }
    const PgQuery__ResTarget& target = *node->res_target;
    if (target.n_indirection > 0) {
      throw NotSupported("subscripting in the select list", target.location);
    }
    ast::ResTarget res;
    if (target.name != nullptr) res.name = target.name;
    res.value = TransformExpr(target.val);
    res.location = target.location;
    select->target_list.push_back(std::move(res));
  }
  if (s.where_clause != nullptr) select->where = TransformExpr(s.where_clause);
  return select;
}

}  // namespace strata::sql::parser
