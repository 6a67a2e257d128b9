// TransactionStmt (BEGIN, COMMIT, SAVEPOINT, ...) and SET TRANSACTION /
// SET SESSION CHARACTERISTICS AS TRANSACTION -> ast::TransactionStatement.
// Two-phase commit is disabled (max_prepared_transactions = 0): PREPARE
// TRANSACTION, COMMIT PREPARED and ROLLBACK PREPARED answer as PostgreSQL
// does then.
#include <memory>
#include <string>

#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

// The transaction_* DefElems of BEGIN's or SET TRANSACTION's option list.
std::vector<ast::TransactionStatement::Mode> TransactionModes(PgQuery__Node* const* options,
                                                              size_t n) {
  std::vector<ast::TransactionStatement::Mode> modes;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__Node* node = options[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& def = *node->def_elem;
    ast::TransactionStatement::Mode mode;
    mode.name = def.defname ? def.defname : "";
    if (def.arg != nullptr && def.arg->node_case == PG_QUERY__NODE__NODE_A_CONST) {
      const PgQuery__AConst& c = *def.arg->a_const;
      if (c.val_case == PG_QUERY__A__CONST__VAL_SVAL && c.sval && c.sval->sval) {
        mode.value = c.sval->sval;
      } else if (c.val_case == PG_QUERY__A__CONST__VAL_IVAL) {
        mode.value = c.ival && c.ival->ival != 0 ? "on" : "off";
      }
    }
    modes.push_back(std::move(mode));
  }
  return modes;
}

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformTransaction(
    const PgQuery__TransactionStmt& stmt) {
  using Kind = ast::TransactionStatement::Kind;
  auto out = std::make_unique<ast::TransactionStatement>();
  switch (stmt.kind) {
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
      out->txn_kind = Kind::kBegin;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
      out->txn_kind = Kind::kCommit;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
      out->txn_kind = Kind::kRollback;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT:
      out->txn_kind = Kind::kSavepoint;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_RELEASE:
      out->txn_kind = Kind::kRelease;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_TO:
      out->txn_kind = Kind::kRollbackTo;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT_PREPARED:
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_PREPARED:
      out->txn_kind = Kind::kFinishPrepared;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE:
      out->txn_kind = Kind::kPrepareTransaction;
      break;
    default:
      throw NotSupported("this transaction statement");
  }
  out->modes = TransactionModes(stmt.options, stmt.n_options);
  out->savepoint_name = stmt.savepoint_name ? stmt.savepoint_name : "";
  out->gid = stmt.gid ? stmt.gid : "";
  out->chain = stmt.chain;
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformConstraintsSet(
    const PgQuery__ConstraintsSetStmt& stmt) {
  auto out = std::make_unique<ast::TransactionStatement>();
  out->txn_kind = ast::TransactionStatement::Kind::kSetConstraints;
  for (size_t i = 0; i < stmt.n_constraints; ++i) {
    const PgQuery__Node* node = stmt.constraints[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) {
      throw NotSupported("this SET CONSTRAINTS");
    }
    if (node->range_var->catalogname != nullptr && *node->range_var->catalogname != '\0') {
      throw NotSupported("cross-database references in SET CONSTRAINTS");
    }
    out->constraints.push_back(TransformRangeVar(*node->range_var));
  }
  out->constraints_deferred = stmt.deferred;
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformSetTransaction(
    const PgQuery__VariableSetStmt& stmt) {
  auto out = std::make_unique<ast::TransactionStatement>();
  out->txn_kind = std::string_view(stmt.name) == "TRANSACTION"
                      ? ast::TransactionStatement::Kind::kSetTransaction
                      : ast::TransactionStatement::Kind::kSetSessionCharacteristics;
  out->modes = TransactionModes(stmt.args, stmt.n_args);
  return out;
}

}  // namespace strata::sql::parser
