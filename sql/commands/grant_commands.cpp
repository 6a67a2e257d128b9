// GRANT/REVOKE on tables, views, sequences, schemas and databases, and on
// the columns of tables and views (see grant_commands.h). The order of
// checks and the texts follow PostgreSQL 15's aclchk.c (ExecuteGrantStmt,
// ExecGrant_Relation, ExecGrant_Attribute, ExecGrant_Namespace,
// ExecGrant_Database) and acl.c (aclupdate): objects are looked up first,
// then the grantees, then the privilege names; a relation's own list is
// updated before its columns' lists.
//
// A column's list (pg_attribute.attacl) starts empty -- columns have no
// default privileges, the table's cover them -- and is removed when a
// REVOKE empties it (NULL attacl), as ExecGrant_Attribute does.
//
// The grantor: an object's owner (or a superuser, or a member with the
// owner's privileges) grants as the owner, as select_best_grantor decides.
// A grantor that is none of those would act through grant options it was
// given: that is 0A000 for now. Without any, it grants nothing (a WARNING)
// if it holds some privilege on the object, else 42501, as PostgreSQL.
#include "sql/commands/grant_commands.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

using catalog::AclItem;
using catalog::AclTarget;
using catalog::Oid;

// One object a GRANT names: its ACL target, owner, every privilege it can
// hold, and how errors name it ("table", "t").
struct GrantObject {
  AclTarget target;
  Oid owner = 0;
  uint32_t all = 0;
  std::string kind;  // "table" or "schema" (aclcheck_error's object kinds)
  std::string name;
};

void Reload(CommandContext& ctx) {
  auto loaded = ctx.db->catalog()->LoadThrough(ctx.txn);
  if (!loaded.ok()) ThrowStatus(loaded.status());
  ctx.catalog = std::move(loaded).value();
}

SqlError NoSuchRole(const std::string& name) {
  return SqlError(SqlState::kUndefinedObject, "role \"" + name + "\" does not exist");
}

// get_rolespec_oid, with PUBLIC as the PUBLIC grantee (OID 0).
Oid GranteeOid(const CommandContext& ctx, const ast::RoleSpec& spec) {
  std::string name;
  switch (spec.kind) {
    case ast::RoleSpec::Kind::kPublic:
      return catalog::kAclPublic;
    case ast::RoleSpec::Kind::kName:
      name = spec.name;
      break;
    case ast::RoleSpec::Kind::kCurrentRole:
    case ast::RoleSpec::Kind::kCurrentUser:
      name = CurrentUserName();
      break;
    case ast::RoleSpec::Kind::kSessionUser:
      name = SessionUserName();
      break;
  }
  const catalog::RoleDesc* r = FindRoleByName(*ctx.catalog, name);
  if (r == nullptr) throw NoSuchRole(name);
  return r->oid;
}

GrantObject TableObject(const catalog::CatalogSnapshot& catalog, Oid oid,
                        const std::string& name) {
  return GrantObject{RelationAclTarget(oid), RelationOwner(catalog, oid), catalog::kAclAllTable,
                     "table", name};
}

// Every privilege a sequence can hold (rwU).
constexpr uint32_t kAclAllSequence = catalog::kAclSelect | catalog::kAclUpdate | catalog::kAclUsage;
// Every privilege a column can hold (arwx).
constexpr uint32_t kAclAllColumn =
    catalog::kAclInsert | catalog::kAclSelect | catalog::kAclUpdate | catalog::kAclReferences;

GrantObject SequenceObject(const catalog::CatalogSnapshot& catalog,
                           const catalog::SequenceDesc& seq) {
  (void)catalog;
  return GrantObject{RelationAclTarget(seq.oid), seq.owner, kAclAllSequence, "sequence", seq.name};
}

// GRANT ... ON SEQUENCE / ALL SEQUENCES IN SCHEMA (the parser gives them
// as "other" objects, named by these words).
bool OnSequences(const ast::RoleStatement& stmt) {
  return stmt.object_type == ast::RoleStatement::ObjectType::kOther &&
         (stmt.object_words == "SEQUENCE" || stmt.object_words == "ALL SEQUENCES IN SCHEMA");
}

// GRANT ... ON DATABASE d, ... (the names come in `schemas`).
bool OnDatabases(const ast::RoleStatement& stmt) {
  return stmt.object_type == ast::RoleStatement::ObjectType::kOther &&
         stmt.object_words == "DATABASE";
}

