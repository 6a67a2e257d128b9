// ALTER TABLE / ALTER VIEW transform: AlterTableStmt's commands, RenameStmt
// (RENAME TO, RENAME COLUMN, RENAME CONSTRAINT is 0A000) and
// AlterObjectSchemaStmt (SET SCHEMA) -> ast::AlterTableStatement (is_view
// for ALTER VIEW). Commands we do not implement are 0A000
// naming the action.
#include <pg_query.h>

#include <memory>
#include <string>

#include "sql/ast/alter_table_statement.h"
#include "sql/ast/sequence_statements.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

// How PostgreSQL's grammar spells an ALTER TABLE subcommand, for 0A000.
std::string ActionName(PgQuery__AlterTableType t) {
  switch (t) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics: return "ALTER COLUMN ... SET STATISTICS";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions: return "ALTER COLUMN ... SET (...)";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions: return "ALTER COLUMN ... RESET (...)";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStorage: return "ALTER COLUMN ... SET STORAGE";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetCompression: return "ALTER COLUMN ... SET COMPRESSION";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropExpression: return "ALTER COLUMN ... DROP EXPRESSION";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterConstraint: return "ALTER CONSTRAINT";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint: return "VALIDATE CONSTRAINT";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIndexConstraint: return "ADD CONSTRAINT ... USING INDEX";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner: return "OWNER TO";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn: return "CLUSTER ON";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster: return "SET WITHOUT CLUSTER";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged: return "SET LOGGED";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged: return "SET UNLOGGED";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetAccessMethod: return "SET ACCESS METHOD";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace: return "SET TABLESPACE";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions: return "SET (...)";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions: return "RESET (...)";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser: return "ENABLE TRIGGER";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser: return "DISABLE TRIGGER";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRule:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysRule:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaRule: return "ENABLE RULE";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRule: return "DISABLE RULE";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit: return "INHERIT";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropInherit: return "NO INHERIT";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddOf: return "OF";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropOf: return "NOT OF";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplicaIdentity: return "REPLICA IDENTITY";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity: return "ENABLE ROW LEVEL SECURITY";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity: return "DISABLE ROW LEVEL SECURITY";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity: return "FORCE ROW LEVEL SECURITY";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity: return "NO FORCE ROW LEVEL SECURITY";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_GenericOptions: return "OPTIONS (...)";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition: return "ATTACH PARTITION";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize: return "DETACH PARTITION";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity: return "ALTER COLUMN ... ADD GENERATED";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity: return "ALTER COLUMN ... SET GENERATED";
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity: return "ALTER COLUMN ... DROP IDENTITY";
    default: return "this ALTER TABLE action";
  }
}

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformAlterTable(const PgQuery__AlterTableStmt& s) {
  if (s.n_cmds == 1 && s.relation != nullptr &&
      s.cmds[0]->alter_table_cmd->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner &&
      (s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
       s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE ||
       s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW)) {
    return TransformAlterRelationOwner(s);
  }
  if (s.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE &&
      s.objtype != PG_QUERY__OBJECT_TYPE__OBJECT_VIEW) {
    throw NotSupported("this ALTER statement");
  }
  if (s.relation == nullptr) throw NotSupported("ALTER TABLE without a name");
  auto stmt = std::make_unique<ast::AlterTableStatement>();
  stmt->is_view = s.objtype == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW;
  stmt->table = TransformRangeVar(*s.relation);
  stmt->if_exists = s.missing_ok;
  for (size_t i = 0; i < s.n_cmds; ++i) {
    const PgQuery__AlterTableCmd& cmd = *s.cmds[i]->alter_table_cmd;
    ast::AlterTableAction a;
    if (HasText(cmd.name)) a.name = cmd.name;
    a.if_exists = cmd.missing_ok;
    a.cascade = cmd.behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    using K = ast::AlterTableAction::Kind;
    switch (cmd.subtype) {
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
        a.kind = K::kAddColumn;
        a.if_not_exists = cmd.missing_ok;
        a.if_exists = false;
        const PgQuery__ColumnDef& cd = *cmd.def->column_def;
        a.column.name = cd.colname;
        a.column.location = cd.location;
        if (cd.type_name == nullptr) throw NotSupported("a column without a type", cd.location);
        a.column.type = TransformTypeName(*cd.type_name);
        if (cd.coll_clause != nullptr) throw NotSupported("COLLATE", cd.coll_clause->location);
        for (size_t k = 0; k < cd.n_constraints; ++k) {
          const PgQuery__Constraint& c = *cd.constraints[k]->constraint;
          switch (c.contype) {
            case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
              break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
              a.column.not_null = true;
              break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
              a.column.default_expr = TransformExpr(c.raw_expr);
              a.column.default_text = DeparseExpr(c.raw_expr);
              break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
              a.column.checks.push_back(TransformCheck(c));
              break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
              if (c.deferrable) {
                throw NotSupported("DEFERRABLE PRIMARY KEY constraints", c.location);
              }
              a.column.primary_key = true;
              a.column.primary_key_location = c.location;
              if (HasText(c.conname)) a.constraint_name = c.conname;
              break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
              throw NotSupported("UNIQUE", c.location);
            case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
              throw NotSupported("REFERENCES", c.location);
            case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
              throw NotSupported("GENERATED AS IDENTITY", c.location);
            case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
              throw NotSupported("GENERATED ALWAYS AS", c.location);
            default:
              throw NotSupported("this column constraint", c.location);
          }
        }
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
        a.kind = K::kDropColumn;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
        if (cmd.def != nullptr) {
          a.kind = K::kSetDefault;
          a.expr = TransformExpr(cmd.def);
          a.expr_text = DeparseExpr(cmd.def);
        } else {
          a.kind = K::kDropDefault;
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
        a.kind = K::kSetNotNull;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity: {
        if (cmd.def == nullptr || cmd.def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) {
          throw NotSupported("this ALTER COLUMN ... ADD GENERATED");
        }
        const PgQuery__Constraint& c = *cmd.def->constraint;
        a.kind = K::kAddIdentity;
        a.identity = c.generated_when != nullptr && c.generated_when[0] == 'd' ? 'd' : 'a';
        a.identity_options = std::make_shared<const ast::SequenceOptions>(
            TransformSequenceOptions(c.options, c.n_options));
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity: {
        // A list of DefElems: "generated" (ALWAYS / BY DEFAULT) and sequence
        // options (RESTART, INCREMENT BY, ...), which are not done yet.
        a.kind = K::kSetIdentity;
        const PgQuery__Node* list = cmd.def;
        if (list == nullptr || list->node_case != PG_QUERY__NODE__NODE_LIST) {
          throw NotSupported("this ALTER COLUMN ... SET");
        }
        for (size_t j = 0; j < list->list->n_items; ++j) {
          const PgQuery__Node* item = list->list->items[j];
          if (item->node_case != PG_QUERY__NODE__NODE_DEF_ELEM ||
              std::string(item->def_elem->defname) != "generated" ||
              item->def_elem->arg == nullptr ||
              item->def_elem->arg->node_case != PG_QUERY__NODE__NODE_INTEGER) {
            throw NotSupported("ALTER COLUMN ... SET of identity sequence options");
          }
          a.identity = static_cast<char>(item->def_elem->arg->integer->ival);
        }
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity:
        a.kind = K::kDropIdentity;
        a.if_exists = cmd.missing_ok;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
        a.kind = K::kDropNotNull;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType: {
        a.kind = K::kAlterType;
        const PgQuery__ColumnDef& cd = *cmd.def->column_def;
        a.type = TransformTypeName(*cd.type_name);
        if (cd.coll_clause != nullptr) throw NotSupported("COLLATE", cd.coll_clause->location);
        if (cd.raw_default != nullptr) {
          a.expr = TransformExpr(cd.raw_default);
          a.expr_text = DeparseExpr(cd.raw_default);
        }
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint: {
        const PgQuery__Constraint& c = *cmd.def->constraint;
        a.location = c.location;
        switch (c.contype) {
          case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
            a.kind = K::kAddCheck;
            a.check = TransformCheck(c);
            a.check.not_valid = c.skip_validation;
            break;
          case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
            if (c.deferrable) throw NotSupported("DEFERRABLE PRIMARY KEY constraints", c.location);
            a.kind = K::kAddPrimaryKey;
            a.keys = StringList(c.keys, c.n_keys);
            if (HasText(c.conname)) a.constraint_name = c.conname;
            if (HasText(c.indexname)) a.index_name = c.indexname;
            if (HasText(c.indexspace)) throw NotSupported("USING INDEX TABLESPACE", c.location);
            break;
          case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
            a.kind = K::kAddUnique;
            a.unique = TransformUnique(c, "");
            break;
          case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
            a.kind = K::kAddForeignKey;
            a.foreign_key = TransformForeignKey(c, "");
            break;
          case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
            throw NotSupported("ADD EXCLUDE", c.location);
          default:
            throw NotSupported("this ADD CONSTRAINT", c.location);
        }
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
        a.kind = K::kDropConstraint;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
        a.kind = K::kValidateConstraint;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser:
        a.kind = K::kSetTriggerEnabled;
        switch (cmd.subtype) {
          case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig: a.trigger_enabled = 'A'; break;
          case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig: a.trigger_enabled = 'R'; break;
          case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
          case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
          case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser: a.trigger_enabled = 'D'; break;
          default: a.trigger_enabled = 'O'; break;
        }
        // ALL / USER: every trigger (StrataDB has no internal ones).
        if (cmd.subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig &&
            cmd.subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig &&
            cmd.subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig &&
            cmd.subtype != PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig) {
          a.name.clear();
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize: {
        const PgQuery__PartitionCmd& pc = *cmd.def->partition_cmd;
        a.kind = cmd.subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition ? K::kAttachPartition
                                                                               : K::kDetachPartition;
        a.partition = TransformRangeVar(*pc.name);
        if (pc.bound != nullptr) a.bound = TransformPartitionBound(*pc.bound);
        a.concurrent = pc.concurrent;
        a.finalize = cmd.subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize;
        break;
      }
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropInherit:
        a.kind = cmd.subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit ? K::kInherit
                                                                          : K::kNoInherit;
        a.parent = TransformRangeVar(*cmd.def->range_var);
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions:
        // Views take them (commands/alter_view.cpp); tables reject them there.
        a.kind = cmd.subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions ? K::kSetOptions
                                                                              : K::kResetOptions;
        if (cmd.def != nullptr && cmd.def->node_case == PG_QUERY__NODE__NODE_LIST) {
          a.options = RelOptions(cmd.def->list->items, cmd.def->list->n_items);
        }
        break;
      default:
        throw NotSupported(std::string(stmt->is_view ? "ALTER VIEW " : "ALTER TABLE ") +
                           ActionName(cmd.subtype));
    }
    stmt->actions.push_back(std::move(a));
  }
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformRename(const PgQuery__RenameStmt& s) {
  if (s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) return TransformRenameSchema(s);
  if (s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_ROLE) return TransformRenameRole(s);
  if (s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE) return TransformRenameDatabase(s);
  if (s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX) return TransformRenameIndex(s);
  if (s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER) return TransformRenameTrigger(s);
  if (s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE ||
      s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN) {
    return TransformRenameType(s);
  }
  if (s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION ||
      s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE) {
    return TransformRenameFunction(s);
  }
  const bool on_view = s.relation_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW ||
                       s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW;
  const bool on_table = on_view || s.relation_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
                        s.rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE;
  if (s.relation == nullptr || !on_table) throw NotSupported("this ALTER ... RENAME");
  auto stmt = std::make_unique<ast::AlterTableStatement>();
  stmt->table = TransformRangeVar(*s.relation);
  stmt->if_exists = s.missing_ok;
  stmt->is_view = on_view;
  ast::AlterTableAction a;
  switch (s.rename_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      a.kind = ast::AlterTableAction::Kind::kRenameTable;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
      a.kind = ast::AlterTableAction::Kind::kRenameColumn;
      a.name = s.subname;
      break;
    default:
      throw NotSupported("ALTER TABLE ... RENAME CONSTRAINT");
  }
  a.new_name = s.newname;
  stmt->actions.push_back(std::move(a));
  return stmt;
}

std::unique_ptr<ast::Statement> Transformer::TransformAlterObjectSchema(
    const PgQuery__AlterObjectSchemaStmt& s) {
  if ((s.object_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE &&
       s.object_type != PG_QUERY__OBJECT_TYPE__OBJECT_VIEW) ||
      s.relation == nullptr) {
    throw NotSupported("this ALTER ... SET SCHEMA");
  }
  auto stmt = std::make_unique<ast::AlterTableStatement>();
  stmt->is_view = s.object_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW;
  stmt->table = TransformRangeVar(*s.relation);
  stmt->if_exists = s.missing_ok;
  ast::AlterTableAction a;
  a.kind = ast::AlterTableAction::Kind::kSetSchema;
  a.new_name = s.newschema;
  stmt->actions.push_back(std::move(a));
  return stmt;
}

}  // namespace strata::sql::parser
