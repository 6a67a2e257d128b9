// Triggers as the system catalogs show them: finding one by OID and
// pg_get_triggerdef's CREATE TRIGGER text (PostgreSQL's
// pg_get_triggerdef_worker layout).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace strata::sql {

// Every table and view that has triggers, each as a table (a view as
// sql/commands/table_triggers.h's ViewTriggerTarget makes it).
std::vector<catalog::TableDesc> TriggerRelations(const catalog::CatalogSnapshot& catalog);

// The trigger with pg_trigger OID `oid` and its relation (as above).
struct FoundTrigger {
  catalog::TableDesc relation;
  catalog::TriggerDesc trigger;
};
std::optional<FoundTrigger> FindTriggerByOid(const catalog::CatalogSnapshot& catalog,
                                             catalog::Oid oid);

// "CREATE TRIGGER t BEFORE INSERT OR UPDATE OF a ON public.tbl FOR EACH ROW
// WHEN (...) EXECUTE FUNCTION f('x')". `pretty` leaves the table's schema
// out when search_path finds it (psql's \d).
std::string TriggerDefinition(const catalog::CatalogSnapshot& catalog,
                              const catalog::TableDesc& table, const catalog::TriggerDesc& trigger,
                              bool pretty);

}  // namespace strata::sql
