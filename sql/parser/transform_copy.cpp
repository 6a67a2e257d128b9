// COPY transform: CopyStmt -> ast::CopyStatement. Options stay raw DefElems;
// their validation (and PostgreSQL's errors for them) is sql/copy/'s.
#include <memory>
#include <string>

#include "sql/ast/copy_statement.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::unique_ptr<ast::Statement> Transformer::TransformCopy(const PgQuery__CopyStmt& s) {
  auto stmt = std::make_unique<ast::CopyStatement>();
  if (s.is_program) throw NotSupported("COPY with PROGRAM");
  if (s.where_clause != nullptr) throw NotSupported("COPY FROM with WHERE");
  stmt->is_from = s.is_from;
  if (s.filename != nullptr) stmt->filename = s.filename;
  if (s.relation != nullptr) {
    stmt->has_table = true;
    stmt->table = TransformRangeVar(*s.relation);
  } else {
    if (s.query != nullptr && s.query->node_case == PG_QUERY__NODE__NODE_MERGE_STMT) {
      throw SqlError(SqlState::kFeatureNotSupported, "MERGE not supported in COPY");
    }
    if (s.query == nullptr || s.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
      throw NotSupported("COPY of this statement");
    }
    if (s.query->select_stmt->into_clause != nullptr) {
      // transformStmt's check, before anything else of the query.
      throw SqlError(SqlState::kFeatureNotSupported, "COPY (SELECT INTO) is not supported");
    }
    auto query = TransformSelect(*s.query->select_stmt);
    if (query->kind != ast::StatementKind::kSelect) throw NotSupported("COPY of this query");
    stmt->query.reset(static_cast<ast::SelectStatement*>(query.release()));
  }
  for (size_t i = 0; i < s.n_attlist; ++i) {
    // Column names are String nodes; libpg_query gives no location for them.
    stmt->columns.push_back({StringValue(s.attlist[i]), -1, ""});
  }
  for (size_t i = 0; i < s.n_options; ++i) {
    const PgQuery__Node* node = s.options[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    ast::CopyOption option;
    option.name = d.defname != nullptr ? d.defname : "";
    option.location = d.location;
    const PgQuery__Node* arg = d.arg;
    using Kind = ast::CopyOption::ArgKind;
    if (arg == nullptr) {
      option.kind = Kind::kNone;
    } else if (arg->node_case == PG_QUERY__NODE__NODE_STRING) {
      option.kind = Kind::kString;
      option.value = StringValue(arg);
    } else if (arg->node_case == PG_QUERY__NODE__NODE_INTEGER) {
      option.kind = Kind::kInteger;
      option.value = std::to_string(arg->integer->ival);
    } else if (arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) {
      option.kind = Kind::kBoolean;
      option.value = arg->boolean->boolval ? "true" : "false";
    } else if (arg->node_case == PG_QUERY__NODE__NODE_A_STAR) {
      option.kind = Kind::kStar;
    } else if (arg->node_case == PG_QUERY__NODE__NODE_LIST) {
      option.kind = Kind::kList;
      option.list = StringList(arg->list->items, arg->list->n_items);
    } else {
      throw NotSupported("this COPY option value", d.location);
    }
    stmt->options.push_back(std::move(option));
  }
  return stmt;
}

}  // namespace strata::sql::parser