// A database pg_database lists; 3D000 for any other name.
GrantObject DatabaseObject(const catalog::CatalogSnapshot& catalog, const std::string& name) {
  const std::optional<Oid> oid = FindDatabaseOid(catalog, name);
  if (!oid) {
    throw SqlError(SqlState::kUndefinedDatabase, "database \"" + name + "\" does not exist");
  }
  return GrantObject{DatabaseAclTarget(*oid), DatabaseOwner(catalog, *oid), kAclAllDatabase,
                     "database",
                     name};
}

GrantObject SchemaObject(const catalog::CatalogSnapshot& catalog,
                         const catalog::NamespaceDesc& ns) {
  return GrantObject{SchemaAclTarget(ns.oid), SchemaOwner(catalog, ns.oid),
                     catalog::kAclAllSchema, "schema", ns.name};
}

void RefuseBuiltinSchema(const catalog::NamespaceDesc& ns) {
  if (ns.oid == catalog::kPgCatalogNamespace || ns.oid == catalog::kInformationSchemaNamespace ||
      ns.name == "pg_toast") {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "privileges on objects of schema " + ns.name + " are not supported yet");
  }
}

const catalog::NamespaceDesc& LookupSchema(const CommandContext& ctx, const std::string& name) {
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(name);
  if (ns == nullptr) {
    throw SqlError(SqlState::kUndefinedSchema, "schema \"" + name + "\" does not exist");
  }
  return *ns;
}

// objectNamesToOids / objectsInSchemaToOids for tables and schemas.
std::vector<GrantObject> ResolveObjects(const CommandContext& ctx, const ast::RoleStatement& stmt) {
  std::vector<GrantObject> out;
  const catalog::CatalogSnapshot& catalog = *ctx.catalog;
  if (OnDatabases(stmt)) {
    for (const std::string& name : stmt.schemas) out.push_back(DatabaseObject(catalog, name));
    return out;
  }
  if (stmt.object_type == ast::RoleStatement::ObjectType::kSchema) {
    for (const std::string& name : stmt.schemas) {
      const catalog::NamespaceDesc& ns = LookupSchema(ctx, name);
      RefuseBuiltinSchema(ns);
      out.push_back(SchemaObject(catalog, ns));
    }
    return out;
  }
  const bool sequences = OnSequences(stmt);
  if (stmt.all_in_schema && sequences) {
    for (const std::string& name : stmt.schemas) {
      const catalog::NamespaceDesc& ns = LookupSchema(ctx, name);
      RefuseBuiltinSchema(ns);
      for (const auto& [oid, seq] : catalog.sequences()) {
        if (seq.namespace_oid == ns.oid) out.push_back(SequenceObject(catalog, seq));
      }
    }
    return out;
  }
  if (stmt.all_in_schema) {
    for (const std::string& name : stmt.schemas) {
      const catalog::NamespaceDesc& ns = LookupSchema(ctx, name);
      RefuseBuiltinSchema(ns);
      std::vector<std::pair<Oid, std::string>> rels;
      for (const catalog::TableDesc* t : catalog.TablesIn(ns.oid)) rels.emplace_back(t->oid, t->name);
      for (const catalog::ViewDesc* v : catalog.ViewsIn(ns.oid)) rels.emplace_back(v->oid, v->name);
      std::sort(rels.begin(), rels.end());
      for (const auto& [oid, rel_name] : rels) out.push_back(TableObject(catalog, oid, rel_name));
    }
    return out;
  }
  for (const ast::RangeVar& rv : stmt.tables) {
    const catalog::NamespaceDesc* seq_ns = RelationSchema(ctx, rv);
    const catalog::SequenceDesc* seq =
        seq_ns != nullptr ? catalog.FindSequence(seq_ns->oid, rv.name) : nullptr;
    if (sequences && seq == nullptr &&
        (FindTable(ctx, rv) != nullptr || FindView(ctx, rv) != nullptr)) {
      throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not a sequence");
    }
    if (seq != nullptr && FindTable(ctx, rv) == nullptr) {
      out.push_back(SequenceObject(catalog, *seq));
      continue;
    }
    if (const catalog::TableDesc* t = FindTable(ctx, rv)) {
      out.push_back(TableObject(catalog, t->oid, t->name));
      continue;
    }
    if (const catalog::ViewDesc* v = FindView(ctx, rv)) {
      out.push_back(TableObject(catalog, v->oid, v->name));
      continue;
    }
    const catalog::NamespaceDesc* ns = seq_ns;
    if (ns != nullptr) RefuseBuiltinSchema(*ns);
    RelationRef rel;
    if (rv.schema.empty() && FindRelationInPath(catalog, rv.name, &rel)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "privileges on system relations are not supported yet");
    }
    ast::RangeVar unplaced = rv;
    unplaced.location = -1;  // PostgreSQL's error here has no position
    LookupTable(ctx, unplaced);  // 42P01 relation "x" does not exist
  }
  return out;
}

