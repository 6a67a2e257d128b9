// System relations: the pg_catalog and information_schema relations
// (pg_class, pg_attribute, pg_settings, ...) that clients read. Each is
// declared once, in the registry (system_relation_registry.cpp assembles the
// per-group tables): its schema, name, PostgreSQL 15's columns (names, type
// OIDs and order exactly as `\d pg_class` shows them) and a row generator.
//
// Rows are generated per scan from the statement's CatalogSnapshot (and the
// session's state where a relation needs it): nothing is cached across
// statements, since DDL changes them. A scan of a system relation in FROM
// becomes a MaterializedScan of the generated rows (sql/commands/plan_from.cpp).
//
// Columns of types the executor cannot compute with (aclitem[], xid,
// int2vector, oidvector, anyarray) are declared with their real type and
// always NULL.
//
// Adding a relation whose rows come from session or server state (pg_locks,
// pg_stat_activity): write a generator taking the CommandContext, declare the
// relation in a table of its own and add that table to the registry.
#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "sql/commands/command_context.h"
#include "sql/table/table_codec.h"
#include "sql/types/data_type.h"

namespace strata::sql {

struct SystemColumn {
  std::string_view name;
  Oid type;
  int32_t typmod = -1;
};

// The rows of one scan, each with one Value per column in declaration order.
using SystemRowGenerator = std::vector<Row> (*)(const CommandContext& ctx);

struct SystemRelation {
  Oid oid;                  // PostgreSQL 15's pg_class.oid of the relation
  std::string_view schema;  // "pg_catalog" or "information_schema"
  std::string_view name;
  // 'r' a catalog table, 'v' a system view (pg_class.relkind in PostgreSQL):
  // decides the error a write to it gets.
  char relkind;
  std::vector<SystemColumn> columns;
  SystemRowGenerator rows;
};

// The relation `schema`.`name`, or nullptr.
const SystemRelation* FindSystemRelation(std::string_view schema, std::string_view name);
// Every registered relation (pg_class lists them).
std::span<const SystemRelation* const> AllSystemRelations();

// The system relation a FROM item names, PostgreSQL's way: a qualified name
// in pg_catalog or information_schema; an unqualified one in pg_catalog,
// which is searched before public (it is implicitly first in search_path),
// but after the session's temporary schema. nullptr if none.
const SystemRelation* ResolveSystemRelation(const CommandContext& ctx, const ast::RangeVar& rv);

// Throws PostgreSQL's error for INSERT/UPDATE/DELETE/TRUNCATE/DDL on a
// system relation: 42501 `permission denied: "pg_class" is a system
// catalog` for catalog tables, and for views 55000 `cannot insert into view
// "pg_tables"` (`verb` is "insert into", "update" or "delete from"; null for
// other statements, which get the catalog message).
[[noreturn]] void ThrowSystemRelationWrite(const SystemRelation& rel, const char* verb);

// The per-group tables the registry is assembled from.
std::span<const SystemRelation> PgCatalogCoreRelations();    // pg_catalog_core.cpp
std::span<const SystemRelation> PgCatalogGlobalRelations();  // pg_catalog_global.cpp
std::span<const SystemRelation> PgCatalogViewRelations();    // pg_catalog_views.cpp
std::span<const SystemRelation> PgCatalogProcRelations();    // pg_catalog_proc.cpp
std::span<const SystemRelation> PgCatalogEmptyRelations();   // pg_catalog_empty.cpp
std::span<const SystemRelation> PgCatalogTriggerRelations();  // pg_catalog_triggers.cpp
std::span<const SystemRelation> PgCatalogPartitionRelations();  // pg_catalog_partitions.cpp
std::span<const SystemRelation> PgCatalogIndexRelations();   // pg_catalog_indexes.cpp
std::span<const SystemRelation> PgCatalogActivityRelations();  // pg_catalog_activity.cpp
std::span<const SystemRelation> InformationSchemaRelations();  // information_schema.cpp
// information_schema_constraints.cpp
std::span<const SystemRelation> InformationSchemaConstraintRelations();
// information_schema_routines.cpp
std::span<const SystemRelation> InformationSchemaRoutineRelations();
// information_schema_triggers.cpp
std::span<const SystemRelation> InformationSchemaTriggerRelations();

// pg_constraint's rows (pg_catalog_core.cpp), which information_schema's
// constraint relations are computed from, as PostgreSQL's views are.
std::vector<Row> PgConstraintRows(const CommandContext& ctx);
std::span<const SystemRelation> PgStatRelations();  // pg_stat_views.cpp
std::span<const SystemRelation> PgStatTableRelations();  // pg_stat_tables.cpp
std::span<const SystemRelation> PgStatsViewRelations();  // pg_stats_view.cpp
std::span<const SystemRelation> PgCatalogCommentRelations();  // pg_catalog_comments.cpp
std::span<const SystemRelation> PgCatalogDependRelations();  // pg_catalog_depend.cpp

}  // namespace strata::sql
