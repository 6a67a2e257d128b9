// information_schema: schemata, tables, columns, views and sequences,
// generated from the catalog as PostgreSQL 15's views compute them (for a
// superuser, who sees every object).
//
// Columns are declared with the domains' base types
// (information_schema_values.h). The constraint relations are in
// information_schema_constraints.cpp.
#include "sql/commands/updatable_view.h"
#include "sql/system_relations/view_definition.h"
#include "sql/system_relations/system_relation.h"

#include "sql/system_relations/default_text.h"
#include "sql/system_relations/information_schema_values.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_values.h"
#include "sql/types/typmod.h"

namespace strata::sql {

using namespace sysrel;
using namespace infoschema;

namespace {

std::vector<Row> SchemataRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  auto add = [&](Oid oid, const std::string& name) {
    rows.push_back({IdV(CurrentDatabaseName()), IdV(name),
                    IdV(oid == catalog::kPublicNamespace ? "pg_database_owner"
                                                         : kBootstrapRoleName),
                    NoId(), NoId(), NoId(), NoData()});
  };
  add(kPgToastNamespace, "pg_toast");
  for (const auto& [oid, ns] : ctx.catalog->namespaces()) add(oid, ns.name);
  return rows;
}

std::vector<Row> TablesRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  auto add = [&](const std::string& schema, const std::string& name, const char* type,
                 bool insertable) {
    rows.push_back({IdV(CurrentDatabaseName()), IdV(schema), IdV(name), DataV(type), NoId(), NoData(),
                    NoId(), NoId(), NoId(), YesNoV(insertable), YesNoV(false),
                    IsTempSchemaName(schema) ? DataV("PRESERVE") : NoData()});
  };
  for (const SystemRelation* rel : AllSystemRelations()) {
    add(std::string(rel->schema), std::string(rel->name),
        rel->relkind == 'v' ? "VIEW" : "BASE TABLE", rel->relkind != 'v');
  }
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    const std::string schema = SchemaName(ctx, t->namespace_oid);
    add(schema, t->name, IsTempSchemaName(schema) ? "LOCAL TEMPORARY" : "BASE TABLE", true);
  }
  // A view is insertable into when automatically updatable for INSERT
  // (pg_relation_is_updatable(oid, false) & 8, triggers not counted).
  for (const auto& [oid, v] : ctx.catalog->views()) {
    add(SchemaName(ctx, v->namespace_oid), v->name, "VIEW",
        (ViewUpdatableEvents(ctx, *v, false) & 8) != 0);
  }
  return rows;
}

// The type columns PostgreSQL's information_schema._pg_* functions compute.
struct TypeFacts {
  Value char_max = NoCard();
  Value char_octets = NoCard();
  Value num_precision = NoCard();
  Value num_radix = NoCard();
  Value num_scale = NoCard();
  Value dt_precision = NoCard();
};

TypeFacts FactsOf(Oid type, int32_t typmod) {
  TypeFacts f;
  switch (type) {
    case type_oid::kVarchar:
    case type_oid::kBpchar:
      if (typmod >= 4) {
        f.char_max = CardV(typmod - 4);
        f.char_octets = CardV(static_cast<int64_t>(typmod - 4) * 4);  // UTF8: 4 bytes a character
      } else {
        f.char_octets = CardV(1073741824);
      }
      break;
    case type_oid::kText:
      f.char_octets = CardV(1073741824);
      break;
    case 1560:  // bit(n), bit varying(n): the length is the typmod
    case 1562:
      if (typmod >= 0) f.char_max = CardV(typmod);
      break;
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kInt8:
      f.num_precision = CardV(type == type_oid::kInt2 ? 16 : type == type_oid::kInt4 ? 32 : 64);
      f.num_radix = CardV(2);
      f.num_scale = CardV(0);
      break;
    case type_oid::kFloat4:
    case type_oid::kFloat8:
      f.num_precision = CardV(type == type_oid::kFloat4 ? 24 : 53);
      f.num_radix = CardV(2);
      break;
    case type_oid::kNumeric:
      f.num_radix = CardV(10);
      if (IsValidNumericTypmod(typmod)) {
        f.num_precision = CardV(NumericTypmodPrecision(typmod));
        f.num_scale = CardV(NumericTypmodScale(typmod));
      }
      break;
    case type_oid::kDate:
      f.dt_precision = CardV(0);
      break;
    case type_oid::kTime:
    case type_oid::kTimeTz:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
    case type_oid::kInterval:
      f.dt_precision = CardV(typmod >= 0 && type != type_oid::kInterval ? typmod : 6);
      break;
    default:
      break;
  }
  return f;
}

