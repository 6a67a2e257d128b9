// WITH [RECURSIVE] clause transform: each CTE's name, column aliases and
// query. Only SELECT queries are represented; data-modifying CTEs (INSERT/
// UPDATE/DELETE in WITH) and SEARCH/CYCLE are 0A000. [NOT] MATERIALIZED is
// accepted and ignored: every CTE is computed once (materialized), which
// PostgreSQL's results cannot tell apart from inlining.
#include <memory>
#include <string>

#include "sql/ast/position.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::shared_ptr<const ast::WithClause> Transformer::TransformWithClause(
    const PgQuery__WithClause& w) {
  auto with = std::make_shared<ast::WithClause>();
  with->recursive = w.recursive;
  with->location = w.location;
  for (size_t i = 0; i < w.n_ctes; ++i) {
    const PgQuery__Node* node = w.ctes[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) {
      throw NotSupported("this WITH item", w.location);
    }
    const PgQuery__CommonTableExpr& cte = *node->common_table_expr;
    if (cte.search_clause != nullptr) throw NotSupported("SEARCH in WITH", cte.location);
    if (cte.cycle_clause != nullptr) throw NotSupported("CYCLE in WITH", cte.location);
    if (cte.ctequery != nullptr && cte.ctequery->node_case == PG_QUERY__NODE__NODE_MERGE_STMT) {
      // parse_cte.c refuses it before anything else of the item.
      throw SqlError(SqlState::kFeatureNotSupported, "MERGE not supported in WITH query")
          .WithPosition(ast::CharPosition(query_, cte.location));
    }
    if (cte.ctequery == nullptr || cte.ctequery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
      throw NotSupported("data-modifying statements in WITH", cte.location);
    }
    if (cte.ctequery->select_stmt->into_clause != nullptr) {
      throw NotSupported("SELECT INTO in WITH", cte.location);
    }
    ast::CommonTableExpr out;
    out.name = cte.ctename != nullptr ? cte.ctename : "";
    out.column_aliases = StringList(cte.aliascolnames, cte.n_aliascolnames);
    out.query = TransformSetOperand(cte.ctequery->select_stmt);
    out.location = cte.location;
    with->ctes.push_back(std::move(out));
  }
  return with;
}

}  // namespace strata::sql::parser
