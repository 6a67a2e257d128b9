// Triggers as the system catalogs show them: finding one by OID and
// pg_get_triggerdef's CREATE TRIGGER text (PostgreSQL's
// pg_get_triggerdef_worker layout).
#pragma once

#include <string>

#include "catalog/catalog.h"

namespace strata::sql {

// The trigger with pg_trigger OID `oid` and its table; nullptr if none.
const catalog::TriggerDesc* FindTriggerByOid(const catalog::CatalogSnapshot& catalog,
                                             catalog::Oid oid,
                                             const catalog::TableDesc** table);

// "CREATE TRIGGER t BEFORE INSERT OR UPDATE OF a ON public.tbl FOR EACH ROW
// WHEN (...) EXECUTE FUNCTION f('x')". `pretty` leaves the table's schema
// out when search_path finds it (psql's \d).
std::string TriggerDefinition(const catalog::CatalogSnapshot& catalog,
                              const catalog::TableDesc& table, const catalog::TriggerDesc& trigger,
                              bool pretty);

}  // namespace strata::sql
