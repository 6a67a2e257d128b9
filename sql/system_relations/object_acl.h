// Object ACLs as the SQL layer sees them: an object's list (the stored one,
// or its owner's defaults, PostgreSQL's acldefault), the aclitem text
// PostgreSQL prints ("alice=r*w/postgres"), and the privilege test
// (aclmask): what GRANT/REVOKE, has_*_privilege and pg_class.relacl /
// pg_namespace.nspacl use.
//
// Owners: a relation's and a schema's are recorded in the catalog
// (catalog_objects.h); a schema without a recorded owner has initdb's
// (public: pg_database_owner, the others the bootstrap superuser).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/acl_item.h"
#include "catalog/catalog.h"
#include "sql/types/value.h"

namespace strata::sql {

// The ACL target and owner of a user relation (table, view, sequence), a
// schema or a database.
catalog::AclTarget RelationAclTarget(catalog::Oid relation);
catalog::AclTarget SchemaAclTarget(catalog::Oid schema);
catalog::AclTarget DatabaseAclTarget(catalog::Oid database);
// A column's list (pg_attribute.attacl): its relation's target with the
// column's attnum. A column without a stored list holds nothing of its own.
catalog::AclTarget ColumnAclTarget(catalog::Oid relation, int16_t attnum);
// The privileges of `mask` that `role` holds through the own list of
// column `attnum` (pg_attribute_aclmask without the table's privileges).
uint32_t ColumnAclMask(const catalog::CatalogSnapshot& catalog, catalog::Oid relation,
                       int16_t attnum, catalog::Oid role, uint32_t mask);
// The same, united over every live column of the relation that has a
// list (a dropped column keeps its list, as PostgreSQL's pg_attribute row
// keeps attacl, but it grants nothing).
uint32_t AnyColumnAclMask(const catalog::CatalogSnapshot& catalog, catalog::Oid relation,
                          catalog::Oid role, uint32_t mask);
// The same for grant options.
uint32_t ColumnGrantOptionMask(const catalog::CatalogSnapshot& catalog, catalog::Oid relation,
                               int16_t attnum, catalog::Oid role, uint32_t mask);

// The databases pg_database lists (postgres and initdb's two templates,
// all owned by the bootstrap superuser): the OID of `name`, or nullopt.
std::optional<catalog::Oid> FindDatabaseOid(const catalog::CatalogSnapshot& catalog,
                                            const std::string& name);
// pg_database.datdba of `database` (the bootstrap superuser if unknown).
catalog::Oid DatabaseOwner(const catalog::CatalogSnapshot& catalog, catalog::Oid database);
// The database privilege bits besides CREATE (PostgreSQL's ACL_CREATE_TEMP
// 'T' and ACL_CONNECT 'c'; stored in acl records with catalog/acl_item.h's
// bits: never renumber), and every privilege a database can hold (CTc).
inline constexpr uint32_t kAclCreateTemp = 1u << 10;
inline constexpr uint32_t kAclConnect = 1u << 11;
inline constexpr uint32_t kAclAllDatabase = catalog::kAclCreate | kAclCreateTemp | kAclConnect;
// Whether `role` holds every privilege of `required` on the database
// `database` (superusers hold all).
bool RoleHasDatabasePrivileges(const catalog::CatalogSnapshot& catalog, catalog::Oid role,
                               catalog::Oid database, uint32_t required);
catalog::Oid SchemaOwner(const catalog::CatalogSnapshot& catalog, catalog::Oid schema);

// The list initdb gives a schema it makes (public, pg_catalog,
// information_schema), or nullopt for any other schema.
std::optional<std::vector<catalog::AclItem>> InitialSchemaAcl(catalog::Oid schema);
// The stored list of `target`, or nullopt (NULL acl) if none is stored.
// The schemas initdb makes (public, pg_catalog, information_schema) and
// the template databases have its lists even when none is stored.
std::optional<std::vector<catalog::AclItem>> StoredAcl(const catalog::CatalogSnapshot& catalog,
                                                       const catalog::AclTarget& target);
// The list that applies: the stored one or the owner's defaults (all
// privileges `all` to the owner, granted by the owner; a database also
// gives PUBLIC TEMPORARY and CONNECT, as acldefault).
std::vector<catalog::AclItem> EffectiveAcl(const catalog::CatalogSnapshot& catalog,
                                           const catalog::AclTarget& target, catalog::Oid owner,
                                           uint32_t all);

// PostgreSQL's acldefault(objtype, owner): what an object of that kind
// ('r' relation, 's' sequence, 'n' schema, 'd' database, 'f' function, ...)
// holds while its ACL is NULL -- PUBLIC's item first when PUBLIC has any,
// then the owner's, each granted by the owner. nullopt for an unknown kind.
std::optional<std::vector<catalog::AclItem>> AclDefault(char objtype, catalog::Oid owner);

// The privileges of `mask` that `role` holds through `acl`: the items
// granted to PUBLIC or to a role whose privileges `role` has.
uint32_t AclMask(const catalog::CatalogSnapshot& catalog, const std::vector<catalog::AclItem>& acl,
                 catalog::Oid role, uint32_t mask);
// AclMask for `target`'s list with the predefined roles' privileges
// (pg_class_aclmask, pg_namespace_aclmask): on a relation, a role with the
// privileges of pg_read_all_data holds SELECT, one of pg_write_all_data
// INSERT, UPDATE and DELETE (when its list gives it none of the three); on a
// schema either holds USAGE.
uint32_t ObjectAclMask(const catalog::CatalogSnapshot& catalog, const catalog::AclTarget& target,
                       const std::vector<catalog::AclItem>& acl, catalog::Oid role, uint32_t mask);
// The same for grant options.
uint32_t AclGrantOptionMask(const catalog::CatalogSnapshot& catalog,
                            const std::vector<catalog::AclItem>& acl, catalog::Oid role,
                            uint32_t mask);

// aclitemout: "grantee=privs/grantor", PUBLIC as an empty grantee, names
// quoted when they hold anything but letters, digits and '_'.
std::string AclItemText(const catalog::CatalogSnapshot& catalog, const catalog::AclItem& item);
// The aclitem[] value (pg_class.relacl, ...) of a list; NULL for nullopt.
Value AclArrayValue(const catalog::CatalogSnapshot& catalog,
                    const std::optional<std::vector<catalog::AclItem>>& acl);

}  // namespace strata::sql
