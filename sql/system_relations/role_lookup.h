// Roles as the SQL layer sees them: the built-in ones PostgreSQL 15's initdb
// makes (the bootstrap superuser, OID 10, and the predefined pg_* roles)
// merged with the catalog's (CREATE ROLE). A built-in role is stored only
// once it changes (GRANT of or to it, ALTER ROLE): the stored record then
// replaces the built-in definition. Also plus the session's
// current and session user (the role / session_authorization settings) and
// membership as PostgreSQL's acl.c decides it (is_member_of_role,
// has_privs_of_role, is_admin_of_role).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace strata::sql {

// Every role, built-in and stored, in OID order.
std::vector<const catalog::RoleDesc*> AllRoles(const catalog::CatalogSnapshot& catalog);
// A role by name or OID; nullptr if none.
const catalog::RoleDesc* FindRoleByName(const catalog::CatalogSnapshot& catalog,
                                        std::string_view name);
const catalog::RoleDesc* FindRoleByOid(const catalog::CatalogSnapshot& catalog, catalog::Oid oid);
// Whether `oid` is a built-in role (not stored in the catalog).
bool IsBuiltinRole(catalog::Oid oid);

// The session user (SET SESSION AUTHORIZATION) and the current user (SET
// ROLE over it), by name as the settings hold them; the bootstrap
// superuser outside a session.
std::string SessionUserName();
std::string CurrentUserName();
// Their OIDs in `catalog` (the bootstrap superuser if the role is gone).
catalog::Oid SessionUserOid(const catalog::CatalogSnapshot& catalog);
catalog::Oid CurrentUserOid(const catalog::CatalogSnapshot& catalog);

bool RoleIsSuperuser(const catalog::CatalogSnapshot& catalog, catalog::Oid role);
// is_member_of_role: `member` is `role`, or a member of it directly or
// through other roles, ignoring INHERIT; superusers are members of every role.
bool IsMemberOfRole(const catalog::CatalogSnapshot& catalog, catalog::Oid member,
                    catalog::Oid role);
// The same without the superuser rule (is_member_of_role_nosuper).
bool IsMemberOfRoleNoSuper(const catalog::CatalogSnapshot& catalog, catalog::Oid member,
                           catalog::Oid role);
// has_privs_of_role: membership that passes only through roles with INHERIT.
bool HasPrivsOfRole(const catalog::CatalogSnapshot& catalog, catalog::Oid member,
                    catalog::Oid role);
// is_admin_of_role: `member` may grant and revoke membership in `role`.
bool IsAdminOfRole(const catalog::CatalogSnapshot& catalog, catalog::Oid member,
                   catalog::Oid role);

}  // namespace strata::sql
