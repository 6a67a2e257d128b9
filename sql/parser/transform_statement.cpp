// Statement-level transform: one RawStmt -> one ast::Statement, keeping the
// statement's byte range and PostgreSQL's command name; statements we do not
// implement yet become UnsupportedStatements carrying a 0A000 error.
#include <memory>
#include <string>

#include "sql/ast/position.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

std::unique_ptr<ast::Statement> Transformer::TransformRawStmt(const PgQuery__RawStmt& raw) {
  std::unique_ptr<ast::Statement> statement;
  std::string command_name = raw.stmt ? CommandName(*raw.stmt) : "???";
  try {
    if (raw.stmt == nullptr) throw NotSupported("an empty statement node");
    statement = TransformStatement(*raw.stmt);
  } catch (const SqlError& e) {
    statement = std::make_unique<ast::UnsupportedStatement>(e.fields());
  }
  statement->location = raw.stmt_location;
  statement->length = raw.stmt_len;
  statement->command_name = std::move(command_name);
  return statement;
}

std::unique_ptr<ast::Statement> Transformer::TransformStatement(const PgQuery__Node& node) {
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      if (node.select_stmt->into_clause != nullptr) return TransformSelectInto(*node.select_stmt);
      return TransformSelect(*node.select_stmt);
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      return TransformCreateTableAs(*node.create_table_as_stmt);
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      return TransformCreateView(*node.view_stmt);
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
      return TransformPrepare(*node.prepare_stmt);
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
      return TransformExecute(*node.execute_stmt);
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT:
      return TransformDeallocate(*node.deallocate_stmt);
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      return TransformCreateTable(*node.create_stmt);
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return TransformDrop(*node.drop_stmt);
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
      return TransformCreateFunction(*node.create_function_stmt);
    case PG_QUERY__NODE__NODE_COMMENT_STMT:
      return TransformComment(*node.comment_stmt);
    case PG_QUERY__NODE__NODE_DO_STMT:
      return TransformDo(*node.do_stmt);
    case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT:
      return TransformAlterFunction(*node.alter_function_stmt);
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
      if (node.alter_owner_stmt->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION ||
          node.alter_owner_stmt->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE) {
        return TransformAlterFunctionOwner(*node.alter_owner_stmt);
      }
      if (node.alter_owner_stmt->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
        return TransformAlterSchemaOwner(*node.alter_owner_stmt);
      }
      if (node.alter_owner_stmt->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE) {
        return TransformAlterDatabaseOwner(*node.alter_owner_stmt);
      }
      throw NotSupported(CommandName(node));
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      return TransformTruncate(*node.truncate_stmt);
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
      return TransformCreateSchema(*node.create_schema_stmt);
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      return TransformInsert(*node.insert_stmt);
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      return TransformUpdate(*node.update_stmt);
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      return TransformDelete(*node.delete_stmt);
    case PG_QUERY__NODE__NODE_MERGE_STMT:
      return TransformMerge(*node.merge_stmt);
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      return TransformVariableSet(*node.variable_set_stmt);
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT:
      return TransformVariableShow(*node.variable_show_stmt);
    case PG_QUERY__NODE__NODE_COPY_STMT:
      return TransformCopy(*node.copy_stmt);
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      return TransformCreateSequence(*node.create_seq_stmt);
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
      return TransformAlterSequence(*node.alter_seq_stmt);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return TransformAlterTable(*node.alter_table_stmt);
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      return TransformRename(*node.rename_stmt);
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
      return TransformAlterObjectSchema(*node.alter_object_schema_stmt);
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      return TransformTransaction(*node.transaction_stmt);
    case PG_QUERY__NODE__NODE_CONSTRAINTS_SET_STMT:
      return TransformConstraintsSet(*node.constraints_set_stmt);
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      return TransformVacuum(*node.vacuum_stmt);
    case PG_QUERY__NODE__NODE_LOCK_STMT:
      return TransformLock(*node.lock_stmt);
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return TransformCreateIndex(*node.index_stmt);
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      return TransformReindex(*node.reindex_stmt);
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
      return TransformExplain(*node.explain_stmt);
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT:
      return TransformDeclareCursor(*node.declare_cursor_stmt);
    case PG_QUERY__NODE__NODE_FETCH_STMT:
      return TransformFetch(*node.fetch_stmt);
    case PG_QUERY__NODE__NODE_CLOSE_PORTAL_STMT:
      return TransformCloseCursor(*node.close_portal_stmt);
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      return TransformCreateRole(*node.create_role_stmt);
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
      return TransformCreateDatabase(*node.createdb_stmt);
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
      return TransformDropDatabase(*node.dropdb_stmt);
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT:
      return TransformAlterDatabase(*node.alter_database_stmt);
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_SET_STMT:
      return TransformAlterDatabaseSet(*node.alter_database_set_stmt);
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
      return TransformAlterRole(*node.alter_role_stmt);
    case PG_QUERY__NODE__NODE_ALTER_ROLE_SET_STMT:
      return TransformAlterRoleSet(*node.alter_role_set_stmt);
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
      return TransformDropRole(*node.drop_role_stmt);
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
      return TransformGrantRole(*node.grant_role_stmt);
    case PG_QUERY__NODE__NODE_GRANT_STMT:
      return TransformGrant(*node.grant_stmt);
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
      return TransformCreateEnum(*node.create_enum_stmt);
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
      return TransformCreateComposite(*node.composite_type_stmt);
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
      return TransformAlterEnum(*node.alter_enum_stmt);
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
      return TransformCreateTrigger(*node.create_trig_stmt);
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
      return TransformCreateDomain(*node.create_domain_stmt);
    case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
      return TransformAlterDomain(*node.alter_domain_stmt);
    case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
      return TransformAlterDefaultPrivileges(*node.alter_default_privileges_stmt);
    case PG_QUERY__NODE__NODE_DEFINE_STMT:
      return TransformDefine(*node.define_stmt);
    case PG_QUERY__NODE__NODE_ALTER_OPERATOR_STMT:
      return TransformAlterOperator(*node.alter_operator_stmt);
    case PG_QUERY__NODE__NODE_CREATE_CAST_STMT:
      return TransformCreateCast(*node.create_cast_stmt);
    case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
      // The built-in range types are done (sql/types/range_value.h); user ones are not.
      throw NotSupported("CREATE TYPE ... AS RANGE (user-defined range types)");
    default:
      throw NotSupported(CommandName(node));
  }
}