struct ColumnSpec {
  std::string schema;
  std::string table;
  std::string name;
  int16_t attnum;
  Oid type;
  int32_t typmod;
  bool not_null;
  Value column_default;
  bool updatable;
  // Identity columns: attidentity and their sequence (null for others).
  char identity = 0;
  const catalog::SequenceDesc* identity_sequence = nullptr;
  // Generated columns: the generation expression as PostgreSQL prints it.
  std::optional<std::string> generation_expression = std::nullopt;
};

Row ColumnRow(const ColumnSpec& c) {
  const PgTypeInfo* info = FindPgType(c.type);
  const bool is_array = IsArrayType(c.type);
  const std::string data_type = is_array ? "ARRAY" : FormatTypeName(c.type);
  const TypeFacts f = FactsOf(c.type, c.typmod);
  const catalog::SequenceDesc* seq = c.identity != 0 ? c.identity_sequence : nullptr;
  return {IdV(CurrentDatabaseName()), IdV(c.schema), IdV(c.table), IdV(c.name), CardV(c.attnum),
          c.column_default, YesNoV(!c.not_null), DataV(data_type), f.char_max, f.char_octets,
          f.num_precision, f.num_radix, f.num_scale, f.dt_precision, NoData(), NoCard(),
          NoId(), NoId(), NoId(), NoId(), NoId(), NoId(), NoId(), NoId(), NoId(),
          IdV(CurrentDatabaseName()), IdV("pg_catalog"),
          IdV(info != nullptr ? std::string(info->typname) : std::to_string(c.type)), NoId(),
          NoId(), NoId(), NoCard(), IdV(std::to_string(c.attnum)), YesNoV(false),
          YesNoV(c.identity != 0),
          c.identity == 0 ? NoData() : DataV(c.identity == 'a' ? "ALWAYS" : "BY DEFAULT"),
          seq != nullptr ? DataV(std::to_string(seq->start)) : NoData(),
          seq != nullptr ? DataV(std::to_string(seq->increment)) : NoData(),
          seq != nullptr ? DataV(std::to_string(seq->max_value)) : NoData(),
          seq != nullptr ? DataV(std::to_string(seq->min_value)) : NoData(),
          YesNoV(seq != nullptr && seq->cycle), DataV(c.generation_expression ? "ALWAYS" : "NEVER"),
          c.generation_expression ? DataV(*c.generation_expression) : NoData(),
          YesNoV(c.updatable)};
}

