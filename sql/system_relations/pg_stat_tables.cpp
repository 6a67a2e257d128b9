// The per-table and per-index statistics views, with PostgreSQL 15's
// columns and OIDs, filled from the catalog and sql/table_stats.h:
//   pg_stat_{all,sys,user}_tables     scans, row counts, vacuum/analyze times
//   pg_stat_{all,sys,user}_indexes    scans and rows read/fetched per index
//   pg_statio_{all,sys,user}_tables   SSTable blocks read / found in the
//                                     block cache (heap = the table tree,
//                                     idx = its secondary-index trees)
//   pg_statio_{all,sys,user}_indexes
// "user" relations are our catalog's tables (temporary ones included);
// "sys" ones are the pg_catalog tables (relkind 'r') of the system relation
// registry, whose counters stay 0 -- they are generated, not scanned (they
// have no indexes, so the sys index views are empty). The
// primary key's index (synthetic OID, synthetic_oids.h) is listed like any
// index: a scan bounded on the primary key counts as its index scan, but
// its blocks are the table tree's and count as heap blocks.
// As in PostgreSQL: idx_scan / idx_tup_fetch / idx_blks_* of a table are
// NULL when it has no index; toast_* and tidx_* are NULL (no toast tables;
// pg_class.reltoastrelid is 0); n_tup_hot_upd is 0 (no HOT updates);
// there is no autovacuum, so last_autovacuum is NULL and autovacuum_count 0.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/system_relations/synthetic_oids.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/system_values.h"
#include "sql/table_stats.h"

