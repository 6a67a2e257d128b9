// information_schema.triggers (PostgreSQL 15's view over pg_trigger): one
// row per trigger and event, for tables the role owns or holds a privilege
// other than SELECT on. action_order numbers a table's triggers of one
// event, timing and level in name order; action_condition is the WHEN
// condition and action_statement the EXECUTE FUNCTION part of
// pg_get_triggerdef.
#include <algorithm>
#include <string>
#include <vector>

#include "sql/system_relations/information_schema_values.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/trigger_definition.h"

namespace strata::sql {

using namespace sysrel;
using namespace infoschema;

namespace {

constexpr Oid kTimeStampType = type_oid::kTimestampTz;  // time_stamp: timestamp(2) with time zone
constexpr int32_t kTimeStampTypmod = 2;

bool TriggerVisible(const catalog::CatalogSnapshot& catalog, const catalog::TableDesc& t) {
  for (uint32_t privilege : {catalog::kAclInsert, catalog::kAclUpdate, catalog::kAclDelete,
                             catalog::kAclTruncate, catalog::kAclReferences,
                             catalog::kAclTrigger}) {
    if (HasRelationPrivileges(catalog, t.oid, t.owner, privilege)) return true;
  }
  return false;
}

std::vector<Row> TriggersRows(const CommandContext& ctx) {
  const catalog::CatalogSnapshot& catalog = *ctx.catalog;
  std::vector<Row> rows;
  const std::string database = CurrentDatabaseName();
  const std::pair<int16_t, const char*> kEvents[] = {
      {catalog::kTriggerTypeInsert, "INSERT"},
      {catalog::kTriggerTypeDelete, "DELETE"},
      {catalog::kTriggerTypeUpdate, "UPDATE"}};
  for (const catalog::TableDesc& relation : TriggerRelations(catalog)) {
    const catalog::TableDesc* t = &relation;
    if (!TriggerVisible(catalog, *t)) continue;
    const std::string schema = SchemaName(ctx, t->namespace_oid);
    for (const catalog::TriggerDesc& tg : t->triggers) {
      const std::string def = TriggerDefinition(catalog, *t, tg, false);
      const size_t execute = def.find(" EXECUTE FUNCTION ");
      Value condition = NoData();
      if (tg.when.has_value()) {
        const size_t when = def.find(" WHEN (");
        // Between "WHEN (" and ") EXECUTE".
        condition = DataV(def.substr(when + 7, execute - 1 - (when + 7)));
      }
      for (const auto& [bit, event] : kEvents) {
        if (!tg.Fires(bit)) continue;
        int order = 1;
        for (const catalog::TriggerDesc& other : t->triggers) {
          if (other.Fires(bit) && other.IsRow() == tg.IsRow() &&
              other.IsBefore() == tg.IsBefore() && other.IsInstead() == tg.IsInstead() &&
              other.name < tg.name) {
            ++order;
          }
        }
        rows.push_back({IdV(database), IdV(schema), IdV(tg.name), DataV(event), IdV(database),
                        IdV(schema), IdV(t->name), CardV(order), condition,
                        DataV(def.substr(execute + 1)),
                        DataV(tg.IsRow() ? "ROW" : "STATEMENT"),
                        DataV(tg.IsBefore() ? "BEFORE" : tg.IsInstead() ? "INSTEAD OF" : "AFTER"),
                        tg.old_table.empty() ? NoId() : IdV(tg.old_table),
                        tg.new_table.empty() ? NoId() : IdV(tg.new_table), NoId(), NoId(),
                        NullV(kTimeStampType)});
      }
    }
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {13440, "information_schema", "triggers", 'v',
     {{"trigger_catalog", kId}, {"trigger_schema", kId}, {"trigger_name", kId},
      {"event_manipulation", kData}, {"event_object_catalog", kId},
      {"event_object_schema", kId}, {"event_object_table", kId}, {"action_order", kCardinal},
      {"action_condition", kData}, {"action_statement", kData}, {"action_orientation", kData},
      {"action_timing", kData}, {"action_reference_old_table", kId},
      {"action_reference_new_table", kId}, {"action_reference_old_row", kId},
      {"action_reference_new_row", kId}, {"created", kTimeStampType, kTimeStampTypmod}},
     TriggersRows},
};

}  // namespace

std::span<const SystemRelation> InformationSchemaTriggerRelations() { return kRelations; }

}  // namespace strata::sql