// string_to_privilege: the bit of a privilege's name (42601 for a name
// that is none).
uint32_t PrivilegeBit(const std::string& name) {
  struct Named {
    const char* name;
    uint32_t bit;
  };
  static constexpr Named kNames[] = {
      {"insert", catalog::kAclInsert},     {"select", catalog::kAclSelect},
      {"update", catalog::kAclUpdate},     {"delete", catalog::kAclDelete},
      {"truncate", catalog::kAclTruncate}, {"references", catalog::kAclReferences},
      {"trigger", catalog::kAclTrigger},   {"execute", 1u << 7},
      {"usage", catalog::kAclUsage},       {"create", catalog::kAclCreate},
      {"temporary", kAclCreateTemp},       {"temp", kAclCreateTemp},
      {"connect", kAclConnect},            {"set", 1u << 12},
      {"alter system", 1u << 13}};
  for (const Named& n : kNames) {
    if (name == n.name) return n.bit;
  }
  throw SqlError(SqlState::kSyntaxError, "unrecognized privilege type \"" + name + "\"");
}

// privilege_to_string: how errors name a privilege ("TEMPORARY" for temp).
std::string PrivilegeWord(const std::string& name) {
  std::string upper = name == "temp" ? "TEMPORARY" : name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

// string_to_privilege, then the object kind's check.
uint32_t PrivilegeBits(const ast::RoleStatement& stmt) {
  const bool schema = stmt.object_type == ast::RoleStatement::ObjectType::kSchema;
  const bool sequence = OnSequences(stmt);
  const bool database = OnDatabases(stmt);
  if (stmt.privileges.empty()) {
    return schema     ? catalog::kAclAllSchema
           : sequence ? kAclAllSequence
           : database ? kAclAllDatabase
                      : catalog::kAclAllTable;
  }
  uint32_t bits = 0;
  for (const ast::RoleStatement::Privilege& p : stmt.privileges) {
    if (p.columns && (schema || sequence || database)) {
      throw SqlError(SqlState::kInvalidGrantOperation,
                     "column privileges are only valid for relations");
    }
    // Column privileges are checked per relation (ExecGrant_Relation).
    if (p.columns) continue;
    const uint32_t bit = PrivilegeBit(p.name);
    const std::string upper = PrivilegeWord(p.name);
    if (schema && (bit & catalog::kAclAllSchema) == 0) {
      throw SqlError(SqlState::kInvalidGrantOperation,
                     "invalid privilege type " + upper + " for schema");
    }
    if (database && (bit & kAclAllDatabase) == 0) {
      throw SqlError(SqlState::kInvalidGrantOperation,
                     "invalid privilege type " + upper + " for database");
    }
    if (sequence && (bit & kAclAllSequence) == 0) {
      throw SqlError(SqlState::kInvalidGrantOperation,
                     "invalid privilege type " + upper + " for sequence");
    }
    // USAGE is a sequence privilege: ExecuteGrantStmt lets it through and
    // ExecGrant_Relation refuses it for a table (ObjectPrivileges).
    if (!schema && !sequence && !database &&
        (bit & (catalog::kAclAllTable | catalog::kAclUsage)) == 0) {
      throw SqlError(SqlState::kInvalidGrantOperation,
                     "invalid privilege type " + upper + " for relation");
    }
    bits |= bit;
  }
  return bits;
}

// aclupdate for one grantee: adds or removes `privs` (or only their grant
// options) on the (grantee, grantor) item; an item left without privileges
// is removed.
void UpdateAcl(std::vector<AclItem>* acl, bool grant, bool grant_option, Oid grantee, Oid grantor,
               uint32_t privs) {
  auto it = std::find_if(acl->begin(), acl->end(), [&](const AclItem& item) {
    return item.grantee == grantee && item.grantor == grantor;
  });
  if (grant) {
    if (it == acl->end()) {
      acl->push_back(AclItem{grantee, grantor, 0, 0});
      it = acl->end() - 1;
    }
    it->privileges |= privs;
    if (grant_option) it->grant_options |= privs;
    return;
  }
  if (it == acl->end()) return;
  it->grant_options &= ~privs;
  if (!grant_option) it->privileges &= ~privs;
  if (it->privileges == 0) acl->erase(it);
}

// The privilege bit of a column privilege's name (ALL: every column
// privilege), as ExecGrant_Relation checks it: a name that is no privilege
// is 42601, one columns cannot hold 0LP01.
uint32_t ColumnPrivilegeBits(const ast::RoleStatement::Privilege& p) {
  if (p.name.empty()) return kAclAllColumn;
  const uint32_t bit = PrivilegeBit(p.name);
  if ((bit & kAclAllColumn) == 0) {
    throw SqlError(SqlState::kInvalidGrantOperation,
                   "invalid privilege type " + PrivilegeWord(p.name) + " for column");
  }
  return bit;
}

// The live columns of a table or view, by name: their attnums (a view's
// columns are numbered from 1 in order).
std::vector<std::pair<std::string, int16_t>> RelationColumnNumbers(
    const catalog::CatalogSnapshot& catalog, Oid relation) {
  std::vector<std::pair<std::string, int16_t>> out;
  if (const catalog::TableDesc* t = catalog.FindTable(relation)) {
    for (const catalog::ColumnDesc& c : t->columns) {
      if (!c.dropped) out.emplace_back(c.name, c.attnum);
    }
  } else if (const catalog::ViewDesc* v = catalog.FindView(relation)) {
    for (size_t i = 0; i < v->columns.size(); ++i) {
      out.emplace_back(v->columns[i].name, static_cast<int16_t>(i + 1));
    }
  }
  return out;
}

// ExecGrant_Relation's column part: the privileges each column named by
// `stmt` gains or loses (expand_col_privileges), and on REVOKE of table
// privileges that columns can hold, the same privileges of every column
// (expand_all_col_privileges: revoking on the table revokes on its
// columns, per the SQL standard). attnum -> bits.
std::map<int16_t, uint32_t> ColumnChanges(const CommandContext& ctx,
                                          const ast::RoleStatement& stmt,
                                          const GrantObject& object, uint32_t table_privs,
                                          bool grant) {
  std::map<int16_t, uint32_t> changes;
  const auto columns = RelationColumnNumbers(*ctx.catalog, object.target.objoid);
  if (!grant && (table_privs & kAclAllColumn) != 0) {
    for (const auto& [name, attnum] : columns) changes[attnum] |= table_privs & kAclAllColumn;
  }
  for (const ast::RoleStatement::Privilege& p : stmt.privileges) {
    if (!p.columns) continue;
    const uint32_t bits = ColumnPrivilegeBits(p);
    if (object.kind == "sequence") {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "column privileges on sequences are not supported yet");
    }
    for (const std::string& name : p.column_names) {
      auto it = std::find_if(columns.begin(), columns.end(),
                             [&](const auto& c) { return c.first == name; });
      if (it == columns.end()) {
        throw SqlError(SqlState::kUndefinedColumn, "column \"" + name + "\" of relation \"" +
                                                       object.name + "\" does not exist");
      }
      changes[it->second] |= bits;
    }
  }
  return changes;
}

