// MERGE transform: MergeStmt -> ast::MergeStatement. PostgreSQL 15's
// grammar already rejects what MERGE may not say (RETURNING, INSERT in WHEN
// MATCHED, several VALUES rows, ...); what it leaves to parse analysis
// (unreachable clauses, name clashes, references) is checked when the
// statement runs (sql/commands/execute_merge.cpp).
#include <memory>
#include <string>

#include "sql/ast/merge_statement.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::unique_ptr<ast::Statement> Transformer::TransformMerge(const PgQuery__MergeStmt& s) {
  auto stmt = std::make_unique<ast::MergeStatement>();
  if (s.with_clause != nullptr) stmt->with = TransformWithClause(*s.with_clause);
  stmt->table = TransformRangeVar(*s.relation);
  stmt->source.push_back(TransformFromItem(*s.source_relation));
  stmt->join_condition = TransformExpr(s.join_condition);
  for (size_t i = 0; i < s.n_merge_when_clauses; ++i) {
    const PgQuery__MergeWhenClause& w = *s.merge_when_clauses[i]->merge_when_clause;
    ast::MergeWhenClause clause;
    clause.matched = w.matched;
    if (w.condition != nullptr) {
      clause.condition = TransformExpr(w.condition);
      clause.location = clause.condition->location;
    }
    if (w.override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE) clause.overriding = 's';
    if (w.override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_USER_VALUE) clause.overriding = 'u';
    switch (w.command_type) {
      case PG_QUERY__CMD_TYPE__CMD_UPDATE:
        clause.action = ast::MergeWhenClause::Action::kUpdate;
        clause.set = TransformSetList(w.target_list, w.n_target_list);
        break;
      case PG_QUERY__CMD_TYPE__CMD_DELETE:
        clause.action = ast::MergeWhenClause::Action::kDelete;
        break;
      case PG_QUERY__CMD_TYPE__CMD_INSERT:
        clause.action = ast::MergeWhenClause::Action::kInsert;
        for (size_t c = 0; c < w.n_target_list; ++c) {
          const PgQuery__ResTarget& col = *w.target_list[c]->res_target;
          if (col.n_indirection > 0) throw NotSupported("subscripted INSERT columns", col.location);
          clause.columns.push_back({col.name, col.location, ""});
        }
        // INSERT DEFAULT VALUES has no values; INSERT VALUES () is no syntax.
        clause.default_values = w.n_values == 0;
        for (size_t v = 0; v < w.n_values; ++v) {
          if (w.values[v]->node_case == PG_QUERY__NODE__NODE_SET_TO_DEFAULT) {
            clause.values.emplace_back(nullptr);
          } else {
            clause.values.push_back(TransformExpr(w.values[v]));
          }
        }
        break;
      default:  // CMD_NOTHING
        clause.action = ast::MergeWhenClause::Action::kNothing;
        break;
    }
    stmt->when.push_back(std::move(clause));
  }
  return stmt;
}

}  // namespace strata::sql::parser
