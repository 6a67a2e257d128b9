// Transform of DDL that stores or runs a query: CREATE TABLE AS, SELECT INTO,
// CREATE VIEW (see sql/ast/query_ddl_statements.h); DeparseSelect gives a
// view's query the SQL text the catalog stores.
#include <pg_query.h>

#include <memory>
#include <string>

#include "sql/ast/query_ddl_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {


std::string DeparseSelect(const PgQuery__Node* select) {
  std::string text = DeparseStatement(select, "this query cannot be stored yet");
  // libpg_query prints FETCH FIRST's count bare, but the grammar takes a
  // c_expr there: a cast such as (5::bigint) must keep its parentheses or the
  // stored text does not parse again. Every bare occurrence of the top-level
  // count (which could not have parsed) gets them back.
  if (select != nullptr && select->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
    const PgQuery__SelectStmt& s = *select->select_stmt;
    if (s.limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES &&
        s.limit_count != nullptr) {
      const std::string count = DeparseExpr(s.limit_count);
      const std::string bare = " FETCH FIRST " + count + " ROWS WITH TIES";
      const std::string wrapped = " FETCH FIRST (" + count + ") ROWS WITH TIES";
      if (!count.empty() && count.front() != '(') {
        for (size_t at = text.find(bare); at != std::string::npos;
             at = text.find(bare, at + wrapped.size())) {
          text.replace(at, bare.size(), wrapped);
        }
      }
    }
  }
  return text;
}

std::unique_ptr<ast::SelectStatement> Transformer::TransformQuery(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    throw NotSupported("this query");
  }
  std::unique_ptr<ast::Statement> s = TransformSelect(*node->select_stmt);
  return std::unique_ptr<ast::SelectStatement>(static_cast<ast::SelectStatement*>(s.release()));
}

std::unique_ptr<ast::Statement> Transformer::TransformCreateTableAs(
    const PgQuery__CreateTableAsStmt& s) {
  if (s.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) {
    throw NotSupported("CREATE MATERIALIZED VIEW");
  }
  const PgQuery__IntoClause& into = *s.into;
  if (into.rel->relpersistence != nullptr && std::string(into.rel->relpersistence) == "u") {
    throw NotSupported("CREATE UNLOGGED TABLE", into.rel->location);
  }
  if (HasText(into.table_space_name)) throw NotSupported("TABLESPACE");
  if (HasText(into.access_method)) throw NotSupported("USING (table access method)");
  auto stmt = std::make_unique<ast::CreateTableAsStatement>();
  stmt->table = TransformRangeVar(*into.rel);
  stmt->column_names = StringList(into.col_names, into.n_col_names);
  stmt->with_data = !into.skip_data;
  stmt->if_not_exists = s.if_not_exists;
  stmt->temporary = into.rel->relpersistence != nullptr && std::string(into.rel->relpersistence) == "t";
  if (s.query != nullptr && s.query->node_case == PG_QUERY__NODE__NODE_EXECUTE_STMT) {
    std::unique_ptr<ast::Statement> execute = TransformExecute(*s.query->execute_stmt);
    stmt->execute.reset(static_cast<ast::ExecuteStatement*>(execute.release()));
    return stmt;
  }
  stmt->query = TransformQuery(s.query);
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformSelectInto(const PgQuery__SelectStmt& s) {
  const PgQuery__IntoClause& into = *s.into_clause;
  if (into.rel->relpersistence != nullptr && std::string(into.rel->relpersistence) == "u") {
    throw NotSupported("SELECT INTO UNLOGGED", into.rel->location);
  }
  PgQuery__SelectStmt plain = s;  // shallow: the same subtrees without INTO
  plain.into_clause = nullptr;
  auto stmt = std::make_unique<ast::CreateTableAsStatement>();
  stmt->table = TransformRangeVar(*into.rel);
  stmt->is_select_into = true;
  stmt->temporary = into.rel->relpersistence != nullptr && std::string(into.rel->relpersistence) == "t";
  std::unique_ptr<ast::Statement> q = TransformSelect(plain);
  stmt->query.reset(static_cast<ast::SelectStatement*>(q.release()));
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformCreateView(const PgQuery__ViewStmt& s) {
  auto stmt = std::make_unique<ast::CreateViewStatement>();
  stmt->options = RelOptions(s.options, s.n_options);
  // WITH [LOCAL | CASCADED] CHECK OPTION is the check_option reloption, as
  // PostgreSQL's DefineView appends it.
  if (s.with_check_option == PG_QUERY__VIEW_CHECK_OPTION__LOCAL_CHECK_OPTION) {
    stmt->options.emplace_back("check_option", "local");
  } else if (s.with_check_option == PG_QUERY__VIEW_CHECK_OPTION__CASCADED_CHECK_OPTION) {
    stmt->options.emplace_back("check_option", "cascaded");
  }
  stmt->view = TransformRangeVar(*s.view);
  stmt->column_names = StringList(s.aliases, s.n_aliases);
  stmt->or_replace = s.replace;
  stmt->temporary = s.view->relpersistence != nullptr && std::string(s.view->relpersistence) == "t";
  stmt->query = TransformQuery(s.query);
  stmt->query_text = DeparseSelect(s.query);
  return stmt;
}

}  // namespace strata::sql::parser