// ExecGrant_Attribute for each column of `changes`: the column's list
// (none stored: empty, acldefault for columns) updated for every grantee,
// granted by the table's owner; a list left empty is removed (a NULL
// attacl).
void GrantColumns(CommandContext& ctx, const ast::RoleStatement& stmt, const GrantObject& object,
                  const std::vector<Oid>& grantees, const std::map<int16_t, uint32_t>& changes,
                  bool grant) {
  const Oid current = CurrentUserOid(*ctx.catalog);
  const bool owner_rights =
      RoleIsSuperuser(*ctx.catalog, current) || HasPrivsOfRole(*ctx.catalog, current, object.owner);
  for (const auto& [attnum, privs] : changes) {
    const AclTarget target = ColumnAclTarget(object.target.objoid, attnum);
    const std::vector<AclItem>* stored = ctx.catalog->FindAcl(target);
    std::vector<AclItem> acl = stored != nullptr ? *stored : std::vector<AclItem>{};
    if (!owner_rights) {
      // select_best_grantor / restrict_and_check_grant for a role that is
      // not the owner: acting through grant options is not supported;
      // without them, a role holding no privilege on the column (nor on its
      // table) is refused, and one holding some changes nothing.
      std::vector<AclItem> table_acl =
          EffectiveAcl(*ctx.catalog, object.target, object.owner, object.all);
      std::string column_name;
      for (const auto& [name, number] : RelationColumnNumbers(*ctx.catalog, target.objoid)) {
        if (number == attnum) column_name = name;
      }
      if (AclGrantOptionMask(*ctx.catalog, table_acl, current, kAclAllColumn) != 0 ||
          ColumnGrantOptionMask(*ctx.catalog, target.objoid, attnum, current, kAclAllColumn) !=
              0) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "GRANT and REVOKE through grant options are not supported yet");
      }
      if (ObjectAclMask(*ctx.catalog, object.target, table_acl, current, kAclAllColumn) == 0 &&
          ColumnAclMask(*ctx.catalog, target.objoid, attnum, current, kAclAllColumn) == 0) {
        throw SqlError(SqlState::kInsufficientPrivilege, "permission denied for column \"" +
                                                             column_name + "\" of relation \"" +
                                                             object.name + "\"");
      }
      if (ctx.notices != nullptr) {
        SqlErrorFields warning;
        warning.severity = ErrorSeverity::kWarning;
        warning.sqlstate = grant ? SqlState::kWarningPrivilegeNotGranted
                                 : SqlState::kWarningPrivilegeNotRevoked;
        warning.message = (grant ? "no privileges were granted for column \""
                                 : "no privileges could be revoked for column \"") +
                          column_name + "\" of relation \"" + object.name + "\"";
        ctx.notices->push_back(std::move(warning));
      }
      continue;
    }
    for (Oid grantee : grantees) {
      if (grant && stmt.grant_option && grantee == catalog::kAclPublic) {
        throw SqlError(SqlState::kInvalidGrantOperation,
                       "grant options can only be granted to roles");
      }
      UpdateAcl(&acl, grant, stmt.grant_option, grantee, object.owner, privs);
    }
    if (acl.empty()) {
      if (stored != nullptr) ctx.db->catalog()->DeleteAcl(ctx.txn, target);
    } else {
      ctx.db->catalog()->PutAcl(ctx.txn, target, acl);
    }
    Reload(ctx);
  }
}

}  // namespace