std::vector<Row> ColumnsRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const SystemRelation* rel : AllSystemRelations()) {
    int16_t attnum = 0;
    for (const SystemColumn& col : rel->columns) {
      rows.push_back(ColumnRow({std::string(rel->schema), std::string(rel->name),
                                std::string(col.name), ++attnum, col.type, col.typmod,
                                rel->relkind == 'r', NoData(), rel->relkind == 'r'}));
    }
  }
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    const std::string schema = SchemaName(ctx, t->namespace_oid);
    for (const catalog::ColumnDesc& c : t->columns) {
      if (c.dropped) continue;
      // An identity column's nextval is not a default to show.
      Value def = c.default_expr && c.identity == 0 && c.generated == 0
                      ? DataV(PgDefaultText(*c.default_expr, DataType{c.type, c.typmod}))
                      : NoData();
      ColumnSpec spec{schema, t->name, c.name, c.attnum, c.type, c.typmod, c.not_null, def, true};
      spec.identity = c.identity;
      if (c.generated != 0 && c.default_expr) {
        spec.generation_expression = CheckExpressionText(*ctx.catalog, *t, *c.default_expr, false);
      }
      for (const catalog::SequenceDesc* seq : ctx.catalog->SequencesOwnedBy(oid)) {
        if (seq->owner_attnum == c.attnum) spec.identity_sequence = seq;
      }
      rows.push_back(ColumnRow(spec));
    }
  }
  for (const auto& [oid, v] : ctx.catalog->views()) {
    const std::string schema = SchemaName(ctx, v->namespace_oid);
    int16_t attnum = 0;
    for (const catalog::ViewColumn& c : v->columns) {
      // pg_column_is_updatable(oid, attnum, false): UPDATE and DELETE.
      const bool updatable = (ViewUpdatableEvents(ctx, *v, false, attnum) & 20) == 20;
      Value def = c.default_expr ? DataV(PgDefaultText(*c.default_expr, DataType{c.type, c.typmod}))
                                 : NoData();
      rows.push_back(ColumnRow(
          {schema, v->name, c.name, ++attnum, c.type, c.typmod, false, def, updatable}));
    }
  }
  return rows;
}

std::vector<Row> ViewsRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, v] : ctx.catalog->views()) {
    const int events = ViewUpdatableEvents(ctx, *v, false);
    const std::string check = ViewCheckOption(*v);
    auto instead = [&](int16_t event) {
      for (const catalog::TriggerDesc& t : v->triggers) {
        if (t.IsInstead() && t.IsRow() && t.Fires(event)) return true;
      }
      return false;
    };
    rows.push_back({IdV(CurrentDatabaseName()), IdV(SchemaName(ctx, v->namespace_oid)), IdV(v->name),
                    DataV(ViewDefinitionText(*ctx.catalog, *v, false, 0)),
                    DataV(check == "local" ? "LOCAL" : check == "cascaded" ? "CASCADED" : "NONE"),
                    YesNoV((events & 20) == 20), YesNoV((events & 8) != 0),
                    YesNoV(instead(catalog::kTriggerTypeUpdate)),
                    YesNoV(instead(catalog::kTriggerTypeDelete)),
                    YesNoV(instead(catalog::kTriggerTypeInsert))});
  }
  return rows;
}