SqlError Transformer::NotSupported(std::string_view what, int location) const {
  SqlError error(SqlState::kFeatureNotSupported, std::string(what) + " is not supported yet");
  if (location >= 0) error.WithPosition(ast::CharPosition(query_, location));
  return error;
}

std::string StringValue(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_STRING ||
      node->string == nullptr || node->string->sval == nullptr) {
    return "";
  }
  return node->string->sval;
}

std::vector<std::string> StringList(PgQuery__Node* const* nodes, size_t n) {
  std::vector<std::string> names;
  names.reserve(n);
  for (size_t i = 0; i < n; ++i) names.push_back(StringValue(nodes[i]));
  return names;
}

std::vector<std::pair<std::string, std::string>> RelOptions(PgQuery__Node* const* nodes, size_t n) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__Node* node = nodes[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& d = *node->def_elem;
    std::string value = "true";
    if (const PgQuery__Node* arg = d.arg) {
      switch (arg->node_case) {
        case PG_QUERY__NODE__NODE_INTEGER: value = std::to_string(arg->integer->ival); break;
        case PG_QUERY__NODE__NODE_FLOAT: value = arg->float_->fval; break;
        case PG_QUERY__NODE__NODE_BOOLEAN: value = arg->boolean->boolval ? "true" : "false"; break;
        case PG_QUERY__NODE__NODE_STRING: value = StringValue(arg); break;
        case PG_QUERY__NODE__NODE_TYPE_NAME: {
          // An unquoted word PostgreSQL's reloptions grammar reads as a name.
          const PgQuery__TypeName& t = *arg->type_name;
          value = t.n_names > 0 ? StringValue(t.names[t.n_names - 1]) : "";
          break;
        }
        default: value.clear(); break;
      }
    }
    out.emplace_back(d.defname != nullptr ? d.defname : "", std::move(value));
  }
  return out;
}

}  // namespace strata::sql::parser
