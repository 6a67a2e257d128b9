// SET / RESET (VariableSetStmt) and SHOW (VariableShowStmt) -> AST. Only the
// forms that set run-time parameters are represented, plus SET TRANSACTION
// and SET SESSION CHARACTERISTICS (transform_transaction.cpp); SET SESSION
// AUTHORIZATION and friends (VAR_SET_MULTI) and the SET TIME ZONE INTERVAL
// form stay unsupported.
#include <memory>
#include <string>
#include <string_view>

#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::unique_ptr<ast::Statement> Transformer::TransformVariableSet(
    const PgQuery__VariableSetStmt& stmt) {
  if (stmt.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_MULTI && stmt.name != nullptr &&
      (std::string_view(stmt.name) == "TRANSACTION" ||
       std::string_view(stmt.name) == "SESSION CHARACTERISTICS")) {
    return TransformSetTransaction(stmt);
  }
  auto out = std::make_unique<ast::VariableSetStatement>();
  out->name = stmt.name ? stmt.name : "";
  out->is_local = stmt.is_local;
  switch (stmt.kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE:
      out->set_kind = ast::VariableSetStatement::Kind::kValue;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
      out->set_kind = ast::VariableSetStatement::Kind::kDefault;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
      out->set_kind = ast::VariableSetStatement::Kind::kReset;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
      out->set_kind = ast::VariableSetStatement::Kind::kResetAll;
      break;
    default:
      throw NotSupported("SET " + out->name);
  }
  for (size_t i = 0; i < stmt.n_args; ++i) {
    const PgQuery__Node* node = stmt.args[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_A_CONST) {
      throw NotSupported("this form of SET " + out->name);
    }
    const PgQuery__AConst& c = *node->a_const;
    ast::VariableSetStatement::Arg arg;
    switch (c.val_case) {
      case PG_QUERY__A__CONST__VAL_IVAL:
        arg.text = std::to_string(c.ival ? c.ival->ival : 0);
        break;
      case PG_QUERY__A__CONST__VAL_FVAL:
        arg.text = c.fval && c.fval->fval ? c.fval->fval : "0";
        break;
      case PG_QUERY__A__CONST__VAL_SVAL:
        arg.text = c.sval && c.sval->sval ? c.sval->sval : "";
        arg.is_string = true;
        break;
      case PG_QUERY__A__CONST__VAL_BOOLVAL:
        arg.text = c.boolval && c.boolval->boolval ? "true" : "false";
        arg.is_string = true;
        break;
      default:
        throw NotSupported("this form of SET " + out->name);
    }
    out->args.push_back(std::move(arg));
  }
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformVariableShow(
    const PgQuery__VariableShowStmt& stmt) {
  auto out = std::make_unique<ast::VariableShowStatement>();
  out->name = stmt.name ? stmt.name : "";
  return out;
}

}  // namespace strata::sql::parser
