// COMMENT ON (see comment_commands.h). The object is resolved as
// PostgreSQL's get_object_address does, with its errors: a relation of the
// wrong kind is 42809 `"v" is not a table`, a missing one 42P01; columns
// need a qualified name. The comment is keyed by (catalog OID, object OID,
// column attnum), the pg_description row it becomes.
#include "sql/commands/comment_commands.h"

#include <string>

#include "sql/commands/function_commands.h"
#include "sql/commands/operator_commands.h"
#include "sql/system_relations/index_catalog.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/synthetic_oids.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

using Kind = ast::CommentStatement::ObjectKind;

// The relation a qualified name list ([schema.]name, or [catalog.]...) names.
ast::RangeVar RangeVarOf(const std::vector<std::string>& names) {
  ast::RangeVar rv;
  if (names.size() > 3) {
    throw SqlError(SqlState::kSyntaxError, "improper relation name (too many dotted names)");
  }
  rv.name = names.back();
  if (names.size() >= 2) rv.schema = names[names.size() - 2];
  return rv;
}

// A relation of any kind (pg_class), or 42P01.
RelationRef LookupRelation(const CommandContext& ctx, const ast::RangeVar& rv) {
  RelationRef rel;
  const catalog::NamespaceDesc* ns = RelationSchema(ctx, rv);
  if (ns == nullptr || !FindRelationInNamespace(*ctx.catalog, ns->oid, rv.name, &rel)) {
    throw SqlError(SqlState::kUndefinedTable, "relation \"" + rv.name + "\" does not exist");
  }
  if (rel.system != nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "COMMENT ON a system catalog relation is not supported yet");
  }
  return rel;
}

catalog::CommentTarget RelationTarget(const CommandContext& ctx, const ast::CommentStatement& stmt) {
  const ast::RangeVar rv = RangeVarOf(stmt.name);
  const RelationRef rel = LookupRelation(ctx, rv);
  const auto wrong = [&](const char* what) {
    return SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not " + what);
  };
  switch (stmt.object_kind) {
    case Kind::kTable:
      if (rel.relkind != 'r') throw wrong("a table");
      break;
    case Kind::kView:
      if (rel.relkind != 'v') throw wrong("a view");
      break;
    case Kind::kMaterializedView:
      throw wrong("a materialized view");
    case Kind::kIndex:
      if (rel.relkind != 'i') throw wrong("an index");
      break;
    case Kind::kSequence:
      if (rel.relkind != 'S') throw wrong("a sequence");
      break;
    case Kind::kForeignTable:
      throw wrong("a foreign table");
    default:
      break;
  }
  return catalog::CommentTarget{catalog::kPgClassOid, rel.oid, 0};
}

catalog::CommentTarget ColumnTarget(const CommandContext& ctx, const ast::CommentStatement& stmt) {
  if (stmt.name.size() < 2) throw SqlError(SqlState::kSyntaxError, "column name must be qualified");
  const std::string& column = stmt.name.back();
  const ast::RangeVar rv =
      RangeVarOf(std::vector<std::string>(stmt.name.begin(), stmt.name.end() - 1));
  const RelationRef rel = LookupRelation(ctx, rv);
  int attnum = 0;
  if (rel.relkind == 'r') {
    const int i = rel.table->FindColumn(column);
    if (i >= 0) attnum = rel.table->columns[static_cast<size_t>(i)].attnum;
  } else if (rel.relkind == 'v') {
    for (size_t i = 0; i < rel.view->columns.size(); ++i) {
      if (rel.view->columns[i].name == column) attnum = static_cast<int>(i) + 1;
    }
  } else {
    // Sequences and indexes have columns in PostgreSQL too; we do not list them.
    throw SqlError(SqlState::kFeatureNotSupported,
                   "COMMENT ON COLUMN of an index or a sequence is not supported yet");
  }
  if (attnum == 0) {
    throw SqlError(SqlState::kUndefinedColumn,
                   "column \"" + column + "\" of relation \"" + rv.name + "\" does not exist");
  }
  return catalog::CommentTarget{catalog::kPgClassOid, rel.oid, attnum};
}

catalog::CommentTarget ConstraintTarget(const CommandContext& ctx,
                                        const ast::CommentStatement& stmt) {
  const std::string& name = stmt.name.back();
  const ast::RangeVar rv =
      RangeVarOf(std::vector<std::string>(stmt.name.begin(), stmt.name.end() - 1));
  const catalog::TableDesc* t = FindTable(ctx, rv);
  if (t == nullptr) {
    // A view or sequence has no constraints; PostgreSQL says so in the same words.
    (void)LookupRelation(ctx, rv);
  } else {
    if (!t->primary_key.empty() && t->primary_key_name == name) {
      return {catalog::kPgConstraintOid, ConstraintOid(t->oid, 0), 0};
    }
    for (size_t i = 0; i < t->checks.size(); ++i) {
      if (t->checks[i].name == name) {
        return {catalog::kPgConstraintOid, ConstraintOid(t->oid, static_cast<int>(i) + 1), 0};
      }
    }
    for (size_t i = 0; i < t->indexes.size(); ++i) {
      if (t->indexes[i].is_constraint && t->indexes[i].name == name) {
        return {catalog::kPgConstraintOid, UniqueConstraintOid(*t, i), 0};
      }
    }
    for (size_t i = 0; i < t->foreign_keys.size(); ++i) {
      if (t->foreign_keys[i].name == name) {
        return {catalog::kPgConstraintOid,
                ConstraintOid(t->oid, kForeignKeyConstraintBase + static_cast<int>(i)), 0};
      }
    }
  }
  throw SqlError(SqlState::kUndefinedObject,
                 "constraint \"" + name + "\" for table \"" + rv.name + "\" does not exist");
}

