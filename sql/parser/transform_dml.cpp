// DML transform: INSERT (VALUES with DEFAULT items, SELECT, DEFAULT VALUES,
// ON CONFLICT, RETURNING), UPDATE (SET, WHERE, RETURNING), DELETE (WHERE,
// RETURNING), and the range variables and target lists they share with SELECT.
#include <memory>
#include <string>

#include "sql/ast/position.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

ast::RangeVar Transformer::TransformRangeVar(const PgQuery__RangeVar& r) {
  ast::RangeVar rv;
  if (r.catalogname != nullptr && *r.catalogname != '\0') {
    throw NotSupported("cross-database references", r.location);
  }
  if (r.schemaname != nullptr) rv.schema = r.schemaname;
  if (r.relname != nullptr) rv.name = r.relname;
  if (r.alias != nullptr) {
    rv.alias = r.alias->aliasname;
    for (size_t i = 0; i < r.alias->n_colnames; ++i) {
      rv.column_aliases.push_back(StringValue(r.alias->colnames[i]));
    }
  }
  rv.location = r.location;
  rv.inh = r.inh;
  return rv;
}

std::vector<ast::ResTarget> Transformer::TransformTargetList(PgQuery__Node* const* nodes,
                                                             size_t n) {
  std::vector<ast::ResTarget> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__Node* node = nodes[i];
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
    out.push_back(std::move(res));
  }
  return out;
}

