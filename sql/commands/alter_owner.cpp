// ALTER ... OWNER TO. Owners are not recorded yet: every relation and
// schema belongs to the bootstrap superuser, except public, which belongs
// to pg_database_owner (as pg_class / pg_namespace show). OWNER TO the
// current owner changes nothing, as in PostgreSQL, and succeeds (pg_dump
// writes it after every object); any other owner is 0A000. The object and
// the role are checked first, with PostgreSQL's errors.
#include "sql/commands/alter_owner.h"

#include <string>

#include "common/sql_error.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

// The role OWNER TO names: 42704 if there is none.
catalog::Oid NewOwner(const CommandContext& ctx, const ast::AlterOwnerStatement& stmt) {
  const std::string name = !stmt.owner_special.empty()
                               ? (stmt.owner_special == "session_user" ? SessionUserName()
                                                                       : CurrentUserName())
                               : stmt.new_owner;
  const catalog::RoleDesc* role = FindRoleByName(*ctx.catalog, name);
  if (role == nullptr) {
    throw SqlError(SqlState::kUndefinedObject, "role \"" + name + "\" does not exist");
  }
  return role->oid;
}

const char* TargetTag(char target) {
  switch (target) {
    case 'n': return "ALTER SCHEMA";
    case 'S': return "ALTER SEQUENCE";
    case 'v': return "ALTER VIEW";
    default: return "ALTER TABLE";
  }
}

}  // namespace

StatementOutput ExecuteAlterOwner(CommandContext& ctx, const ast::AlterOwnerStatement& stmt) {
  StatementOutput result;
  result.command_tag = TargetTag(stmt.target);
  catalog::Oid owner = kBootstrapRoleOid;
  const char* what = "schema";
  if (stmt.target == 'n') {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(stmt.schema_name);
    if (ns == nullptr) {
      throw SqlError(SqlState::kInvalidSchemaName,
                     "schema \"" + stmt.schema_name + "\" does not exist");
    }
    if (ns->oid == catalog::kPublicNamespace) owner = kDatabaseOwnerRoleOid;
  } else {
    const ast::RangeVar& rv = stmt.relation;
    const catalog::NamespaceDesc* ns = RelationSchema(ctx, rv);
    char relkind = 0;
    if (ns != nullptr) {
      if (ctx.catalog->FindTable(ns->oid, rv.name) != nullptr) relkind = 'r';
      else if (ctx.catalog->FindSequence(ns->oid, rv.name) != nullptr) relkind = 'S';
      else if (ctx.catalog->FindView(ns->oid, rv.name) != nullptr) relkind = 'v';
    }
    if (relkind == 0) {
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "relation \"" + rv.name + "\" does not exist, skipping");
        return result;
      }
      const std::string name = rv.schema.empty() ? rv.name : rv.schema + "." + rv.name;
      throw SqlError(SqlState::kUndefinedTable, "relation \"" + name + "\" does not exist");
    }
    // ALTER TABLE takes any relation; ALTER SEQUENCE and ALTER VIEW only
    // their own kind.
    if (stmt.target == 'S' && relkind != 'S') {
      throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not a sequence");
    }
    if (stmt.target == 'v' && relkind != 'v') {
      throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not a view");
    }
    what = relkind == 'S' ? "sequence" : relkind == 'v' ? "view" : "table";
  }
  if (NewOwner(ctx, stmt) != owner) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   std::string("changing the owner of a ") + what + " is not supported yet");
  }
  return result;
}

}  // namespace strata::sql
