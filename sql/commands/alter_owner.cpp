// ALTER TABLE / VIEW / SEQUENCE / SCHEMA ... OWNER TO, after PostgreSQL 15's
// ATExecChangeOwner and AlterSchemaOwner_internal: the object and the role
// are looked up first; OWNER TO the current owner changes nothing (pg_dump
// writes it after every object). Otherwise a non-superuser must own the
// object, be a member of the new owner, and the new owner needs CREATE on
// the schema (a schema: CREATE on the database, which only superusers and
// the database owner hold, as GRANT ON DATABASE is not supported yet). The
// stored ACL follows the owner (aclnewowner); a table's serial sequences
// change owner with it, its indexes have no owner of their own.
#include "sql/commands/alter_owner.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

using catalog::AclItem;
using catalog::Oid;

// The role OWNER TO names: 42704 if there is none.
Oid NewOwner(const CommandContext& ctx, const ast::AlterOwnerStatement& stmt) {
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
    case 'd': return "ALTER DATABASE";
    case 'S': return "ALTER SEQUENCE";
    case 'v': return "ALTER VIEW";
    default: return "ALTER TABLE";
  }
}

// The permission checks before an owner changes (superusers pass them).
void CheckOwnerChange(const CommandContext& ctx, Oid old_owner, Oid new_owner, const char* what,
                      const std::string& name, const catalog::NamespaceDesc* ns) {
  const Oid current = CurrentUserOid(*ctx.catalog);
  if (RoleIsSuperuser(*ctx.catalog, current)) return;
  CheckOwnership(*ctx.catalog, old_owner, what, name);
  if (!IsMemberOfRole(*ctx.catalog, current, new_owner)) {
    throw SqlError(SqlState::kInsufficientPrivilege,
                   "must be member of role \"" + RoleName(new_owner) + "\"");
  }
  if (ns == nullptr) {
    // A schema's new owner needs CREATE on the database.
    if (!RoleHasDatabasePrivileges(*ctx.catalog, new_owner, ctx.db->oid(), catalog::kAclCreate)) {
      throw SqlError(SqlState::kInsufficientPrivilege,
                     "permission denied for database " + ctx.db->name());
    }
    return;
  }
  if (!RoleHasSchemaPrivileges(*ctx.catalog, new_owner, *ns, catalog::kAclCreate)) {
    throw SqlError(SqlState::kInsufficientPrivilege, "permission denied for schema " + ns->name);
  }
}

// aclnewowner: the old owner's entries (as grantee or grantor) become the
// new owner's, merged with any the new owner already had.
void MoveAcl(CommandContext& ctx, const catalog::AclTarget& target, Oid old_owner,
             Oid new_owner) {
  std::optional<std::vector<AclItem>> stored = StoredAcl(*ctx.catalog, target);
  if (!stored) return;  // a NULL acl: the defaults follow the owner
  std::vector<AclItem> out;
  for (AclItem item : *stored) {
    if (item.grantee == old_owner) item.grantee = new_owner;
    if (item.grantor == old_owner) item.grantor = new_owner;
    auto same = std::find_if(out.begin(), out.end(), [&](const AclItem& o) {
      return o.grantee == item.grantee && o.grantor == item.grantor;
    });
    if (same == out.end()) {
      out.push_back(item);
    } else {
      same->privileges |= item.privileges;
      same->grant_options |= item.grant_options;
    }
  }
  ctx.db->catalog()->PutAcl(ctx.txn, target, out);
}

}  // namespace