// COMMENT ON TRIGGER name ON table: the trigger's pg_trigger row.
catalog::CommentTarget TriggerTarget(const CommandContext& ctx,
                                     const ast::CommentStatement& stmt) {
  const std::string& name = stmt.name.back();
  const ast::RangeVar rv =
      RangeVarOf(std::vector<std::string>(stmt.name.begin(), stmt.name.end() - 1));
  const catalog::TableDesc* t = FindTable(ctx, rv);
  if (t == nullptr) (void)LookupRelation(ctx, rv);
  if (t != nullptr) {
    for (const catalog::TriggerDesc& tg : t->triggers) {
      if (tg.name == name) return {catalog::kPgTriggerOid, tg.oid, 0};
    }
  }
  throw SqlError(SqlState::kUndefinedObject,
                 "trigger \"" + name + "\" for table \"" + rv.name + "\" does not exist");
}

}  // namespace

StatementOutput ExecuteComment(CommandContext& ctx, const ast::CommentStatement& stmt) {
  StatementOutput result;
  result.command_tag = "COMMENT";
  catalog::CommentTarget target;
  switch (stmt.object_kind) {
    case Kind::kColumn:
      target = ColumnTarget(ctx, stmt);
      break;
    case Kind::kTableConstraint:
      target = ConstraintTarget(ctx, stmt);
      break;
    case Kind::kTrigger: {
      target = TriggerTarget(ctx, stmt);
      const catalog::TableDesc* t = FindTable(
          ctx, RangeVarOf(std::vector<std::string>(stmt.name.begin(), stmt.name.end() - 1)));
      CheckOwnership(*ctx.catalog, t->owner, "table", t->name);
      break;
    }
    case Kind::kSchema: {
      const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(stmt.name.back());
      if (ns == nullptr) {
        throw SqlError(SqlState::kInvalidSchemaName,
                       "schema \"" + stmt.name.back() + "\" does not exist");
      }
      target = {catalog::kPgNamespaceOid, ns->oid, 0};
      break;
    }
    case Kind::kFunction:
    case Kind::kProcedure:
      target = {catalog::kPgProcOid, LookupOneFunction(ctx, stmt.function).oid, 0};
      break;
    case Kind::kOperator: {
      bool builtin = false;
      const catalog::OperatorDesc* op = LookupOperator(ctx, stmt.op, false, &builtin);
      if (builtin) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "COMMENT ON a built-in operator is not supported yet");
      }
      CheckOwnership(*ctx.catalog, op->owner, "operator", op->name);
      target = {catalog::kPgOperatorOid, op->oid, 0};
      break;
    }
    case Kind::kDatabase: {
      const catalog::DatabaseDesc* db = ctx.catalog->FindDatabase(stmt.name.back());
      if (db == nullptr) {
        // PostgreSQL only warns (a dump restored under another database
        // name carries COMMENT ON DATABASE of the old one).
        if (ctx.notices != nullptr) {
          ctx.notices->push_back(WarningNotice(
              SqlState::kUndefinedDatabase, "database \"" + stmt.name.back() + "\" does not exist"));
        }
        return result;
      }
      CheckOwnership(*ctx.catalog, db->owner, "database", db->name);
      target = {catalog::kPgDatabaseOid, db->oid, 0};
      break;
    }
    default:
      target = RelationTarget(ctx, stmt);
      break;
  }
  // check_object_ownership: only the owner may comment on an object.
  if (target.classoid == catalog::kPgNamespaceOid) {
    if (const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(target.objoid)) {
      CheckOwnership(*ctx.catalog, SchemaOwner(*ctx.catalog, ns->oid), "schema", ns->name);
    }
  } else if (target.classoid == catalog::kPgClassOid) {
    RelationRef rel;
    if (target.objsubid != 0 && FindRelationByOid(*ctx.catalog, target.objoid, &rel)) {
      CheckOwnership(*ctx.catalog, RelationOwner(*ctx.catalog, target.objoid), "relation",
                     rel.name);
    } else {
      CheckRelationOwnership(*ctx.catalog, target.objoid);
    }
  }
  ctx.db->catalog()->PutComment(ctx.txn, target, stmt.comment);
  return result;
}

}  // namespace strata::sql
