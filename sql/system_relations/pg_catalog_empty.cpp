// The catalogs StrataDB has no rows for yet (partitioning, database
// comments, triggers, rules, policies, dependencies, enum labels: CREATE TYPE
// ... AS ENUM is 0A000): declared with PostgreSQL 15's columns so that
// clients' queries over them bind and return no rows.
#include "sql/system_relations/system_relation.h"

#include "sql/system_relations/system_values.h"

namespace strata::sql {

using namespace sysrel;

namespace {

std::vector<Row> NoRows(const CommandContext&) { return {}; }

const SystemRelation kRelations[] = {
    {3381, "pg_catalog", "pg_statistic_ext", 'r',
     {{"oid", kOid}, {"stxrelid", kOid}, {"stxname", kName}, {"stxnamespace", kOid},
      {"stxowner", kOid}, {"stxstattarget", kInt4}, {"stxkeys", kInt2Vector},
      {"stxkind", 1002 /* "char"[] */}, {"stxexprs", kNodeTree}},
     NoRows},
    {6104, "pg_catalog", "pg_publication", 'r',
     {{"oid", kOid}, {"pubname", kName}, {"pubowner", kOid}, {"puballtables", kBool},
      {"pubinsert", kBool}, {"pubupdate", kBool}, {"pubdelete", kBool}, {"pubtruncate", kBool},
      {"pubviaroot", kBool}},
     NoRows},
    {6106, "pg_catalog", "pg_publication_rel", 'r',
     {{"oid", kOid}, {"prpubid", kOid}, {"prrelid", kOid}, {"prqual", kNodeTree},
      {"prattrs", kInt2Vector}},
     NoRows},
    {6237, "pg_catalog", "pg_publication_namespace", 'r',
     {{"oid", kOid}, {"pnpubid", kOid}, {"pnnspid", kOid}},
     NoRows},
    {3350, "pg_catalog", "pg_partitioned_table", 'r',
     {{"partrelid", kOid}, {"partstrat", kChar}, {"partnatts", kInt2}, {"partdefid", kOid},
      {"partattrs", kInt2Vector}, {"partclass", kOidVector}, {"partcollation", kOidVector},
      {"partexprs", kNodeTree}},
     NoRows},
    {2396, "pg_catalog", "pg_shdescription", 'r',
     {{"objoid", kOid}, {"classoid", kOid}, {"description", kText}},
     NoRows},
    {2620, "pg_catalog", "pg_trigger", 'r',
     {{"oid", kOid}, {"tgrelid", kOid}, {"tgparentid", kOid}, {"tgname", kName},
      {"tgfoid", kOid}, {"tgtype", kInt2}, {"tgenabled", kChar}, {"tgisinternal", kBool},
      {"tgconstrrelid", kOid}, {"tgconstrindid", kOid}, {"tgconstraint", kOid},
      {"tgdeferrable", kBool}, {"tginitdeferred", kBool}, {"tgnargs", kInt2},
      {"tgattr", kInt2Vector}, {"tgargs", kBytea}, {"tgqual", kNodeTree},
      {"tgoldtable", kName}, {"tgnewtable", kName}},
     NoRows},
    {2618, "pg_catalog", "pg_rewrite", 'r',
     {{"oid", kOid}, {"rulename", kName}, {"ev_class", kOid}, {"ev_type", kChar},
      {"ev_enabled", kChar}, {"is_instead", kBool}, {"ev_qual", kNodeTree},
      {"ev_action", kNodeTree}},
     NoRows},
    {3256, "pg_catalog", "pg_policy", 'r',
     {{"oid", kOid}, {"polname", kName}, {"polrelid", kOid}, {"polcmd", kChar},
      {"polpermissive", kBool}, {"polroles", kOidArray}, {"polqual", kNodeTree},
      {"polwithcheck", kNodeTree}},
     NoRows},
    {2608, "pg_catalog", "pg_depend", 'r',
     {{"classid", kOid}, {"objid", kOid}, {"objsubid", kInt4}, {"refclassid", kOid},
      {"refobjid", kOid}, {"refobjsubid", kInt4}, {"deptype", kChar}},
     NoRows},
    {3501, "pg_catalog", "pg_enum", 'r',
     {{"oid", kOid}, {"enumtypid", kOid}, {"enumsortorder", kFloat4}, {"enumlabel", kName}},
     NoRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogEmptyRelations() { return kRelations; }

}  // namespace strata::sql