StatementOutput ExecuteAlterOwner(CommandContext& ctx, const ast::AlterOwnerStatement& stmt) {
  StatementOutput result;
  result.command_tag = TargetTag(stmt.target);
  catalog::Catalog* catalog = ctx.db->catalog();
  if (stmt.target == 'n') {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(stmt.schema_name);
    if (ns == nullptr) {
      throw SqlError(SqlState::kInvalidSchemaName,
                     "schema \"" + stmt.schema_name + "\" does not exist");
    }
    const Oid old_owner = SchemaOwner(*ctx.catalog, ns->oid);
    const Oid new_owner = NewOwner(ctx, stmt);
    if (new_owner == old_owner) return result;
    CheckOwnerChange(ctx, old_owner, new_owner, "schema", ns->name, nullptr);
    catalog::NamespaceDesc changed = *ns;
    changed.owner = new_owner;
    MoveAcl(ctx, SchemaAclTarget(ns->oid), old_owner, new_owner);
    catalog->PutNamespace(ctx.txn, changed);
    return result;
  }
  if (stmt.target == 'd') {
    // AlterDatabaseOwner: the owner (or a superuser), a member of the new
    // owner, which needs CREATEDB; the ACL follows as for other objects.
    const catalog::DatabaseDesc* db = ctx.catalog->FindDatabase(stmt.schema_name);
    if (db == nullptr) {
      throw SqlError(SqlState::kUndefinedDatabase,
                     "database \"" + stmt.schema_name + "\" does not exist");
    }
    const Oid new_owner = NewOwner(ctx, stmt);
    if (new_owner == db->owner) return result;
    const Oid current = CurrentUserOid(*ctx.catalog);
    if (!RoleIsSuperuser(*ctx.catalog, current)) {
      CheckOwnership(*ctx.catalog, db->owner, "database", db->name);
      if (!IsMemberOfRole(*ctx.catalog, current, new_owner)) {
        throw SqlError(SqlState::kInsufficientPrivilege,
                       "must be member of role \"" + RoleName(new_owner) + "\"");
      }
      const catalog::RoleDesc* me = FindRoleByOid(*ctx.catalog, current);
      if (me == nullptr || !me->create_db) {
        throw SqlError(SqlState::kInsufficientPrivilege,
                       "permission denied to change owner of database");
      }
    }
    catalog::DatabaseDesc changed = *db;
    changed.owner = new_owner;
    MoveAcl(ctx, DatabaseAclTarget(db->oid), db->owner, new_owner);
    catalog->PutDatabase(ctx.txn, changed, /*is_new=*/false);
    return result;
  }
  const ast::RangeVar& rv = stmt.relation;
  const catalog::NamespaceDesc* ns = RelationSchema(ctx, rv);
  const catalog::TableDesc* table = nullptr;
  const catalog::SequenceDesc* seq = nullptr;
  const catalog::ViewDesc* view = nullptr;
  if (ns != nullptr) {
    table = ctx.catalog->FindTable(ns->oid, rv.name);
    if (table == nullptr) seq = ctx.catalog->FindSequence(ns->oid, rv.name);
    if (table == nullptr && seq == nullptr) view = ctx.catalog->FindView(ns->oid, rv.name);
  }
  if (table == nullptr && seq == nullptr && view == nullptr) {
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
  if (stmt.target == 'S' && seq == nullptr) {
    throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not a sequence");
  }
  if (stmt.target == 'v' && view == nullptr) {
    throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not a view");
  }
  const Oid oid = table != nullptr ? table->oid : seq != nullptr ? seq->oid : view->oid;
  const Oid old_owner = table != nullptr ? table->owner : seq != nullptr ? seq->owner : view->owner;
  const std::string& name = table != nullptr ? table->name : seq != nullptr ? seq->name : view->name;
  const char* what = seq != nullptr ? "sequence" : view != nullptr ? "view" : "table";
  const Oid new_owner = NewOwner(ctx, stmt);
  if (new_owner == old_owner) return result;
  CheckOwnerChange(ctx, old_owner, new_owner, what, name, ns);
  MoveAcl(ctx, RelationAclTarget(oid), old_owner, new_owner);
  if (table != nullptr) {
    catalog::TableDesc changed = *table;
    changed.owner = new_owner;
    catalog->PutTable(ctx.txn, changed);
    // change_owner_recurse_to_sequences: the serial sequences it owns.
    for (const auto& [seq_oid, owned] : ctx.catalog->sequences()) {
      if (owned.owner_table != table->oid || owned.owner == new_owner) continue;
      MoveAcl(ctx, RelationAclTarget(seq_oid), owned.owner, new_owner);
      catalog::SequenceDesc moved = owned;
      moved.owner = new_owner;
      catalog->PutSequence(ctx.txn, moved, false);
    }
  } else if (seq != nullptr) {
    catalog::SequenceDesc changed = *seq;
    changed.owner = new_owner;
    catalog->PutSequence(ctx.txn, changed, false);
  } else {
    catalog::ViewDesc changed = *view;
    changed.owner = new_owner;
    catalog->PutView(ctx.txn, changed);
  }
  return result;
}

}  // namespace strata::sql