namespace strata::sql {

namespace {

using namespace sysrel;  // NOLINT: the column-type and value helpers

enum class Scope { kAll, kSys, kUser };

Value TimeOrNull(int64_t t) { return t == 0 ? NullV(kTimestampTz) : Value::TimestampTz(t); }

std::string SchemaOf(const CommandContext& ctx, const catalog::TableDesc& t) {
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(t.namespace_oid);
  return ns != nullptr ? ns->name : "";
}

bool IsSysSchema(std::string_view schema) {
  return schema == "pg_catalog" || schema == "information_schema" ||
         schema.rfind("pg_toast", 0) == 0;
}

// One index of a table: OID and name.
struct IndexRef {
  Oid oid;
  std::string name;
};

std::vector<IndexRef> IndexesOf(const catalog::TableDesc& t) {
  std::vector<IndexRef> out;
  if (!t.primary_key.empty()) out.push_back({IndexOid(t.oid), t.primary_key_name});
  for (const catalog::IndexDesc& ix : t.indexes) out.push_back({ix.oid, ix.name});
  return out;
}

// The user tables (our catalog's) in scope, with their schema names.
template <typename Fn>
void ForEachUserTable(const CommandContext& ctx, Scope scope, Fn&& fn) {
  if (scope == Scope::kSys) return;
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    const std::string schema = SchemaOf(ctx, *t);
    if (IsSysSchema(schema)) continue;
    fn(*t, schema);
  }
}

template <typename Fn>
void ForEachSysTable(Scope scope, Fn&& fn) {
  if (scope == Scope::kUser) return;
  for (const SystemRelation* rel : AllSystemRelations()) {
    if (rel->relkind == 'r' && rel->schema == "pg_catalog") fn(*rel);
  }
}

// Two index counters summed over a table's indexes, as the table rows'
// idx_* columns show them: NULL for a table without indexes.
std::pair<Value, Value> SumOverIndexes(const std::vector<IndexRef>& indexes,
                                       int64_t IndexStatCounts::*first,
                                       int64_t IndexStatCounts::*second) {
  if (indexes.empty()) return {NullV(kInt8), NullV(kInt8)};
  const TableStats& stats = GlobalTableStats();
  int64_t a = 0, b = 0;
  for (const IndexRef& ix : indexes) {
    if (auto i = stats.Index(ix.oid)) {
      a += (*i).*first;
      b += (*i).*second;
    }
  }
  return {Int8V(a), Int8V(b)};
}

Row StatTableRow(Oid relid, const std::string& schema, const std::string& name,
                 const TableStatCounts& c, const std::vector<IndexRef>& indexes) {
  auto [idx_scan, idx_tup_fetch] =
      SumOverIndexes(indexes, &IndexStatCounts::idx_scan, &IndexStatCounts::idx_tup_fetch);
  return {OidV(relid),
          NameV(schema),
          NameV(name),
          Int8V(c.seq_scan),
          Int8V(c.seq_tup_read),
          std::move(idx_scan),
          std::move(idx_tup_fetch),
          Int8V(c.tup_ins),
          Int8V(c.tup_upd),
          Int8V(c.tup_del),
          Int8V(0),  // n_tup_hot_upd
          Int8V(c.live_tup),
          Int8V(c.dead_tup),
          Int8V(c.mod_since_analyze),
          Int8V(c.ins_since_vacuum),
          TimeOrNull(c.last_vacuum),
          NullV(kTimestampTz),  // last_autovacuum
          TimeOrNull(c.last_analyze),
          TimeOrNull(c.last_autoanalyze),
          Int8V(c.vacuum_count),
          Int8V(0),  // autovacuum_count
          Int8V(c.analyze_count),
          Int8V(c.autoanalyze_count)};
}

std::vector<Row> StatTables(const CommandContext& ctx, Scope scope) {
  std::vector<Row> rows;
  const TableStats& stats = GlobalTableStats();
  ForEachSysTable(scope, [&](const SystemRelation& rel) {
    rows.push_back(StatTableRow(rel.oid, std::string(rel.schema), std::string(rel.name),
                                TableStatCounts{}, {}));
  });
  ForEachUserTable(ctx, scope, [&](const catalog::TableDesc& t, const std::string& schema) {
    rows.push_back(StatTableRow(t.oid, schema, t.name, stats.Table(t.oid).value_or(TableStatCounts{}),
                                IndexesOf(t)));
  });
  return rows;
}

std::vector<Row> StatIndexes(const CommandContext& ctx, Scope scope) {
  std::vector<Row> rows;
  const TableStats& stats = GlobalTableStats();
  ForEachUserTable(ctx, scope, [&](const catalog::TableDesc& t, const std::string& schema) {
    for (const IndexRef& ix : IndexesOf(t)) {
      const IndexStatCounts c = stats.Index(ix.oid).value_or(IndexStatCounts{});
      rows.push_back({OidV(t.oid), OidV(ix.oid), NameV(schema), NameV(t.name), NameV(ix.name),
                      Int8V(c.idx_scan), Int8V(c.idx_tup_read), Int8V(c.idx_tup_fetch)});
    }
  });
  return rows;
}

Row StatioTableRow(Oid relid, const std::string& schema, const std::string& name,
                   const TableStatCounts& c, const std::vector<IndexRef>& indexes) {
  auto [idx_read, idx_hit] =
      SumOverIndexes(indexes, &IndexStatCounts::blks_read, &IndexStatCounts::blks_hit);
  return {OidV(relid),       NameV(schema),     NameV(name),       Int8V(c.blks_read),
          Int8V(c.blks_hit), std::move(idx_read), std::move(idx_hit), NullV(kInt8),
          NullV(kInt8),      NullV(kInt8),      NullV(kInt8)};
}

std::vector<Row> StatioTables(const CommandContext& ctx, Scope scope) {
  std::vector<Row> rows;
  const TableStats& stats = GlobalTableStats();
  ForEachSysTable(scope, [&](const SystemRelation& rel) {
    rows.push_back(StatioTableRow(rel.oid, std::string(rel.schema), std::string(rel.name),
                                  TableStatCounts{}, {}));
  });
  ForEachUserTable(ctx, scope, [&](const catalog::TableDesc& t, const std::string& schema) {
    rows.push_back(StatioTableRow(t.oid, schema, t.name,
                                  stats.Table(t.oid).value_or(TableStatCounts{}), IndexesOf(t)));
  });
  return rows;
}

std::vector<Row> StatioIndexes(const CommandContext& ctx, Scope scope) {
  std::vector<Row> rows;
  const TableStats& stats = GlobalTableStats();
  ForEachUserTable(ctx, scope, [&](const catalog::TableDesc& t, const std::string& schema) {
    for (const IndexRef& ix : IndexesOf(t)) {
      const IndexStatCounts c = stats.Index(ix.oid).value_or(IndexStatCounts{});
      rows.push_back({OidV(t.oid), OidV(ix.oid), NameV(schema), NameV(t.name), NameV(ix.name),
                      Int8V(c.blks_read), Int8V(c.blks_hit)});
    }
  });
  return rows;
}

std::vector<Row> AllTables(const CommandContext& c) { return StatTables(c, Scope::kAll); }
std::vector<Row> SysTables(const CommandContext& c) { return StatTables(c, Scope::kSys); }
std::vector<Row> UserTables(const CommandContext& c) { return StatTables(c, Scope::kUser); }
std::vector<Row> AllIndexes(const CommandContext& c) { return StatIndexes(c, Scope::kAll); }
std::vector<Row> SysIndexes(const CommandContext& c) { return StatIndexes(c, Scope::kSys); }
std::vector<Row> UserIndexes(const CommandContext& c) { return StatIndexes(c, Scope::kUser); }
std::vector<Row> IoAllTables(const CommandContext& c) { return StatioTables(c, Scope::kAll); }
std::vector<Row> IoSysTables(const CommandContext& c) { return StatioTables(c, Scope::kSys); }
std::vector<Row> IoUserTables(const CommandContext& c) { return StatioTables(c, Scope::kUser); }
std::vector<Row> IoAllIndexes(const CommandContext& c) { return StatioIndexes(c, Scope::kAll); }
std::vector<Row> IoSysIndexes(const CommandContext& c) { return StatioIndexes(c, Scope::kSys); }
std::vector<Row> IoUserIndexes(const CommandContext& c) { return StatioIndexes(c, Scope::kUser); }

std::vector<SystemColumn> TableColumns() {
  return {{"relid", kOid},
          {"schemaname", kName},
          {"relname", kName},
          {"seq_scan", kInt8},
          {"seq_tup_read", kInt8},
          {"idx_scan", kInt8},
          {"idx_tup_fetch", kInt8},
          {"n_tup_ins", kInt8},
          {"n_tup_upd", kInt8},
          {"n_tup_del", kInt8},
          {"n_tup_hot_upd", kInt8},
          {"n_live_tup", kInt8},
          {"n_dead_tup", kInt8},
          {"n_mod_since_analyze", kInt8},
          {"n_ins_since_vacuum", kInt8},
          {"last_vacuum", kTimestampTz},
          {"last_autovacuum", kTimestampTz},
          {"last_analyze", kTimestampTz},
          {"last_autoanalyze", kTimestampTz},
          {"vacuum_count", kInt8},
          {"autovacuum_count", kInt8},
          {"analyze_count", kInt8},
          {"autoanalyze_count", kInt8}};
}

std::vector<SystemColumn> IndexColumns() {
  return {{"relid", kOid},         {"indexrelid", kOid},   {"schemaname", kName},
          {"relname", kName},      {"indexrelname", kName}, {"idx_scan", kInt8},
          {"idx_tup_read", kInt8}, {"idx_tup_fetch", kInt8}};
}

std::vector<SystemColumn> IoTableColumns() {
  return {{"relid", kOid},           {"schemaname", kName},     {"relname", kName},
          {"heap_blks_read", kInt8}, {"heap_blks_hit", kInt8},  {"idx_blks_read", kInt8},
          {"idx_blks_hit", kInt8},   {"toast_blks_read", kInt8}, {"toast_blks_hit", kInt8},
          {"tidx_blks_read", kInt8}, {"tidx_blks_hit", kInt8}};
}

std::vector<SystemColumn> IoIndexColumns() {
  return {{"relid", kOid},       {"indexrelid", kOid},    {"schemaname", kName},
          {"relname", kName},    {"indexrelname", kName}, {"idx_blks_read", kInt8},
          {"idx_blks_hit", kInt8}};
}

// OIDs: PostgreSQL 15's pg_class.oid of each view.
const SystemRelation kRelations[] = {
    {12142, "pg_catalog", "pg_stat_all_tables", 'v', TableColumns(), AllTables},
    {12152, "pg_catalog", "pg_stat_sys_tables", 'v', TableColumns(), SysTables},
    {12161, "pg_catalog", "pg_stat_user_tables", 'v', TableColumns(), UserTables},
    {12183, "pg_catalog", "pg_stat_all_indexes", 'v', IndexColumns(), AllIndexes},
    {12188, "pg_catalog", "pg_stat_sys_indexes", 'v', IndexColumns(), SysIndexes},
    {12192, "pg_catalog", "pg_stat_user_indexes", 'v', IndexColumns(), UserIndexes},
    {12170, "pg_catalog", "pg_statio_all_tables", 'v', IoTableColumns(), IoAllTables},
    {12175, "pg_catalog", "pg_statio_sys_tables", 'v', IoTableColumns(), IoSysTables},
    {12179, "pg_catalog", "pg_statio_user_tables", 'v', IoTableColumns(), IoUserTables},
    {12196, "pg_catalog", "pg_statio_all_indexes", 'v', IoIndexColumns(), IoAllIndexes},
    {12201, "pg_catalog", "pg_statio_sys_indexes", 'v', IoIndexColumns(), IoSysIndexes},
    {12205, "pg_catalog", "pg_statio_user_indexes", 'v', IoIndexColumns(), IoUserIndexes},
};

}  // namespace

std::span<const SystemRelation> PgStatTableRelations() { return kRelations; }

}  // namespace strata::sql