std::vector<std::pair<ast::TargetColumn, ast::ExprPtr>> Transformer::TransformSetList(
    PgQuery__Node* const* nodes, size_t n) {
  std::vector<std::pair<ast::TargetColumn, ast::ExprPtr>> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__ResTarget& target = *nodes[i]->res_target;
    if (target.n_indirection > 0) throw NotSupported("subscripted assignment", target.location);
    const PgQuery__Node* val = target.val;
    if (val != nullptr && val->node_case == PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF) {
      // SET (a, b) = (x, y): each target takes its element of the row
      // (transformMultiAssignRef); a sub-SELECT source is not supported.
      const PgQuery__MultiAssignRef& m = *val->multi_assign_ref;
      if (m.source != nullptr && m.source->node_case == PG_QUERY__NODE__NODE_SUB_LINK) {
        throw NotSupported("multiple-column assignment from a sub-SELECT", target.location);
      }
      if (m.source == nullptr || m.source->node_case != PG_QUERY__NODE__NODE_ROW_EXPR) {
        throw SqlError(SqlState::kSyntaxError,
                       "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() "
                       "expression")
            .WithPosition(ast::CharPosition(
                query_, m.source == nullptr ? -1 : TransformExpr(m.source)->location));
      }
      const PgQuery__RowExpr& row = *m.source->row_expr;
      if (row.n_args != static_cast<size_t>(m.ncolumns)) {
        throw SqlError(SqlState::kSyntaxError, "number of columns does not match number of values")
            .WithPosition(ast::CharPosition(query_, row.location));
      }
      val = row.args[m.colno - 1];
    }
    ast::TargetColumn column{target.name, target.location, ""};
    ast::ExprPtr value;
    if (val->node_case != PG_QUERY__NODE__NODE_SET_TO_DEFAULT) value = TransformExpr(val);
    out.emplace_back(std::move(column), std::move(value));
  }
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformInsert(const PgQuery__InsertStmt& s) {
  auto stmt = std::make_unique<ast::InsertStatement>();
  if (s.override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE) stmt->overriding = 's';
  if (s.override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_USER_VALUE) stmt->overriding = 'u';
  if (s.with_clause != nullptr) stmt->with = TransformWithClause(*s.with_clause);
  stmt->table = TransformRangeVar(*s.relation);
  for (size_t i = 0; i < s.n_cols; ++i) {
    const PgQuery__ResTarget& col = *s.cols[i]->res_target;
    if (col.n_indirection > 0) throw NotSupported("subscripted INSERT columns", col.location);
    stmt->columns.push_back({col.name, col.location, ""});
  }
  if (s.select_stmt != nullptr) {
    const PgQuery__SelectStmt& sel = *s.select_stmt->select_stmt;
    const bool plain_values = sel.n_values_lists > 0 && sel.n_sort_clause == 0 &&
                              sel.limit_count == nullptr && sel.limit_offset == nullptr &&
                              sel.with_clause == nullptr;
    if (plain_values) {
      // VALUES directly under INSERT: items may be DEFAULT, and each is coerced
      // to its column on its own (transformInsertStmt).
      for (size_t r = 0; r < sel.n_values_lists; ++r) {
        const PgQuery__List& row = *sel.values_lists[r]->list;
        std::vector<ast::ExprPtr> items;
        for (size_t c = 0; c < row.n_items; ++c) {
          if (row.items[c]->node_case == PG_QUERY__NODE__NODE_SET_TO_DEFAULT) {
            items.emplace_back(nullptr);
          } else {
            items.push_back(TransformExpr(row.items[c]));
          }
        }
        stmt->values.push_back(std::move(items));
      }
    } else {
      auto select = TransformSelect(sel);
      stmt->select.reset(static_cast<ast::SelectStatement*>(select.release()));
    }
  }
  if (s.on_conflict_clause != nullptr) {
    const PgQuery__OnConflictClause& oc = *s.on_conflict_clause;
    stmt->on_conflict_location = oc.location;
    if (oc.infer != nullptr) {
      if (oc.infer->conname != nullptr && *oc.infer->conname != '\0') {
        stmt->conflict_constraint = oc.infer->conname;
      }
      if (oc.infer->where_clause != nullptr) {
        stmt->conflict_index_where = DeparseExpr(oc.infer->where_clause);
      }
      for (size_t i = 0; i < oc.infer->n_index_elems; ++i) {
        const PgQuery__IndexElem& e = *oc.infer->index_elems[i]->index_elem;
        if (e.name == nullptr || *e.name == '\0') {
          if (e.expr == nullptr) throw NotSupported("this ON CONFLICT", oc.location);
          // An expression arbiter: matched to a unique index's expression key.
          stmt->conflict_columns.push_back({"", oc.infer->location, DeparseExpr(e.expr)});
          continue;
        }
        stmt->conflict_columns.push_back({e.name, oc.infer->location, ""});
      }
    }
    if (oc.action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_NOTHING) {
      stmt->on_conflict = ast::InsertStatement::OnConflict::kNothing;
    } else {
      stmt->on_conflict = ast::InsertStatement::OnConflict::kUpdate;
      stmt->conflict_set = TransformSetList(oc.target_list, oc.n_target_list);
      if (oc.where_clause != nullptr) stmt->conflict_where = TransformExpr(oc.where_clause);
    }
  }
  stmt->returning = TransformTargetList(s.returning_list, s.n_returning_list);
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformUpdate(const PgQuery__UpdateStmt& s) {
  auto stmt = std::make_unique<ast::UpdateStatement>();
  if (s.with_clause != nullptr) stmt->with = TransformWithClause(*s.with_clause);
  stmt->table = TransformRangeVar(*s.relation);
  stmt->set = TransformSetList(s.target_list, s.n_target_list);
  for (size_t i = 0; i < s.n_from_clause; ++i) {
    stmt->from.push_back(TransformFromItem(*s.from_clause[i]));
  }
  if (s.where_clause != nullptr) stmt->where = TransformExpr(s.where_clause);
  stmt->returning = TransformTargetList(s.returning_list, s.n_returning_list);
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformDelete(const PgQuery__DeleteStmt& s) {
  auto stmt = std::make_unique<ast::DeleteStatement>();
  if (s.with_clause != nullptr) stmt->with = TransformWithClause(*s.with_clause);
  stmt->table = TransformRangeVar(*s.relation);
  for (size_t i = 0; i < s.n_using_clause; ++i) {
    stmt->using_items.push_back(TransformFromItem(*s.using_clause[i]));
  }
  if (s.where_clause != nullptr) stmt->where = TransformExpr(s.where_clause);
  stmt->returning = TransformTargetList(s.returning_list, s.n_returning_list);
  return stmt;
}

}  // namespace strata::sql::parser
