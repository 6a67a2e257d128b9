// pg_catalog.pg_proc: the user-defined functions of the catalog
// (CREATE FUNCTION), with PostgreSQL 15's columns. Built-in functions are
// not listed yet (their OIDs live in sql/expr's tables without the rest of
// a pg_proc row).
#include "sql/system_relations/system_relation.h"

#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_values.h"

namespace strata::sql {

using namespace sysrel;

namespace {

constexpr Oid kCharArray = 1002;
constexpr Oid kSqlLanguageOid = 14;  // pg_language "sql"
constexpr Oid kPlpgsqlLanguageOid = 13563;  // pg_language "plpgsql" (as PostgreSQL 15's initdb)

std::vector<Row> ProcRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, fn] : ctx.catalog->functions()) {
    const std::vector<Oid> inputs = fn->InputTypes();
    int16_t defaults = 0;
    bool any_name = false;
    bool all_inputs = true;
    std::vector<Value> names, all_types, modes;
    for (const catalog::FunctionArg& a : fn->args) {
      if (a.default_expr.has_value()) ++defaults;
      if (!a.name.empty()) any_name = true;
      if (a.mode != 'i') all_inputs = false;
      names.push_back(TextV(a.name));
      all_types.push_back(OidV(a.type));
      modes.push_back(CharV(a.mode));
    }
    rows.push_back({
        OidV(fn->oid), NameV(fn->name), OidV(fn->namespace_oid), OidV(kBootstrapRoleOid),
        OidV(fn->language == "plpgsql" ? kPlpgsqlLanguageOid : kSqlLanguageOid), Float4V(static_cast<float>(fn->cost)),
        Float4V(static_cast<float>(fn->rows)), OidV(0), RegprocV(0),
        CharV(fn->is_procedure ? 'p' : 'f'), BoolV(fn->security_definer), BoolV(fn->leakproof),
        BoolV(fn->strict), BoolV(fn->returns_set), CharV(fn->volatility), CharV(fn->parallel),
        Int2V(static_cast<int64_t>(inputs.size())), Int2V(defaults), OidV(fn->result_type),
        NullV(kOidVector),
        all_inputs ? NullV(kOidArray) : MakeArray(kOidArray, kOid, all_types),
        all_inputs ? NullV(kCharArray) : MakeArray(kCharArray, kChar, modes),
        any_name ? MakeArray(kTextArray, kText, names) : NullV(kTextArray), NullV(kNodeTree),
        NullV(kOidArray), TextV(fn->body), NullV(kText), NullV(kNodeTree), NullV(kTextArray),
        NullV(kAclArray)});
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {1255, "pg_catalog", "pg_proc", 'r',
     {{"oid", kOid}, {"proname", kName}, {"pronamespace", kOid}, {"proowner", kOid},
      {"prolang", kOid}, {"procost", kFloat4}, {"prorows", kFloat4}, {"provariadic", kOid},
      {"prosupport", kRegproc}, {"prokind", kChar}, {"prosecdef", kBool},
      {"proleakproof", kBool}, {"proisstrict", kBool}, {"proretset", kBool},
      {"provolatile", kChar}, {"proparallel", kChar}, {"pronargs", kInt2},
      {"pronargdefaults", kInt2}, {"prorettype", kOid}, {"proargtypes", kOidVector},
      {"proallargtypes", kOidArray}, {"proargmodes", kCharArray}, {"proargnames", kTextArray},
      {"proargdefaults", kNodeTree}, {"protrftypes", kOidArray}, {"prosrc", kText},
      {"probin", kText}, {"prosqlbody", kNodeTree}, {"proconfig", kTextArray},
      {"proacl", kAclArray}},
     ProcRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogProcRelations() { return kRelations; }

}  // namespace strata::sql
