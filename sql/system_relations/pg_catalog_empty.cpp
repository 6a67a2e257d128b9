// The catalogs StrataDB has no rows for yet (database
// comments, rules other than views' (pg_catalog_depend.cpp),
// policies, operator classes and families, languages, text
// search, foreign data, subscriptions, large objects, default privileges,
// security labels, user-defined range types, per-database and per-role settings, enum
// labels: CREATE TYPE ... AS ENUM is 0A000): declared with PostgreSQL 15's
// columns so that clients' queries over them (pg_dump reads every one) bind
// and return no rows. The built-in rows PostgreSQL has in some of them
// (pg_operator, pg_cast, pg_language, ...) are not there yet: pg_operator and
// pg_cast list the user-defined rows only.
#include "sql/system_relations/system_relation.h"

#include "sql/system_relations/system_values.h"
#include "sql/types/range_value.h"

namespace strata::sql {

using namespace sysrel;

namespace {

std::vector<Row> NoRows(const CommandContext&) { return {}; }

// pg_operator: the user-defined operators (CREATE OPERATOR); the built-in
// rows are not listed yet. Estimators known only by name (built-ins) read
// as "-".
std::vector<Row> OperatorRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, op] : ctx.catalog->operators()) {
    rows.push_back({OidV(op->oid), NameV(op->name), OidV(op->namespace_oid), OidV(op->owner),
                    CharV(op->kind), BoolV(op->can_merge), BoolV(op->can_hash), OidV(op->left),
                    OidV(op->right), OidV(op->result), OidV(op->commutator), OidV(op->negator),
                    RegprocV(op->function), RegprocV(op->restrict_oid), RegprocV(op->join_oid)});
  }
  return rows;
}

// pg_cast: the user-defined casts (CREATE CAST).
std::vector<Row> CastRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, cast] : ctx.catalog->casts()) {
    rows.push_back({OidV(cast.oid), OidV(cast.source), OidV(cast.target), OidV(cast.function),
                    CharV(cast.context), CharV(cast.method)});
  }
  return rows;
}

