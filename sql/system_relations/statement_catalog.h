// The catalog and session the running statement sees, for code without a
// CommandContext: reg* input/output (types/type_io.cpp) and the catalog
// functions (pg_table_is_visible, format_type, ...), which PostgreSQL
// evaluates against the backend's catalog caches.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace strata::sql {

// The statement's catalog: a transaction block's own (after DDL in it) or
// the committed one. Null outside a session with a database.
std::shared_ptr<const catalog::CatalogSnapshot> CurrentStatementCatalog();

// The session's temporary schema OID in `catalog`, or 0.
catalog::Oid CurrentTempNamespaceOid(const catalog::CatalogSnapshot& catalog);

// PostgreSQL's bootstrap superuser and database, the only role and
// database StrataDB has (OIDs as initdb assigns them).
inline constexpr catalog::Oid kBootstrapRoleOid = 10;
inline constexpr const char* kBootstrapRoleName = "postgres";
inline constexpr catalog::Oid kDatabaseOwnerRoleOid = 6171;  // pg_database_owner
inline constexpr catalog::Oid kDatabaseOid = 5;
inline constexpr const char* kDatabaseName = "postgres";
inline constexpr catalog::Oid kPgToastNamespace = 99;

// The name of role `oid` ("postgres", "pg_database_owner"); empty if none.
std::string RoleName(catalog::Oid oid);
// The OID of role `name`, 0 if none.
catalog::Oid RoleOid(const std::string& name);

}  // namespace strata::sql

namespace strata::sql {

struct SystemRelation;

// A relation of pg_class: a table, view or sequence of the catalog, or a
// system relation (namespace pg_catalog / information_schema).
struct RelationRef {
  catalog::Oid oid = 0;
  catalog::Oid namespace_oid = 0;
  std::string name;
  char relkind = 'r';  // 'r' table, 'v' view, 'S' sequence, 'i' index
  // The table (for 'i': the table the index belongs to).
  const catalog::TableDesc* table = nullptr;
  const catalog::ViewDesc* view = nullptr;
  const catalog::SequenceDesc* sequence = nullptr;
  const SystemRelation* system = nullptr;
  // 'i' of a secondary index (null for a primary key's index).
  const catalog::IndexDesc* index = nullptr;
};

// The relation with this OID, if any.
bool FindRelationByOid(const catalog::CatalogSnapshot& catalog, catalog::Oid oid,
                       RelationRef* out);
// The relation `name` in schema `namespace_oid`, if any.
bool FindRelationInNamespace(const catalog::CatalogSnapshot& catalog,
                             catalog::Oid namespace_oid, const std::string& name,
                             RelationRef* out);
// The relation an unqualified name reaches through the search path
// (the session's temporary schema, pg_catalog, public).
bool FindRelationInPath(const catalog::CatalogSnapshot& catalog, const std::string& name,
                        RelationRef* out);
// The schemas an unqualified name searches, in order.
std::vector<catalog::Oid> SearchPathNamespaces(const catalog::CatalogSnapshot& catalog);
// pg_table_is_visible(): the relation is the one its unqualified name reaches.
bool RelationIsVisible(const catalog::CatalogSnapshot& catalog, catalog::Oid oid);

}  // namespace strata::sql

namespace strata::sql {
class Database;
// The session's database, or null.
Database* CurrentDatabase();
}  // namespace strata::sql
