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
// The committed catalog when the statement runs in a transaction block that
// changed the catalog (CurrentStatementCatalog() is then the block's own);
// null otherwise.
std::shared_ptr<const catalog::CatalogSnapshot> CommittedCatalogUnderBlock();

// The database the session is connected to (current_database()): its name
// and OID; "postgres" (5) outside a session.
std::string CurrentDatabaseName();
catalog::Oid CurrentDatabaseOid();

// The session's temporary schema OID in `catalog`, or 0.
catalog::Oid CurrentTempNamespaceOid(const catalog::CatalogSnapshot& catalog);

// PostgreSQL's bootstrap superuser and database (OIDs as initdb assigns
// them); other roles: role_lookup.h.
inline constexpr catalog::Oid kBootstrapRoleOid = 10;
inline constexpr const char* kBootstrapRoleName = "postgres";
inline constexpr catalog::Oid kDatabaseOwnerRoleOid = 6171;  // pg_database_owner
inline constexpr catalog::Oid kPgToastNamespace = 99;

// The name of role `oid` in the statement's catalog; empty if none.
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
// The relation an unqualified name reaches through the search path.
bool FindRelationInPath(const catalog::CatalogSnapshot& catalog, const std::string& name,
                        RelationRef* out);
// The schemas an unqualified name searches, in order: the session's
// temporary schema, pg_catalog (unless listed later), then the existing
// schemas search_path lists (search_path.cpp).
std::vector<catalog::Oid> SearchPathNamespaces(const catalog::CatalogSnapshot& catalog);
// The existing schemas search_path lists, in order (current_schemas(false)).
std::vector<catalog::Oid> ExplicitSearchPathNamespaces(const catalog::CatalogSnapshot& catalog);
// Where an unqualified CREATE puts its object: the first existing schema
// search_path lists (not pg_catalog), or 0 if none.
catalog::Oid CreationNamespace(const catalog::CatalogSnapshot& catalog);

// Puts a schema in front of the search path for this thread while alive
// (CREATE SCHEMA's elements resolve and create names in the new schema
// first, as PostgreSQL's PushOverrideSearchPath does).
class ScopedSearchPathOverride;
class ScopedSearchPathPrefix {
 public:
  explicit ScopedSearchPathPrefix(catalog::Oid namespace_oid);
  ~ScopedSearchPathPrefix();
  ScopedSearchPathPrefix(const ScopedSearchPathPrefix&) = delete;
  ScopedSearchPathPrefix& operator=(const ScopedSearchPathPrefix&) = delete;

 private:
  catalog::Oid previous_;
};

// Replaces the listed schemas of the search path for this thread while
// alive (a view's query resolves names in the path it was created with).
class ScopedSearchPathOverride {
 public:
  explicit ScopedSearchPathOverride(std::vector<catalog::Oid> path);
  ~ScopedSearchPathOverride();
  ScopedSearchPathOverride(const ScopedSearchPathOverride&) = delete;
  ScopedSearchPathOverride& operator=(const ScopedSearchPathOverride&) = delete;

 private:
  std::vector<catalog::Oid> path_;
  const std::vector<catalog::Oid>* previous_;
  catalog::Oid previous_prefix_;
};
// pg_table_is_visible(): the relation is the one its unqualified name reaches.
bool RelationIsVisible(const catalog::CatalogSnapshot& catalog, catalog::Oid oid);

}  // namespace strata::sql

namespace strata::sql {
class Database;
// The session's database, or null.
Database* CurrentDatabase();
}  // namespace strata::sql
