// information_schema.routines and information_schema.parameters, computed
// as PostgreSQL 15's views compute them from pg_proc (which lists the
// user-defined functions and procedures; built-in functions are no pg_proc
// rows here yet). The views show the routines the current role owns or may
// EXECUTE: functions carry no ACL here, so PUBLIC's default EXECUTE holds
// and every routine is shown. The body (routine_definition) and the
// parameter defaults are shown only to roles with the privileges of the
// owner (pg_has_role(proowner, 'USAGE')), as in PostgreSQL.
#include <string>
#include <vector>

#include "sql/builtin/type_table.h"
#include "sql/system_relations/default_text.h"
#include "sql/system_relations/information_schema_values.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_relation.h"

namespace strata::sql {

using namespace sysrel;
using namespace infoschema;

namespace {

// information_schema.time_stamp: timestamp(2) with time zone.
constexpr int32_t kTimeStampTypmod = 2;

// nameconcatoid(name, oid): "<name>_<oid>", the name clipped (at a UTF-8
// character boundary) so that the whole fits in NAMEDATALEN - 1 bytes.
std::string SpecificName(const std::string& name, Oid oid) {
  constexpr size_t kMaxNameBytes = 63;
  const std::string suffix = "_" + std::to_string(oid);
  std::string head = name;
  if (head.size() + suffix.size() > kMaxNameBytes) {
    size_t len = kMaxNameBytes - suffix.size();
    // Step back over UTF-8 continuation bytes so no character is split.
    while (len > 0 && (static_cast<unsigned char>(head[len]) & 0xC0) == 0x80) --len;
    head.resize(len);
  }
  return head + suffix;
}

// The owner of every function (pg_proc.proowner); see pg_catalog_proc.cpp.
constexpr Oid kFunctionOwner = kBootstrapRoleOid;

bool SeesOwnerDetails(const CommandContext& ctx) {
  return HasPrivsOfRole(*ctx.catalog, CurrentUserOid(*ctx.catalog), kFunctionOwner);
}

// data_type, as the views compute it from pg_type: 'ARRAY' for array
// types, format_type() for pg_catalog's others, 'USER-DEFINED' otherwise.
std::string DataTypeText(Oid type) {
  if (IsArrayType(type)) return "ARRAY";
  if (FindPgType(type) != nullptr) return FormatTypeName(type);
  return "USER-DEFINED";
}

// The type's schema and pg_type.typname (only built-in types here).
Value TypeSchema(Oid type) {
  return FindPgType(type) != nullptr ? IdV("pg_catalog") : NoId();
}
Value TypeName(Oid type) {
  const PgTypeInfo* info = FindPgType(type);
  return info != nullptr ? IdV(std::string(info->typname)) : NoId();
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::vector<Row> RoutinesRows(const CommandContext& ctx) {
  const bool owner_details = SeesOwnerDetails(ctx);
  std::vector<Row> rows;
  for (const auto& [oid, fn] : ctx.catalog->functions()) {
    const bool proc = fn->is_procedure;
    const Value schema = IdV(SchemaName(ctx, fn->namespace_oid));
    const Value ts = NullV(kTimestampTz);
    // Procedures have no result type: the join to pg_type finds nothing.
    const bool typed = !proc && FindPgType(fn->result_type) != nullptr;
    Row r = {IdV(CurrentDatabaseName()), schema, IdV(SpecificName(fn->name, fn->oid)),
             IdV(CurrentDatabaseName()), schema, IdV(fn->name),
             DataV(proc ? "PROCEDURE" : "FUNCTION"), NoId(), NoId(), NoId(), NoId(), NoId(),
             NoId(), proc ? NoData() : DataV(DataTypeText(fn->result_type)), NoCard(),
             NoCard(), NoId(), NoId(), NoId(), NoId(), NoId(), NoId(), NoCard(), NoCard(),
             NoCard(), NoCard(), NoData(), NoCard(), typed ? IdV(CurrentDatabaseName()) : NoId(),
             proc ? NoId() : TypeSchema(fn->result_type),
             proc ? NoId() : TypeName(fn->result_type), NoId(), NoId(), NoId(), NoCard(),
             proc ? NoId() : IdV("0"), DataV(fn->language == "sql" ? "SQL" : "EXTERNAL"),
             owner_details ? DataV(fn->body) : NoData(), NoData(), DataV(Upper(fn->language)),
             DataV("GENERAL"), YesNoV(fn->volatility == 'i'), DataV("MODIFIES"),
             proc ? NullV(kYesNo) : YesNoV(fn->strict), NoData(), YesNoV(true), CardV(0),
             NullV(kYesNo), NullV(kYesNo), DataV(fn->security_definer ? "DEFINER" : "INVOKER"),
             NoId(), NoId(), NoId(), YesNoV(false), ts, ts, NullV(kYesNo), YesNoV(false),
             NoData(), NullV(kYesNo), NoCard(), NoCard(), NoId(), NoId(), NoId(), NoId(),
             NoId(), NoId(), NoCard(), NoCard(), NoCard(), NoCard(), NoData(), NoCard(), NoId(),
             NoId(), NoId(), NoId(), NoId(), NoId(), NoCard(), NoId()};
    rows.push_back(std::move(r));
  }
  return rows;
}

const char* ParameterMode(char mode) {
  switch (mode) {
    case 'i':
    case 'v':
      return "IN";
    case 'o':
    case 't':
      return "OUT";
    case 'b':
      return "INOUT";
    default:
      return nullptr;
  }
}

std::vector<Row> ParametersRows(const CommandContext& ctx) {
  const bool owner_details = SeesOwnerDetails(ctx);
  std::vector<Row> rows;
  for (const auto& [oid, fn] : ctx.catalog->functions()) {
    const Value schema = IdV(SchemaName(ctx, fn->namespace_oid));
    const Value specific = IdV(SpecificName(fn->name, fn->oid));
    int64_t n = 0;
    for (const catalog::FunctionArg& a : fn->args) {
      ++n;
      // The view joins pg_type: a parameter of an unknown type has no row.
      if (FindPgType(a.type) == nullptr) continue;
      const char* mode = ParameterMode(a.mode);
      // pg_get_function_arg_default: only input parameters have defaults.
      const bool input = a.mode == 'i' || a.mode == 'b' || a.mode == 'v';
      Value def = NoData();
      if (owner_details && input && a.default_expr.has_value()) {
        std::string text = PgDefaultText(*a.default_expr, DataType{a.type, -1});
        // A NULL default is a typed NULL constant, printed with its type.
        if (text == "NULL") text += "::" + FormatTypeName(a.type);
        def = DataV(text);
      }
      rows.push_back({IdV(CurrentDatabaseName()), schema, specific, CardV(n),
                      mode != nullptr ? DataV(mode) : NoData(), YesNoV(false), YesNoV(false),
                      a.name.empty() ? NoId() : IdV(a.name), DataV(DataTypeText(a.type)),
                      NoCard(), NoCard(), NoId(), NoId(), NoId(), NoId(), NoId(), NoId(),
                      NoCard(), NoCard(), NoCard(), NoCard(), NoData(), NoCard(),
                      IdV(CurrentDatabaseName()), TypeSchema(a.type), TypeName(a.type), NoId(), NoId(),
                      NoId(), NoCard(), IdV(std::to_string(n)), def});
    }
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {13334, "information_schema", "parameters", 'v',
     {{"specific_catalog", kId}, {"specific_schema", kId}, {"specific_name", kId},
      {"ordinal_position", kCardinal}, {"parameter_mode", kData},
      {"is_result", kYesNo, kYesNoTypmod}, {"as_locator", kYesNo, kYesNoTypmod},
      {"parameter_name", kId}, {"data_type", kData}, {"character_maximum_length", kCardinal},
      {"character_octet_length", kCardinal}, {"character_set_catalog", kId},
      {"character_set_schema", kId}, {"character_set_name", kId}, {"collation_catalog", kId},
      {"collation_schema", kId}, {"collation_name", kId}, {"numeric_precision", kCardinal},
      {"numeric_precision_radix", kCardinal}, {"numeric_scale", kCardinal},
      {"datetime_precision", kCardinal}, {"interval_type", kData},
      {"interval_precision", kCardinal}, {"udt_catalog", kId}, {"udt_schema", kId},
      {"udt_name", kId}, {"scope_catalog", kId}, {"scope_schema", kId}, {"scope_name", kId},
      {"maximum_cardinality", kCardinal}, {"dtd_identifier", kId},
      {"parameter_default", kData}},
     ParametersRows},
    {13377, "information_schema", "routines", 'v',
     {{"specific_catalog", kId},
      {"specific_schema", kId},
      {"specific_name", kId},
      {"routine_catalog", kId},
      {"routine_schema", kId},
      {"routine_name", kId},
      {"routine_type", kData},
      {"module_catalog", kId},
      {"module_schema", kId},
      {"module_name", kId},
      {"udt_catalog", kId},
      {"udt_schema", kId},
      {"udt_name", kId},
      {"data_type", kData},
      {"character_maximum_length", kCardinal},
      {"character_octet_length", kCardinal},
      {"character_set_catalog", kId},
      {"character_set_schema", kId},
      {"character_set_name", kId},
      {"collation_catalog", kId},
      {"collation_schema", kId},
      {"collation_name", kId},
      {"numeric_precision", kCardinal},
      {"numeric_precision_radix", kCardinal},
      {"numeric_scale", kCardinal},
      {"datetime_precision", kCardinal},
      {"interval_type", kData},
      {"interval_precision", kCardinal},
      {"type_udt_catalog", kId},
      {"type_udt_schema", kId},
      {"type_udt_name", kId},
      {"scope_catalog", kId},
      {"scope_schema", kId},
      {"scope_name", kId},
      {"maximum_cardinality", kCardinal},
      {"dtd_identifier", kId},
      {"routine_body", kData},
      {"routine_definition", kData},
      {"external_name", kData},
      {"external_language", kData},
      {"parameter_style", kData},
      {"is_deterministic", kYesNo, kYesNoTypmod},
      {"sql_data_access", kData},
      {"is_null_call", kYesNo, kYesNoTypmod},
      {"sql_path", kData},
      {"schema_level_routine", kYesNo, kYesNoTypmod},
      {"max_dynamic_result_sets", kCardinal},
      {"is_user_defined_cast", kYesNo, kYesNoTypmod},
      {"is_implicitly_invocable", kYesNo, kYesNoTypmod},
      {"security_type", kData},
      {"to_sql_specific_catalog", kId},
      {"to_sql_specific_schema", kId},
      {"to_sql_specific_name", kId},
      {"as_locator", kYesNo, kYesNoTypmod},
      {"created", kTimestampTz, kTimeStampTypmod},
      {"last_altered", kTimestampTz, kTimeStampTypmod},
      {"new_savepoint_level", kYesNo, kYesNoTypmod},
      {"is_udt_dependent", kYesNo, kYesNoTypmod},
      {"result_cast_from_data_type", kData},
      {"result_cast_as_locator", kYesNo, kYesNoTypmod},
      {"result_cast_char_max_length", kCardinal},
      {"result_cast_char_octet_length", kCardinal},
      {"result_cast_char_set_catalog", kId},
      {"result_cast_char_set_schema", kId},
      {"result_cast_char_set_name", kId},
      {"result_cast_collation_catalog", kId},
      {"result_cast_collation_schema", kId},
      {"result_cast_collation_name", kId},
      {"result_cast_numeric_precision", kCardinal},
      {"result_cast_numeric_precision_radix", kCardinal},
      {"result_cast_numeric_scale", kCardinal},
      {"result_cast_datetime_precision", kCardinal},
      {"result_cast_interval_type", kData},
      {"result_cast_interval_precision", kCardinal},
      {"result_cast_type_udt_catalog", kId},
      {"result_cast_type_udt_schema", kId},
      {"result_cast_type_udt_name", kId},
      {"result_cast_scope_catalog", kId},
      {"result_cast_scope_schema", kId},
      {"result_cast_scope_name", kId},
      {"result_cast_maximum_cardinality", kCardinal},
      {"result_cast_dtd_identifier", kId}},
     RoutinesRows},
};

}  // namespace

std::span<const SystemRelation> InformationSchemaRoutineRelations() { return kRelations; }

}  // namespace strata::sql
