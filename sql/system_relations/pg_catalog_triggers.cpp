// pg_trigger: one row per trigger of every table and view
// (catalog/trigger_desc.h).
// StrataDB enforces foreign keys without triggers, so it has no internal
// (tgisinternal) rows.
#include "sql/system_relations/index_catalog.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/system_values.h"
#include "sql/system_relations/trigger_definition.h"

namespace strata::sql {

using namespace sysrel;

namespace {

std::vector<Row> TriggerRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const catalog::TableDesc& t : TriggerRelations(*ctx.catalog)) {
    const catalog::Oid oid = t.oid;
    for (const catalog::TriggerDesc& tg : t.triggers) {
      // tgargs: each argument followed by a zero byte.
      std::string args;
      for (const std::string& a : tg.args) args += a + std::string(1, '\0');
      rows.push_back({OidV(tg.oid), OidV(oid), OidV(0), NameV(tg.name), OidV(tg.function),
                      Int2V(tg.type), CharV(tg.enabled), BoolV(false), OidV(0), OidV(0), OidV(0),
                      BoolV(false), BoolV(false), Int2V(static_cast<int64_t>(tg.args.size())),
                      Int2VectorValue(tg.columns), Value::String(kBytea, std::move(args)),
                      tg.when.has_value() ? Value::String(kNodeTree, *tg.when) : NullV(kNodeTree),
                      tg.old_table.empty() ? NullV(kName) : NameV(tg.old_table),
                      tg.new_table.empty() ? NullV(kName) : NameV(tg.new_table)});
    }
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {2620, "pg_catalog", "pg_trigger", 'r',
     {{"oid", kOid}, {"tgrelid", kOid}, {"tgparentid", kOid}, {"tgname", kName},
      {"tgfoid", kOid}, {"tgtype", kInt2}, {"tgenabled", kChar}, {"tgisinternal", kBool},
      {"tgconstrrelid", kOid}, {"tgconstrindid", kOid}, {"tgconstraint", kOid},
      {"tgdeferrable", kBool}, {"tginitdeferred", kBool}, {"tgnargs", kInt2},
      {"tgattr", kInt2Vector}, {"tgargs", kBytea}, {"tgqual", kNodeTree},
      {"tgoldtable", kName}, {"tgnewtable", kName}},
     TriggerRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogTriggerRelations() { return kRelations; }

}  // namespace strata::sql
