// PREPARE, EXECUTE and DEALLOCATE (PrepareStmt, ExecuteStmt,
// DeallocateStmt). The prepared statement itself is transformed like any
// other; a construct we cannot run makes the whole PREPARE unsupported.
#include <memory>
#include <string>

#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::unique_ptr<ast::Statement> Transformer::TransformPrepare(const PgQuery__PrepareStmt& p) {
  auto out = std::make_unique<ast::PrepareStatement>();
  out->name = p.name != nullptr ? p.name : "";
  for (size_t i = 0; i < p.n_argtypes; ++i) {
    const PgQuery__Node* node = p.argtypes[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_TYPE_NAME) {
      throw NotSupported("this PREPARE parameter type");
    }
    out->parameter_types.push_back(TransformTypeName(*node->type_name));
  }
  if (p.query == nullptr) throw NotSupported("PREPARE without a statement");
  out->query = TransformStatement(*p.query);
  out->query->command_name = CommandName(*p.query);
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformExecute(const PgQuery__ExecuteStmt& e) {
  auto out = std::make_unique<ast::ExecuteStatement>();
  out->name = e.name != nullptr ? e.name : "";
  out->arguments = TransformExprList(e.params, e.n_params);
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformDeallocate(
    const PgQuery__DeallocateStmt& d) {
  auto out = std::make_unique<ast::DeallocateStatement>();
  // libpg_query's protobuf has no NULL string: ALL arrives as "".
  out->all = d.name == nullptr || d.name[0] == '\0';
  if (!out->all) out->name = d.name;
  return out;
}

}  // namespace strata::sql::parser