// pg_range: the built-in range types' rows (PostgreSQL 15's subtype btree
// opclasses and canonical / subtype_diff functions, by OID).
std::vector<Row> PgRangeRows(const CommandContext&) {
  struct Extra {
    Oid range, opclass, canonical, subdiff;
  };
  static constexpr Extra kExtras[] = {{3904, 1978, 3914, 3922}, {3906, 3125, 0, 3924},
                                      {3908, 3128, 0, 3929},    {3910, 3127, 0, 3930},
                                      {3912, 3122, 3915, 3925}, {3926, 3124, 3928, 3923}};
  std::vector<Row> rows;
  for (const Extra& e : kExtras) {
    const RangeTypeInfo* info = FindRangeType(e.range);
    rows.push_back({OidV(e.range), OidV(info->subtype), OidV(info->multirange), OidV(0),
                    OidV(e.opclass), RegprocV(e.canonical), RegprocV(e.subdiff)});
  }
  return rows;
}

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
    {3256, "pg_catalog", "pg_policy", 'r',
     {{"oid", kOid}, {"polname", kName}, {"polrelid", kOid}, {"polcmd", kChar},
      {"polpermissive", kBool}, {"polroles", kOidArray}, {"polqual", kNodeTree},
      {"polwithcheck", kNodeTree}},
     NoRows},
    {2616, "pg_catalog", "pg_opclass", 'r',
     {{"oid", kOid}, {"opcmethod", kOid}, {"opcname", kName}, {"opcnamespace", kOid},
      {"opcowner", kOid}, {"opcfamily", kOid}, {"opcintype", kOid}, {"opcdefault", kBool},
      {"opckeytype", kOid}},
     NoRows},
    {2753, "pg_catalog", "pg_opfamily", 'r',
     {{"oid", kOid}, {"opfmethod", kOid}, {"opfname", kName}, {"opfnamespace", kOid},
      {"opfowner", kOid}},
     NoRows},
    {2617, "pg_catalog", "pg_operator", 'r',
     {{"oid", kOid}, {"oprname", kName}, {"oprnamespace", kOid}, {"oprowner", kOid},
      {"oprkind", kChar}, {"oprcanmerge", kBool}, {"oprcanhash", kBool}, {"oprleft", kOid},
      {"oprright", kOid}, {"oprresult", kOid}, {"oprcom", kOid}, {"oprnegate", kOid},
      {"oprcode", kRegproc}, {"oprrest", kRegproc}, {"oprjoin", kRegproc}},
     OperatorRows},
    {2602, "pg_catalog", "pg_amop", 'r',
     {{"oid", kOid}, {"amopfamily", kOid}, {"amoplefttype", kOid}, {"amoprighttype", kOid},
      {"amopstrategy", kInt2}, {"amoppurpose", kChar}, {"amopopr", kOid}, {"amopmethod", kOid},
      {"amopsortfamily", kOid}},
     NoRows},
    {2603, "pg_catalog", "pg_amproc", 'r',
     {{"oid", kOid}, {"amprocfamily", kOid}, {"amproclefttype", kOid},
      {"amprocrighttype", kOid}, {"amprocnum", kInt2}, {"amproc", kRegproc}},
     NoRows},
    {2605, "pg_catalog", "pg_cast", 'r',
     {{"oid", kOid}, {"castsource", kOid}, {"casttarget", kOid}, {"castfunc", kOid},
      {"castcontext", kChar}, {"castmethod", kChar}},
     CastRows},
    {2607, "pg_catalog", "pg_conversion", 'r',
     {{"oid", kOid}, {"conname", kName}, {"connamespace", kOid}, {"conowner", kOid},
      {"conforencoding", kInt4}, {"contoencoding", kInt4}, {"conproc", kRegproc},
      {"condefault", kBool}},
     NoRows},
    {2612, "pg_catalog", "pg_language", 'r',
     {{"oid", kOid}, {"lanname", kName}, {"lanowner", kOid}, {"lanispl", kBool},
      {"lanpltrusted", kBool}, {"lanplcallfoid", kOid}, {"laninline", kOid},
      {"lanvalidator", kOid}, {"lanacl", kAclArray}},
     NoRows},
    {3576, "pg_catalog", "pg_transform", 'r',
     {{"oid", kOid}, {"trftype", kOid}, {"trflang", kOid}, {"trffromsql", kRegproc},
      {"trftosql", kRegproc}},
     NoRows},
    {3764, "pg_catalog", "pg_ts_template", 'r',
     {{"oid", kOid}, {"tmplname", kName}, {"tmplnamespace", kOid}, {"tmplinit", kRegproc},
      {"tmpllexize", kRegproc}},
     NoRows},
    {3601, "pg_catalog", "pg_ts_parser", 'r',
     {{"oid", kOid}, {"prsname", kName}, {"prsnamespace", kOid}, {"prsstart", kRegproc},
      {"prstoken", kRegproc}, {"prsend", kRegproc}, {"prsheadline", kRegproc},
      {"prslextype", kRegproc}},
     NoRows},
    {3600, "pg_catalog", "pg_ts_dict", 'r',
     {{"oid", kOid}, {"dictname", kName}, {"dictnamespace", kOid}, {"dictowner", kOid},
      {"dicttemplate", kOid}, {"dictinitoption", kText}},
     NoRows},
    {3602, "pg_catalog", "pg_ts_config", 'r',
     {{"oid", kOid}, {"cfgname", kName}, {"cfgnamespace", kOid}, {"cfgowner", kOid},
      {"cfgparser", kOid}},
     NoRows},
    {2328, "pg_catalog", "pg_foreign_data_wrapper", 'r',
     {{"oid", kOid}, {"fdwname", kName}, {"fdwowner", kOid}, {"fdwhandler", kOid},
      {"fdwvalidator", kOid}, {"fdwacl", kAclArray}, {"fdwoptions", kTextArray}},
     NoRows},
    {1417, "pg_catalog", "pg_foreign_server", 'r',
     {{"oid", kOid}, {"srvname", kName}, {"srvowner", kOid}, {"srvfdw", kOid},
      {"srvtype", kText}, {"srvversion", kText}, {"srvacl", kAclArray},
      {"srvoptions", kTextArray}},
     NoRows},
    {3466, "pg_catalog", "pg_event_trigger", 'r',
     {{"oid", kOid}, {"evtname", kName}, {"evtevent", kName}, {"evtowner", kOid},
      {"evtfoid", kOid}, {"evtenabled", kChar}, {"evttags", kTextArray}},
     NoRows},
    {2995, "pg_catalog", "pg_largeobject_metadata", 'r',
     {{"oid", kOid}, {"lomowner", kOid}, {"lomacl", kAclArray}},
     NoRows},
    {6100, "pg_catalog", "pg_subscription", 'r',
     {{"oid", kOid}, {"subdbid", kOid}, {"subskiplsn", 3220 /* pg_lsn */}, {"subname", kName},
      {"subowner", kOid}, {"subenabled", kBool}, {"subbinary", kBool}, {"substream", kBool},
      {"subtwophasestate", kChar}, {"subdisableonerr", kBool}, {"subconninfo", kText},
      {"subslotname", kName}, {"subsynccommit", kText}, {"subpublications", kTextArray}},
     NoRows},
    {3541, "pg_catalog", "pg_range", 'r',
     {{"rngtypid", kOid}, {"rngsubtype", kOid}, {"rngmultitypid", kOid},
      {"rngcollation", kOid}, {"rngsubopc", kOid}, {"rngcanonical", kRegproc},
      {"rngsubdiff", kRegproc}},
     PgRangeRows},
    {3118, "pg_catalog", "pg_foreign_table", 'r',
     {{"ftrelid", kOid}, {"ftserver", kOid}, {"ftoptions", kTextArray}},
     NoRows},
    {1418, "pg_catalog", "pg_user_mapping", 'r',
     {{"oid", kOid}, {"umuser", kOid}, {"umserver", kOid}, {"umoptions", kTextArray}},
     NoRows},
    {3592, "pg_catalog", "pg_shseclabel", 'r',
     {{"objoid", kOid}, {"classoid", kOid}, {"provider", kText}, {"label", kText}},
     NoRows},
    {12099, "pg_catalog", "pg_seclabels", 'v',
     {{"objoid", kOid}, {"classoid", kOid}, {"objsubid", kInt4}, {"objtype", kText},
      {"objnamespace", kOid}, {"objname", kText}, {"provider", kText}, {"label", kText}},
     NoRows},
    // Materialized views are not supported (CREATE MATERIALIZED VIEW is 0A000).
    {12038, "pg_catalog", "pg_matviews", 'v',
     {{"schemaname", kName}, {"matviewname", kName}, {"matviewowner", kName},
      {"tablespace", kName}, {"hasindexes", kBool}, {"ispopulated", kBool},
      {"definition", kText}},
     NoRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogEmptyRelations() { return kRelations; }

}  // namespace strata::sql
