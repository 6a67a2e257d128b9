// Privilege checks (see privilege_checks.h), after PostgreSQL 15's
// aclchk.c: pg_class_aclmask (superusers hold everything), aclcheck_error's
// texts, and pg_*_ownercheck (has_privs_of_role on the owner).
#include "sql/system_relations/privilege_checks.h"

#include "common/sql_error.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

using catalog::Oid;

namespace {

// Every privilege a sequence can hold (rwU).
constexpr uint32_t kAclAllSequence = catalog::kAclSelect | catalog::kAclUpdate | catalog::kAclUsage;

// 0: no override (current_user applies).
thread_local Oid t_check_as_role = 0;

}  // namespace

Oid CheckingRole(const catalog::CatalogSnapshot& catalog) {
  return t_check_as_role != 0 ? t_check_as_role : CurrentUserOid(catalog);
}

ScopedCheckAsRole::ScopedCheckAsRole(Oid role) : previous_(t_check_as_role) {
  t_check_as_role = role;
}

ScopedCheckAsRole::~ScopedCheckAsRole() { t_check_as_role = previous_; }

Oid RelationOwner(const catalog::CatalogSnapshot& catalog, Oid relation) {
  RelationRef rel;
  if (!FindRelationByOid(catalog, relation, &rel)) return 0;
  if (rel.table != nullptr) return rel.table->owner;
  if (rel.view != nullptr) return rel.view->owner;
  if (rel.sequence != nullptr) return rel.sequence->owner;
  return 0;
}

const char* RelkindObjectName(char relkind) {
  switch (relkind) {
    case 'v': return "view";
    case 'S': return "sequence";
    case 'i': return "index";
    default: return "table";
  }
}

bool HasRelationPrivileges(const catalog::CatalogSnapshot& catalog, Oid relation, Oid owner,
                           uint32_t required) {
  const Oid role = CheckingRole(catalog);
  if (RoleIsSuperuser(catalog, role)) return true;
  const catalog::AclTarget target = RelationAclTarget(relation);
  const std::vector<catalog::AclItem> acl =
      EffectiveAcl(catalog, target, owner,
                   catalog.FindSequence(relation) != nullptr ? kAclAllSequence
                                                             : catalog::kAclAllTable);
  return (ObjectAclMask(catalog, target, acl, role, required) & required) == required;
}

void CheckRelationPrivileges(const catalog::CatalogSnapshot& catalog, Oid relation, Oid owner,
                             char relkind, const std::string& name, uint32_t required) {
  if (HasRelationPrivileges(catalog, relation, owner, required)) return;
  throw SqlError(SqlState::kInsufficientPrivilege,
                 std::string("permission denied for ") + RelkindObjectName(relkind) + " " + name);
}

bool HasColumnsPrivilege(const catalog::CatalogSnapshot& catalog, Oid relation, Oid owner,
                         uint32_t privilege, const std::vector<int16_t>& attnums) {
  if (HasRelationPrivileges(catalog, relation, owner, privilege)) return true;
  const Oid role = CheckingRole(catalog);
  if (attnums.empty()) return AnyColumnAclMask(catalog, relation, role, privilege) != 0;
  for (int16_t attnum : attnums) {
    if (ColumnAclMask(catalog, relation, attnum, role, privilege) == 0) return false;
  }
  return true;
}

void CheckColumnsPrivilege(const catalog::CatalogSnapshot& catalog, Oid relation, Oid owner,
                           char relkind, const std::string& name, uint32_t privilege,
                           const std::vector<int16_t>& attnums) {
  if (HasColumnsPrivilege(catalog, relation, owner, privilege, attnums)) return;
  throw SqlError(SqlState::kInsufficientPrivilege,
                 std::string("permission denied for ") + RelkindObjectName(relkind) + " " + name);
}

void CheckSequencePrivileges(const catalog::CatalogSnapshot& catalog,
                             const catalog::SequenceDesc& seq, uint32_t any_of) {
  const Oid role = CheckingRole(catalog);
  if (RoleIsSuperuser(catalog, role)) return;
  const catalog::AclTarget target = RelationAclTarget(seq.oid);
  const std::vector<catalog::AclItem> acl = EffectiveAcl(catalog, target, seq.owner, kAclAllSequence);
  if (ObjectAclMask(catalog, target, acl, role, any_of) != 0) return;
  throw SqlError(SqlState::kInsufficientPrivilege, "permission denied for sequence " + seq.name);
}

bool RoleHasSchemaPrivileges(const catalog::CatalogSnapshot& catalog, Oid role,
                             const catalog::NamespaceDesc& ns, uint32_t required) {
  if (RoleIsSuperuser(catalog, role)) return true;
  const catalog::AclTarget target = SchemaAclTarget(ns.oid);
  const std::vector<catalog::AclItem> acl =
      EffectiveAcl(catalog, target, SchemaOwner(catalog, ns.oid), catalog::kAclAllSchema);
  return (ObjectAclMask(catalog, target, acl, role, required) & required) == required;
}

void CheckSchemaPrivileges(const catalog::CatalogSnapshot& catalog,
                           const catalog::NamespaceDesc& ns, uint32_t required) {
  if (RoleHasSchemaPrivileges(catalog, CheckingRole(catalog), ns, required)) return;
  throw SqlError(SqlState::kInsufficientPrivilege, "permission denied for schema " + ns.name);
}

void CheckOwnership(const catalog::CatalogSnapshot& catalog, Oid owner, const std::string& kind,
                    const std::string& name) {
  if (HasPrivsOfRole(catalog, CheckingRole(catalog), owner)) return;
  throw SqlError(SqlState::kInsufficientPrivilege, "must be owner of " + kind + " " + name);
}

void CheckRelationOwnership(const catalog::CatalogSnapshot& catalog, Oid relation) {
  RelationRef rel;
  if (!FindRelationByOid(catalog, relation, &rel) || rel.system != nullptr) return;
  const Oid owner = rel.table != nullptr      ? rel.table->owner
                    : rel.view != nullptr     ? rel.view->owner
                    : rel.sequence != nullptr ? rel.sequence->owner
                                              : kBootstrapRoleOid;
  CheckOwnership(catalog, owner, RelkindObjectName(rel.relkind), rel.name);
}

}  // namespace strata::sql