uint32_t GrantPrivilegeBits(const ast::RoleStatement& stmt) { return PrivilegeBits(stmt); }

Oid GrantGranteeOid(const CommandContext& ctx, const ast::RoleSpec& spec) {
  return GranteeOid(ctx, spec);
}

void ApplyAclChange(std::vector<AclItem>* acl, bool grant, bool grant_option, Oid grantee,
                    Oid grantor, uint32_t privs) {
  UpdateAcl(acl, grant, grant_option, grantee, grantor, privs);
}

StatementOutput ExecuteGrantObjects(CommandContext& ctx, const ast::RoleStatement& stmt) {
  StatementOutput result;
  const bool grant = stmt.action == ast::RoleStatement::Action::kGrantObject;
  result.command_tag = grant ? "GRANT" : "REVOKE";
  const Oid current = CurrentUserOid(*ctx.catalog);
  if (stmt.grantor) {
    if (GranteeOid(ctx, *stmt.grantor) != current) {
      throw SqlError(SqlState::kFeatureNotSupported, "grantor must be current user");
    }
  }
  if (stmt.object_type == ast::RoleStatement::ObjectType::kOther && !OnSequences(stmt) &&
      !OnDatabases(stmt)) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "GRANT and REVOKE on " + stmt.object_words + " are not supported yet");
  }
  const std::vector<GrantObject> objects = ResolveObjects(ctx, stmt);
  std::vector<Oid> grantees;
  for (const ast::RoleSpec& spec : stmt.grantees) grantees.push_back(GranteeOid(ctx, spec));
  const uint32_t privs = PrivilegeBits(stmt);
  const bool superuser = RoleIsSuperuser(*ctx.catalog, current);
  for (const GrantObject& object : objects) {
    // ExecGrant_Relation: the privileges this object can hold. USAGE on a
    // table is an error; a sequence named ON TABLE takes only its own, with
    // a WARNING for the rest (none for ALL).
    uint32_t object_privs = stmt.privileges.empty() ? object.all : privs;
    if (object.kind == "table" && (object_privs & catalog::kAclUsage) != 0) {
      throw SqlError(SqlState::kInvalidGrantOperation, "invalid privilege type USAGE for table");
    }
    if (object.kind == "sequence" && (object_privs & ~kAclAllSequence) != 0) {
      if (ctx.notices != nullptr) {
        SqlErrorFields warning;
        warning.severity = ErrorSeverity::kWarning;
        warning.sqlstate = SqlState::kInvalidGrantOperation;
        warning.message = "sequence \"" + object.name +
                          "\" only supports USAGE, SELECT, and UPDATE privileges";
        ctx.notices->push_back(std::move(warning));
      }
      object_privs &= kAclAllSequence;
    }
    const bool relation = object.kind == "table" || object.kind == "sequence";
    // The columns' changes, and their errors, are known before anything
    // is stored (PostgreSQL refuses the whole statement on any of them).
    const std::map<int16_t, uint32_t> column_changes =
        relation ? ColumnChanges(ctx, stmt, object, object_privs & object.all, grant)
                 : std::map<int16_t, uint32_t>{};
    // The relation-level privileges, when the statement names any (a
    // statement of column privileges only leaves the relation's list as
    // it is).
    auto update_object = [&] {
      std::vector<AclItem> acl = EffectiveAcl(*ctx.catalog, object.target, object.owner, object.all);
      if (!superuser && !HasPrivsOfRole(*ctx.catalog, current, object.owner)) {
        if (AclGrantOptionMask(*ctx.catalog, acl, current, object.all) != 0) {
          throw SqlError(SqlState::kFeatureNotSupported,
                         "GRANT and REVOKE through grant options are not supported yet");
        }
        // restrict_and_check_grant: without grant options a role holding no
        // privilege on the object is refused; one holding some grants (or
        // revokes) nothing, with a WARNING, and the list is stored as is.
        if (ObjectAclMask(*ctx.catalog, object.target, acl, current, object.all) == 0) {
          throw SqlError(SqlState::kInsufficientPrivilege,
                         "permission denied for " + object.kind + " " + object.name);
        }
        if (ctx.notices != nullptr) {
          SqlErrorFields warning;
          warning.severity = ErrorSeverity::kWarning;
          warning.sqlstate = grant ? SqlState::kWarningPrivilegeNotGranted
                                   : SqlState::kWarningPrivilegeNotRevoked;
          warning.message = (grant ? "no privileges were granted for \""
                                   : "no privileges could be revoked for \"") +
                            object.name + "\"";
          ctx.notices->push_back(std::move(warning));
        }
        ctx.db->catalog()->PutAcl(ctx.txn, object.target, acl);
        Reload(ctx);
        return;
      }
      for (Oid grantee : grantees) {
        if (grant && stmt.grant_option && grantee == catalog::kAclPublic) {
          throw SqlError(SqlState::kInvalidGrantOperation,
                         "grant options can only be granted to roles");
        }
        UpdateAcl(&acl, grant, stmt.grant_option, grantee, object.owner, object_privs & object.all);
      }
      ctx.db->catalog()->PutAcl(ctx.txn, object.target, acl);
      Reload(ctx);
    };
    if ((object_privs & object.all) != 0) update_object();
    if (!column_changes.empty()) GrantColumns(ctx, stmt, object, grantees, column_changes, grant);
  }
  return result;
}

