// CommandName: PostgreSQL's command tag name for a statement (what
// CreateCommandName() returns: "CREATE TABLE", "BEGIN", "DROP INDEX"), used
// in CommandComplete tags and in "... is not supported yet" messages.
#include <cctype>
#include <string>

#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

// "DROP TABLE", "ALTER INDEX", ...: the object word of an ObjectType.
std::string ObjectWord(PgQuery__ObjectType type) {
  switch (type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_ACCESS_METHOD:
      return "ACCESS METHOD";
    case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
      return "AGGREGATE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_CAST:
      return "CAST";
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
      return "TABLE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION:
      return "COLLATION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_CONVERSION:
      return "CONVERSION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE:
      return "DATABASE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
      return "DOMAIN";
    case PG_QUERY__OBJECT_TYPE__OBJECT_EVENT_TRIGGER:
      return "EVENT TRIGGER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
      return "EXTENSION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_FDW:
      return "FOREIGN DATA WRAPPER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER:
      return "SERVER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
      return "FOREIGN TABLE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
      return "FUNCTION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
      return "INDEX";
    case PG_QUERY__OBJECT_TYPE__OBJECT_LANGUAGE:
      return "LANGUAGE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
      return "MATERIALIZED VIEW";
    case PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS:
      return "OPERATOR CLASS";
    case PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR:
      return "OPERATOR";
    case PG_QUERY__OBJECT_TYPE__OBJECT_OPFAMILY:
      return "OPERATOR FAMILY";
    case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
      return "POLICY";
    case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
      return "PROCEDURE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION:
      return "PUBLICATION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROLE:
      return "ROLE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
      return "ROUTINE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_RULE:
      return "RULE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      return "SCHEMA";
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      return "SEQUENCE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_SUBSCRIPTION:
      return "SUBSCRIPTION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT:
      return "STATISTICS";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      return "TABLE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLESPACE:
      return "TABLESPACE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRANSFORM:
      return "TRANSFORM";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
      return "TRIGGER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION:
      return "TEXT SEARCH CONFIGURATION";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY:
      return "TEXT SEARCH DICTIONARY";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TSPARSER:
      return "TEXT SEARCH PARSER";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TSTEMPLATE:
      return "TEXT SEARCH TEMPLATE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
      return "TYPE";
    case PG_QUERY__OBJECT_TYPE__OBJECT_USER_MAPPING:
      return "USER MAPPING";
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      return "VIEW";
    default:
      return "";
  }
}

std::string WithObject(const std::string& verb, PgQuery__ObjectType type) {
  std::string object = ObjectWord(type);
  return object.empty() ? verb : verb + " " + object;
}

// Fallback: the protobuf field name of the node ("create_conversion_stmt")
// as words ("CREATE CONVERSION").
std::string NameFromNodeField(const PgQuery__Node& node) {
  const ProtobufCFieldDescriptor* field = protobuf_c_message_descriptor_get_field(
      &pg_query__node__descriptor, static_cast<unsigned>(node.node_case));
  if (field == nullptr || field->name == nullptr) return "???";
  std::string name = field->name;
  constexpr std::string_view kSuffix = "_stmt";
  if (name.size() > kSuffix.size() &&
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
    name.resize(name.size() - kSuffix.size());
  }
  for (char& c : name) {
    c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return name;
}

}  // namespace