std::vector<Row> SequencesRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, s] : ctx.catalog->sequences()) {
    // An identity column's sequence is internal to it: not listed.
    if (const catalog::TableDesc* owner =
            s.owner_table != 0 ? ctx.catalog->FindTable(s.owner_table) : nullptr;
        owner != nullptr && s.owner_attnum >= 1 &&
        static_cast<size_t>(s.owner_attnum) <= owner->columns.size() &&
        owner->columns[static_cast<size_t>(s.owner_attnum - 1)].identity != 0) {
      continue;
    }
    const int bits = s.type == type_oid::kInt2 ? 16 : s.type == type_oid::kInt4 ? 32 : 64;
    rows.push_back({IdV(CurrentDatabaseName()), IdV(SchemaName(ctx, s.namespace_oid)), IdV(s.name),
                    DataV(FormatTypeName(s.type)), CardV(bits), CardV(2), CardV(0),
                    DataV(std::to_string(s.start)), DataV(std::to_string(s.min_value)),
                    DataV(std::to_string(s.max_value)), DataV(std::to_string(s.increment)),
                    YesNoV(s.cycle)});
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {13382, "information_schema", "schemata", 'v',
     {{"catalog_name", kId}, {"schema_name", kId}, {"schema_owner", kId},
      {"default_character_set_catalog", kId}, {"default_character_set_schema", kId},
      {"default_character_set_name", kId}, {"sql_path", kData}},
     SchemataRows},
    {13425, "information_schema", "tables", 'v',
     {{"table_catalog", kId}, {"table_schema", kId}, {"table_name", kId},
      {"table_type", kData}, {"self_referencing_column_name", kId},
      {"reference_generation", kData}, {"user_defined_type_catalog", kId},
      {"user_defined_type_schema", kId}, {"user_defined_type_name", kId},
      {"is_insertable_into", kYesNo, kYesNoTypmod}, {"is_typed", kYesNo, kYesNoTypmod},
      {"commit_action", kData}},
     TablesRows},
    {13295, "information_schema", "columns", 'v',
     {{"table_catalog", kId}, {"table_schema", kId}, {"table_name", kId},
      {"column_name", kId}, {"ordinal_position", kCardinal}, {"column_default", kData},
      {"is_nullable", kYesNo, kYesNoTypmod}, {"data_type", kData},
      {"character_maximum_length", kCardinal}, {"character_octet_length", kCardinal},
      {"numeric_precision", kCardinal}, {"numeric_precision_radix", kCardinal},
      {"numeric_scale", kCardinal}, {"datetime_precision", kCardinal},
      {"interval_type", kData}, {"interval_precision", kCardinal},
      {"character_set_catalog", kId}, {"character_set_schema", kId},
      {"character_set_name", kId}, {"collation_catalog", kId}, {"collation_schema", kId},
      {"collation_name", kId}, {"domain_catalog", kId}, {"domain_schema", kId},
      {"domain_name", kId}, {"udt_catalog", kId}, {"udt_schema", kId}, {"udt_name", kId},
      {"scope_catalog", kId}, {"scope_schema", kId}, {"scope_name", kId},
      {"maximum_cardinality", kCardinal}, {"dtd_identifier", kId},
      {"is_self_referencing", kYesNo, kYesNoTypmod}, {"is_identity", kYesNo, kYesNoTypmod},
      {"identity_generation", kData}, {"identity_start", kData},
      {"identity_increment", kData}, {"identity_maximum", kData},
      {"identity_minimum", kData}, {"identity_cycle", kYesNo, kYesNoTypmod},
      {"is_generated", kData}, {"generation_expression", kData},
      {"is_updatable", kYesNo, kYesNoTypmod}},
     ColumnsRows},
    {13483, "information_schema", "views", 'v',
     {{"table_catalog", kId}, {"table_schema", kId}, {"table_name", kId},
      {"view_definition", kData}, {"check_option", kData},
      {"is_updatable", kYesNo, kYesNoTypmod}, {"is_insertable_into", kYesNo, kYesNoTypmod},
      {"is_trigger_updatable", kYesNo, kYesNoTypmod},
      {"is_trigger_deletable", kYesNo, kYesNoTypmod},
      {"is_trigger_insertable_into", kYesNo, kYesNoTypmod}},
     ViewsRows},
    {13386, "information_schema", "sequences", 'v',
     {{"sequence_catalog", kId}, {"sequence_schema", kId}, {"sequence_name", kId},
      {"data_type", kData}, {"numeric_precision", kCardinal},
      {"numeric_precision_radix", kCardinal}, {"numeric_scale", kCardinal},
      {"start_value", kData}, {"minimum_value", kData}, {"maximum_value", kData},
      {"increment", kData}, {"cycle_option", kYesNo, kYesNoTypmod}},
     SequencesRows},
    {13285, "information_schema", "column_privileges", 'v',
     {{"grantor", kId}, {"grantee", kId}, {"table_catalog", kId}, {"table_schema", kId},
      {"table_name", kId}, {"column_name", kId}, {"privilege_type", kData},
      {"is_grantable", kYesNo, kYesNoTypmod}},
     ColumnPrivilegesRows},
    {13344, "information_schema", "role_column_grants", 'v',
     {{"grantor", kId}, {"grantee", kId}, {"table_catalog", kId}, {"table_schema", kId},
      {"table_name", kId}, {"column_name", kId}, {"privilege_type", kData},
      {"is_grantable", kYesNo, kYesNoTypmod}},
     RoleColumnGrantsRows},
};

}  // namespace

std::span<const SystemRelation> InformationSchemaRelations() { return kRelations; }

}  // namespace strata::sql