void CheckNoPrivilegesReferTo(const CommandContext& ctx, Oid role, const std::string& role_name) {
  const catalog::CatalogSnapshot& catalog = *ctx.catalog;
  // PostgreSQL lists pg_shdepend's rows, in about the order the grants
  // were first made; object OID order is the closest we keep.
  std::vector<std::pair<Oid, std::string>> lines;
  // The name getObjectDescription gives a relation: qualified unless the
  // search path reaches it.
  auto relation_name = [&](const RelationRef& rel) {
    RelationRef visible;
    if (!FindRelationInPath(catalog, rel.name, &visible) || visible.oid != rel.oid) {
      if (const catalog::NamespaceDesc* ns = catalog.FindNamespace(rel.namespace_oid)) {
        return ns->name + "." + rel.name;
      }
    }
    return rel.name;
  };
  // Objects the role owns (pg_shdepend's owner rows), each before its
  // privileges.
  for (const auto& [oid, db] : catalog.databases()) {
    if (db.owner == role) lines.emplace_back(oid, "owner of database " + db.name);
  }
  for (const auto& [oid, ns] : catalog.namespaces()) {
    if (ns.owner == role) lines.emplace_back(oid, "owner of schema " + ns.name);
  }
  auto owned = [&](Oid oid, Oid owner) {
    RelationRef rel;
    if (owner != role || !FindRelationByOid(catalog, oid, &rel)) return;
    const char* kind = rel.relkind == 'v' ? "view" : rel.relkind == 'S' ? "sequence" : "table";
    lines.emplace_back(oid, std::string("owner of ") + kind + " " + relation_name(rel));
  };
  for (const auto& [oid, t] : catalog.tables()) owned(oid, t->owner);
  for (const auto& [oid, v] : catalog.views()) owned(oid, v->owner);
  for (const auto& [oid, seq] : catalog.sequences()) owned(oid, seq.owner);
  for (const auto& [target, acl] : catalog.acls()) {
    const bool mentioned = std::any_of(acl.begin(), acl.end(), [&](const AclItem& item) {
      return item.grantee == role || item.grantor == role;
    });
    if (!mentioned) continue;
    if (target.classoid == catalog::kPgDatabaseOid) {
      if (const catalog::DatabaseDesc* db = catalog.FindDatabase(target.objoid)) {
        lines.emplace_back(target.objoid, "privileges for database " + db->name);
      }
      continue;
    }
    if (target.classoid == catalog::kPgNamespaceOid) {
      if (const catalog::NamespaceDesc* ns = catalog.FindNamespace(target.objoid)) {
        lines.emplace_back(target.objoid, "privileges for schema " + ns->name);
      }
      continue;
    }
    RelationRef rel;
    if (!FindRelationByOid(catalog, target.objoid, &rel)) continue;
    // The owner's own items are its ownership, not a privilege dependency.
    if (RelationOwner(catalog, rel.oid) == role) continue;
    const std::string name = relation_name(rel);
    const char* kind = rel.relkind == 'v' ? "view" : rel.relkind == 'S' ? "sequence" : "table";
    if (target.objsubid != 0) {
      // A column's list: "privileges for column a of table t".
      for (const auto& [column, attnum] : RelationColumnNumbers(catalog, target.objoid)) {
        if (attnum == target.objsubid) {
          lines.emplace_back(target.objoid, "privileges for column " + column + " of " + kind +
                                                " " + name);
        }
      }
      continue;
    }
    lines.emplace_back(target.objoid, std::string("privileges for ") + kind + " " + name);
  }
  // ALTER DEFAULT PRIVILEGES lists the role owns or is named in. PostgreSQL
  // sorts by object OID; these have none of their own here. Set up before
  // the objects they serve, they sort after initdb's objects and before
  // the user's, as their OIDs usually would.
  for (const auto& [key, acl] : catalog.default_acls()) {
    const bool mentioned = std::any_of(acl.begin(), acl.end(), [&](const AclItem& item) {
      return item.grantee == role || item.grantor == role;
    });
    if (key.role != role && !mentioned) continue;
    std::string what = std::string("default privileges on new ") +
                       (key.objtype == 'S' ? "sequences" : "relations") +
                       " belonging to role " + RoleName(key.role);
    if (const catalog::NamespaceDesc* ns = catalog.FindNamespace(key.namespace_oid)) {
      what += " in schema " + ns->name;
    }
    lines.emplace_back(catalog::kFirstNormalObjectId - 1,
                       (key.role == role ? "owner of " : "privileges for ") + what);
  }
  if (lines.empty()) return;
  // Object OID order; an object's owner line before its privileges line.
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::string detail;
  for (const auto& line : lines) {
    if (!detail.empty()) detail += "\n";
    detail += line.second;
  }
  throw SqlError(SqlState::kDependentObjectsStillExist,
                 "role \"" + role_name + "\" cannot be dropped because some objects depend on it")
      .WithDetail(detail);
}

}  // namespace strata::sql