std::string CommandName(const PgQuery__Node& node) {
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT: {
      const PgQuery__SelectStmt* s = node.select_stmt;
      if (s->into_clause != nullptr) return "SELECT INTO";
      return "SELECT";
    }
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      return "INSERT";
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      return "UPDATE";
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      return "DELETE";
    case PG_QUERY__NODE__NODE_MERGE_STMT:
      return "MERGE";
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      switch (node.transaction_stmt->kind) {
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
          return "BEGIN";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
          return "START TRANSACTION";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
          return "COMMIT";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
          return "ROLLBACK";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT:
          return "SAVEPOINT";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_RELEASE:
          return "RELEASE";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_TO:
          return "ROLLBACK";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE:
          return "PREPARE TRANSACTION";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT_PREPARED:
          return "COMMIT PREPARED";
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_PREPARED:
          return "ROLLBACK PREPARED";
        default:
          return "???";
      }
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      return "CREATE TABLE";
    case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
      return "CREATE FOREIGN TABLE";
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: {
      const PgQuery__CreateTableAsStmt* s = node.create_table_as_stmt;
      if (s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) return "CREATE MATERIALIZED VIEW";
      return s->is_select_into ? "SELECT INTO" : "CREATE TABLE AS";
    }
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return WithObject("DROP", node.drop_stmt->remove_type);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return WithObject("ALTER", node.alter_table_stmt->objtype);
    case PG_QUERY__NODE__NODE_RENAME_STMT: {
      const PgQuery__RenameStmt* s = node.rename_stmt;
      const bool on_relation = s->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN ||
                               s->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT ||
                               s->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_ATTRIBUTE;
      return WithObject("ALTER", on_relation ? s->relation_type : s->rename_type);
    }
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return "CREATE INDEX";
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      return "CREATE VIEW";
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      return "CREATE SEQUENCE";
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
      return "ALTER SEQUENCE";
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
      return "CREATE SCHEMA";
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
      return "CREATE DATABASE";
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
      return "DROP DATABASE";
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_SET_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_REFRESH_COLL_STMT:
      return "ALTER DATABASE";
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      switch (node.variable_set_stmt->kind) {
        case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
        case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
          return "RESET";
        default:
          return "SET";
      }
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT:
      return "SHOW";
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
      return "EXPLAIN";
    case PG_QUERY__NODE__NODE_COPY_STMT:
      return "COPY";
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      return "TRUNCATE TABLE";
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      return node.vacuum_stmt->is_vacuumcmd ? "VACUUM" : "ANALYZE";
    case PG_QUERY__NODE__NODE_LOCK_STMT:
      return "LOCK TABLE";
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
      return "PREPARE";
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
      return "EXECUTE";
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT:
      return node.deallocate_stmt->name != nullptr && node.deallocate_stmt->name[0] != '\0'
                 ? "DEALLOCATE"
                 : "DEALLOCATE ALL";
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT:
      return "DECLARE CURSOR";
    case PG_QUERY__NODE__NODE_FETCH_STMT:
      return node.fetch_stmt->ismove ? "MOVE" : "FETCH";
    case PG_QUERY__NODE__NODE_CLOSE_PORTAL_STMT:
      return node.close_portal_stmt->portalname ? "CLOSE CURSOR" : "CLOSE CURSOR ALL";
    case PG_QUERY__NODE__NODE_LISTEN_STMT:
      return "LISTEN";
    case PG_QUERY__NODE__NODE_UNLISTEN_STMT:
      return "UNLISTEN";
    case PG_QUERY__NODE__NODE_NOTIFY_STMT:
      return "NOTIFY";
    case PG_QUERY__NODE__NODE_DISCARD_STMT:
      switch (node.discard_stmt->target) {
        case PG_QUERY__DISCARD_MODE__DISCARD_ALL:
          return "DISCARD ALL";
        case PG_QUERY__DISCARD_MODE__DISCARD_PLANS:
          return "DISCARD PLANS";
        case PG_QUERY__DISCARD_MODE__DISCARD_SEQUENCES:
          return "DISCARD SEQUENCES";
        case PG_QUERY__DISCARD_MODE__DISCARD_TEMP:
          return "DISCARD TEMP";
        default:
          return "DISCARD";
      }
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
      return node.create_function_stmt->is_procedure ? "CREATE PROCEDURE" : "CREATE FUNCTION";
    case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT:
      return "ALTER FUNCTION";
    case PG_QUERY__NODE__NODE_DO_STMT:
      return "DO";
    case PG_QUERY__NODE__NODE_CALL_STMT:
      return "CALL";
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      return "CREATE ROLE";
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_ROLE_SET_STMT:
      return "ALTER ROLE";
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
      return "DROP ROLE";
    case PG_QUERY__NODE__NODE_GRANT_STMT:
      return node.grant_stmt->is_grant ? "GRANT" : "REVOKE";
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
      return node.grant_role_stmt->is_grant ? "GRANT ROLE" : "REVOKE ROLE";
    case PG_QUERY__NODE__NODE_COMMENT_STMT:
      return "COMMENT";
    case PG_QUERY__NODE__NODE_CHECK_POINT_STMT:
      return "CHECKPOINT";
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
      return "CREATE EXTENSION";
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
      return "CREATE DOMAIN";
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
    case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
      return "CREATE TYPE";
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
      return "ALTER TYPE";
    case PG_QUERY__NODE__NODE_DEFINE_STMT:
      return WithObject("CREATE", node.define_stmt->kind);
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      return "REINDEX";
    case PG_QUERY__NODE__NODE_CLUSTER_STMT:
      return "CLUSTER";
    case PG_QUERY__NODE__NODE_CONSTRAINTS_SET_STMT:
      return "SET CONSTRAINTS";
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
      return "REFRESH MATERIALIZED VIEW";
    case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
      return "ALTER SYSTEM";
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
      return "CREATE TRIGGER";
    case PG_QUERY__NODE__NODE_LOAD_STMT:
      return "LOAD";
    case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
      return "CREATE TABLESPACE";
    case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
      return "DROP TABLESPACE";
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
      return WithObject("ALTER", node.alter_owner_stmt->object_type);
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
      return WithObject("ALTER", node.alter_object_schema_stmt->object_type);
    case PG_QUERY__NODE__NODE_DROP_OWNED_STMT:
      return "DROP OWNED";
    case PG_QUERY__NODE__NODE_REASSIGN_OWNED_STMT:
      return "REASSIGN OWNED";
    case PG_QUERY__NODE__NODE_CREATE_CAST_STMT:
      return "CREATE CAST";
    case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
      return "CREATE POLICY";
    case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
      return "ALTER POLICY";
    case PG_QUERY__NODE__NODE_RULE_STMT:
      return "CREATE RULE";
    case PG_QUERY__NODE__NODE_SEC_LABEL_STMT:
      return "SECURITY LABEL";
    case PG_QUERY__NODE__NODE_CREATE_STATS_STMT:
      return "CREATE STATISTICS";
    case PG_QUERY__NODE__NODE_ALTER_STATS_STMT:
      return "ALTER STATISTICS";
    case PG_QUERY__NODE__NODE_CREATE_PUBLICATION_STMT:
      return "CREATE PUBLICATION";
    case PG_QUERY__NODE__NODE_ALTER_PUBLICATION_STMT:
      return "ALTER PUBLICATION";
    case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT:
      return "CREATE SUBSCRIPTION";
    case PG_QUERY__NODE__NODE_ALTER_SUBSCRIPTION_STMT:
      return "ALTER SUBSCRIPTION";
    case PG_QUERY__NODE__NODE_DROP_SUBSCRIPTION_STMT:
      return "DROP SUBSCRIPTION";
    case PG_QUERY__NODE__NODE_CREATE_EVENT_TRIG_STMT:
      return "CREATE EVENT TRIGGER";
    case PG_QUERY__NODE__NODE_ALTER_EVENT_TRIG_STMT:
      return "ALTER EVENT TRIGGER";
    case PG_QUERY__NODE__NODE_IMPORT_FOREIGN_SCHEMA_STMT:
      return "IMPORT FOREIGN SCHEMA";
    default:
      return NameFromNodeField(node);
  }
}

}  // namespace strata::sql::parser
