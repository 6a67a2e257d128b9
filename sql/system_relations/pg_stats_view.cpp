// pg_stats: ANALYZE's per-column statistics (catalog/table_statistics.h) with
// PostgreSQL 15's columns, types and order, one row per analyzed column of
// a table the statement's transaction sees statistics for.
//
// As PostgreSQL's view: only live (not dropped) columns the checking role
// may SELECT (has_column_privilege; PostgreSQL also hides tables with row
// security active, which we do not have); inherited is always false (we
// keep no statistics over inheritance trees). The anyarray columns hold the
// values as their column type prints them, formatted as array_out would
// (quoting does not depend on the element type, except box's ';'
// delimiter, which ANALYZE never stores: box has no ordering). The element
// statistics of arrays and tsvector (most_common_elems, ...) are not
// computed: NULL.
#include <string>
#include <vector>

#include "catalog/acl_item.h"
#include "catalog/table_statistics.h"
#include "sql/database.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/system_values.h"
#include "sql/types/array_value.h"

namespace strata::sql {

namespace {

using namespace sysrel;  // NOLINT: the column-type and value helpers

constexpr Oid kFloat4 = type_oid::kFloat4;
constexpr Oid kFloat4Array = 1021;
constexpr Oid kAnyArray = type_oid::kAnyArray;

// An anyarray of values kept in their text output form: NULL when empty.
Value AnyArrayV(const std::vector<std::string>& values) {
  if (values.empty()) return NullV(kAnyArray);
  return Value::String(kAnyArray, FormatArray(TextArrayV(values)));
}

Value Float4ArrayV(const std::vector<double>& values) {
  if (values.empty()) return NullV(kFloat4Array);
  std::vector<Value> elements;
  for (double v : values) elements.push_back(Value::Float4(static_cast<float>(v)));
  return MakeArray(kFloat4Array, kFloat4, std::move(elements));
}

std::vector<Row> PgStatsRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  if (ctx.txn == nullptr || ctx.db == nullptr) return rows;
  const catalog::CatalogSnapshot& cat = *ctx.catalog;
  for (const auto& [oid, t] : cat.tables()) {
    auto stats = catalog::ReadTableStatistics(ctx.txn, ctx.db->catalog()->key_scope(), oid);
    if (!stats.ok() || !stats.value().has_value()) continue;
    const catalog::NamespaceDesc* ns = cat.FindNamespace(t->namespace_oid);
    for (const catalog::ColumnStatistics& c : stats.value()->columns) {
      if (c.attnum < 1 || c.attnum > static_cast<int>(t->columns.size())) continue;
      const catalog::ColumnDesc& column = t->columns[c.attnum - 1];
      if (column.dropped) continue;
      if (!HasColumnsPrivilege(cat, oid, t->owner, catalog::kAclSelect,
                               {static_cast<int16_t>(c.attnum)})) {
        continue;
      }
      rows.push_back({NameV(ns != nullptr ? ns->name : ""),
                      NameV(t->name),
                      NameV(column.name),
                      BoolV(false),  // inherited
                      Float4V(static_cast<float>(c.null_frac)),
                      Int4V(c.avg_width),
                      Float4V(static_cast<float>(c.n_distinct)),
                      AnyArrayV(c.most_common_vals),
                      Float4ArrayV(c.most_common_freqs),
                      AnyArrayV(c.histogram_bounds),
                      c.correlation ? Float4V(static_cast<float>(*c.correlation))
                                    : NullV(kFloat4),
                      NullV(kAnyArray),      // most_common_elems
                      NullV(kFloat4Array),   // most_common_elem_freqs
                      NullV(kFloat4Array)});  // elem_count_histogram
    }
  }
  return rows;
}

const SystemRelation kStatsViewRelations[] = {
    {12053, "pg_catalog", "pg_stats", 'v',
     {{"schemaname", kName}, {"tablename", kName}, {"attname", kName}, {"inherited", kBool},
      {"null_frac", kFloat4}, {"avg_width", kInt4}, {"n_distinct", kFloat4},
      {"most_common_vals", kAnyArray}, {"most_common_freqs", kFloat4Array},
      {"histogram_bounds", kAnyArray}, {"correlation", kFloat4},
      {"most_common_elems", kAnyArray}, {"most_common_elem_freqs", kFloat4Array},
      {"elem_count_histogram", kFloat4Array}},
     PgStatsRows},
};

}  // namespace

std::span<const SystemRelation> PgStatsViewRelations() { return kStatsViewRelations; }

}  // namespace strata::sql
