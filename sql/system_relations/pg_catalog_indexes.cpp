// pg_index and the pg_indexes view: primary keys' indexes (whose entries
// are the table tree itself) and secondary indexes (catalog/index_desc.h).
#include "sql/system_relations/system_relation.h"

#include "sql/expr/text_quote.h"
#include "sql/system_relations/index_catalog.h"
#include "sql/system_relations/synthetic_oids.h"
#include "sql/system_relations/system_values.h"

namespace strata::sql {

using namespace sysrel;

namespace {

// pg_index.indexprs / indpred: PostgreSQL keeps node trees there; we have
// none, so these hold the expressions' SQL text (in parentheses, one per
// expression key) -- non-null exactly where PostgreSQL's are.
Value NodeTreeText(const std::vector<std::string>& texts) {
  if (texts.empty()) return NullV(kNodeTree);
  std::string out = "(";
  for (size_t i = 0; i < texts.size(); ++i) out += (i > 0 ? " " : "") + ("(" + texts[i] + ")");
  return Value::String(kNodeTree, out + ")");
}

Row IndexRow(Oid index, Oid table, const std::vector<int16_t>& attnums, size_t nkeys,
             bool unique, bool nulls_not_distinct, bool primary,
             const std::vector<int16_t>& options, const catalog::IndexDesc* secondary = nullptr) {
  std::vector<std::string> exprs, predicate;
  if (secondary != nullptr) {
    for (const catalog::IndexKeyColumn& k : secondary->keys) {
      if (k.is_expression()) exprs.push_back(k.expr);
    }
    if (!secondary->predicate.empty()) predicate.push_back(secondary->predicate);
  }
  return {OidV(index), OidV(table), Int2V(static_cast<int64_t>(attnums.size())),
          Int2V(static_cast<int64_t>(nkeys)), BoolV(unique), BoolV(nulls_not_distinct),
          BoolV(primary), BoolV(false), BoolV(true), BoolV(false), BoolV(true), BoolV(false),
          BoolV(true), BoolV(true), BoolV(false), Int2VectorValue(attnums), NullV(kOidVector),
          NullV(kOidVector), Int2VectorValue(options), NodeTreeText(exprs), NodeTreeText(predicate)};
}

std::vector<Row> IndexRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    if (!t->primary_key.empty()) {
      rows.push_back(IndexRow(IndexOid(oid), oid, t->primary_key, t->primary_key.size(), true,
                              false, true, std::vector<int16_t>(t->primary_key.size(), 0)));
    }
    for (const catalog::IndexDesc& ix : t->indexes) {
      rows.push_back(IndexRow(ix.oid, oid, IndexAttnums(ix), ix.keys.size(), ix.unique,
                              ix.nulls_not_distinct, false, IndexOptions(ix), &ix));
    }
  }
  return rows;
}

std::vector<Row> IndexesViewRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(t->namespace_oid);
    const std::string schema = ns != nullptr ? ns->name : "";
    if (!t->primary_key.empty()) {
      std::string cols;
      for (int16_t attnum : t->primary_key) {
        if (!cols.empty()) cols += ", ";
        cols += QuoteIdentText(t->columns[static_cast<size_t>(attnum - 1)].name);
      }
      rows.push_back({NameV(schema), NameV(t->name), NameV(t->primary_key_name), NullV(kName),
                      TextV("CREATE UNIQUE INDEX " + QuoteIdentText(t->primary_key_name) +
                            " ON " + QuoteIdentText(schema) + "." + QuoteIdentText(t->name) +
                            " USING btree (" + cols + ")")});
    }
    for (const catalog::IndexDesc& ix : t->indexes) {
      rows.push_back({NameV(schema), NameV(t->name), NameV(ix.name), NullV(kName),
                      TextV(SecondaryIndexDef(*ctx.catalog, *t, ix, 0, false))});
    }
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {2610, "pg_catalog", "pg_index", 'r',
     {{"indexrelid", kOid}, {"indrelid", kOid}, {"indnatts", kInt2}, {"indnkeyatts", kInt2},
      {"indisunique", kBool}, {"indnullsnotdistinct", kBool}, {"indisprimary", kBool},
      {"indisexclusion", kBool}, {"indimmediate", kBool}, {"indisclustered", kBool},
      {"indisvalid", kBool}, {"indcheckxmin", kBool}, {"indisready", kBool},
      {"indislive", kBool}, {"indisreplident", kBool}, {"indkey", kInt2Vector},
      {"indcollation", kOidVector}, {"indclass", kOidVector}, {"indoption", kInt2Vector},
      {"indexprs", kNodeTree}, {"indpred", kNodeTree}},
     IndexRows},
    {12043, "pg_catalog", "pg_indexes", 'v',
     {{"schemaname", kName}, {"tablename", kName}, {"indexname", kName}, {"tablespace", kName},
      {"indexdef", kText}},
     IndexesViewRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogIndexRelations() { return kRelations; }

}  // namespace strata::sql
