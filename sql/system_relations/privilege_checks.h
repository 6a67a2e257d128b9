// Privilege checks (PostgreSQL's aclchk.c: pg_class_aclcheck,
// pg_namespace_aclcheck, the pg_*_ownercheck family and aclcheck_error):
// the one place statements ask "may the current role do this", raising
// 42501 with PostgreSQL 15's texts when it may not.
//
// The checking role is current_user (SET ROLE), except while a view's
// query runs: the view's relations are checked as the view's owner, as
// PostgreSQL does (ScopedCheckAsRole). Superusers pass every check; a role
// has the privileges of the roles it is a member of with INHERIT, and
// pg_read_all_data / pg_write_all_data give theirs (object_acl.h's
// ObjectAclMask).
//
// Thread safety: the checking-role override is per thread (a statement
// runs on one worker thread).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace strata::sql {

// The role the running statement's checks apply to.
catalog::Oid CheckingRole(const catalog::CatalogSnapshot& catalog);

// While alive, checks on this thread apply to `role` (a view's owner).
class ScopedCheckAsRole {
 public:
  explicit ScopedCheckAsRole(catalog::Oid role);
  ~ScopedCheckAsRole();
  ScopedCheckAsRole(const ScopedCheckAsRole&) = delete;
  ScopedCheckAsRole& operator=(const ScopedCheckAsRole&) = delete;

 private:
  catalog::Oid previous_;
};

// The owner of a user relation (table, view, sequence; an index: its
// table's) or 0 if `relation` is none of them.
catalog::Oid RelationOwner(const catalog::CatalogSnapshot& catalog, catalog::Oid relation);

// "table", "view", "sequence" or "index" for a relkind, as aclcheck_error
// names objects.
const char* RelkindObjectName(char relkind);

// Whether the checking role holds every privilege of `required` (kAcl*
// bits) on the relation.
bool HasRelationPrivileges(const catalog::CatalogSnapshot& catalog, catalog::Oid relation,
                           catalog::Oid owner, uint32_t required);
// 42501 "permission denied for <kind> <name>" unless it does.
void CheckRelationPrivileges(const catalog::CatalogSnapshot& catalog, catalog::Oid relation,
                             catalog::Oid owner, char relkind, const std::string& name,
                             uint32_t required);

// Column privileges (PostgreSQL's ExecCheckRTEPerms): whether the checking
// role holds `privilege` (one kAcl* bit) on the relation, or else on every
// column of `attnums` -- on at least one column when `attnums` is empty
// (count(*), INSERT ... DEFAULT VALUES).
bool HasColumnsPrivilege(const catalog::CatalogSnapshot& catalog, catalog::Oid relation,
                         catalog::Oid owner, uint32_t privilege,
                         const std::vector<int16_t>& attnums);
// 42501 "permission denied for <kind> <name>" unless it does (the
// executor names the relation, never the column).
void CheckColumnsPrivilege(const catalog::CatalogSnapshot& catalog, catalog::Oid relation,
                           catalog::Oid owner, char relkind, const std::string& name,
                           uint32_t privilege, const std::vector<int16_t>& attnums);

// 42501 "permission denied for sequence <name>" unless the checking role
// holds at least one privilege of `any_of` on the sequence (nextval: USAGE
// or UPDATE; currval, lastval: SELECT or USAGE; setval: UPDATE).
void CheckSequencePrivileges(const catalog::CatalogSnapshot& catalog,
                             const catalog::SequenceDesc& seq, uint32_t any_of);

// Whether `role` holds `required` on schema `ns`.
bool RoleHasSchemaPrivileges(const catalog::CatalogSnapshot& catalog, catalog::Oid role,
                             const catalog::NamespaceDesc& ns, uint32_t required);
// 42501 "permission denied for schema <name>" unless the checking role
// holds `required` (USAGE to look names up in it, CREATE to create there).
void CheckSchemaPrivileges(const catalog::CatalogSnapshot& catalog,
                           const catalog::NamespaceDesc& ns, uint32_t required);

// 42501 "must be owner of <kind> <name>" unless the checking role is a
// superuser or has the privileges of `owner` (pg_class_ownercheck).
void CheckOwnership(const catalog::CatalogSnapshot& catalog, catalog::Oid owner,
                    const std::string& kind, const std::string& name);
// The same for a relation found by OID (its kind and name from the catalog).
void CheckRelationOwnership(const catalog::CatalogSnapshot& catalog, catalog::Oid relation);

}  // namespace strata::sql
