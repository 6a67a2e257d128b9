// pg_catalog's system views over user objects and session state:
// pg_tables, pg_views, pg_sequence (a catalog table), pg_sequences and
// pg_settings (the session's run-time parameters).
#include "sql/system_relations/system_relation.h"

#include "sql/sequences/sequence_values.h"
#include "sql/settings/session_settings.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_values.h"
#include "sql/system_relations/view_definition.h"

namespace strata::sql {

using namespace sysrel;

namespace {

std::string SchemaName(const CommandContext& ctx, Oid ns) {
  const catalog::NamespaceDesc* d = ctx.catalog->FindNamespace(ns);
  return d != nullptr ? d->name : std::to_string(ns);
}

std::vector<Row> TablesRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  auto add = [&](const std::string& schema, const std::string& name, bool has_index) {
    rows.push_back({NameV(schema), NameV(name), NameV(kBootstrapRoleName), NullV(kName),
                    BoolV(has_index), BoolV(false), BoolV(false), BoolV(false)});
  };
  for (const SystemRelation* rel : AllSystemRelations()) {
    if (rel->relkind == 'r') add(std::string(rel->schema), std::string(rel->name), false);
  }
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    add(SchemaName(ctx, t->namespace_oid), t->name,
        !t->primary_key.empty() || !t->indexes.empty());
  }
  return rows;
}

std::vector<Row> ViewsRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const SystemRelation* rel : AllSystemRelations()) {
    if (rel->relkind != 'v') continue;
    rows.push_back({NameV(std::string(rel->schema)), NameV(std::string(rel->name)),
                    NameV(kBootstrapRoleName), NullV(kText)});
  }
  for (const auto& [oid, v] : ctx.catalog->views()) {
    rows.push_back({NameV(SchemaName(ctx, v->namespace_oid)), NameV(v->name),
                    NameV(kBootstrapRoleName), TextV(ViewDefinitionText(*ctx.catalog, *v, false))});
  }
  return rows;
}

std::vector<Row> SequenceRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, s] : ctx.catalog->sequences()) {
    rows.push_back({OidV(oid), OidV(s.type), Int8V(s.start), Int8V(s.increment),
                    Int8V(s.max_value), Int8V(s.min_value), Int8V(s.cache), BoolV(s.cycle)});
  }
  return rows;
}

std::vector<Row> SequencesRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, s] : ctx.catalog->sequences()) {
    Value last = NullV(kInt8);
    if (ctx.db != nullptr && ctx.db->sequence_values() != nullptr) {
      const auto [value, is_called] = ctx.db->sequence_values()->Peek(s);
      if (is_called) last = Int8V(value);
    }
    rows.push_back({NameV(SchemaName(ctx, s.namespace_oid)), NameV(s.name),
                    NameV(kBootstrapRoleName), Value::Integer(kRegtype, s.type), Int8V(s.start),
                    Int8V(s.min_value), Int8V(s.max_value), Int8V(s.increment), BoolV(s.cycle),
                    Int8V(s.cache), last});
  }
  return rows;
}

std::vector<Row> SettingsRows(const CommandContext&) {
  std::vector<Row> rows;
  for (const SessionSettings::PgSettingsRow& s : CurrentSessionSettings().PgSettingsRows()) {
    Value enumvals = NullV(kTextArray);
    if (!s.enumvals.empty()) {
      std::vector<Value> elements;
      for (const std::string& v : s.enumvals) elements.push_back(TextV(v));
      enumvals = MakeArray(kTextArray, kText, std::move(elements));
    }
    auto opt_text = [](const std::string& v) { return v.empty() ? NullV(kText) : TextV(v); };
    auto opt_int = [](const std::optional<int>& v) {
      return v ? TextV(std::to_string(*v)) : NullV(kText);
    };
    rows.push_back({TextV(s.name), TextV(s.setting), opt_text(s.unit), opt_text(s.category),
                    TextV(s.short_desc), opt_text(s.extra_desc), TextV(s.context),
                    TextV(s.vartype), TextV(s.source), opt_int(s.min_val), opt_int(s.max_val),
                    enumvals, TextV(s.boot_val), TextV(s.reset_val), opt_text(s.sourcefile),
                    s.sourceline ? Int4V(*s.sourceline) : NullV(kInt4),
                    BoolV(s.pending_restart)});
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {12033, "pg_catalog", "pg_tables", 'v',
     {{"schemaname", kName}, {"tablename", kName}, {"tableowner", kName},
      {"tablespace", kName}, {"hasindexes", kBool}, {"hasrules", kBool},
      {"hastriggers", kBool}, {"rowsecurity", kBool}},
     TablesRows},
    {12028, "pg_catalog", "pg_views", 'v',
     {{"schemaname", kName}, {"viewname", kName}, {"viewowner", kName},
      {"definition", kText}},
     ViewsRows},
    {2224, "pg_catalog", "pg_sequence", 'r',
     {{"seqrelid", kOid}, {"seqtypid", kOid}, {"seqstart", kInt8}, {"seqincrement", kInt8},
      {"seqmax", kInt8}, {"seqmin", kInt8}, {"seqcache", kInt8}, {"seqcycle", kBool}},
     SequenceRows},
    {12048, "pg_catalog", "pg_sequences", 'v',
     {{"schemaname", kName}, {"sequencename", kName}, {"sequenceowner", kName},
      {"data_type", kRegtype}, {"start_value", kInt8}, {"min_value", kInt8},
      {"max_value", kInt8}, {"increment_by", kInt8}, {"cycle", kBool},
      {"cache_size", kInt8}, {"last_value", kInt8}},
     SequencesRows},
    {12104, "pg_catalog", "pg_settings", 'v',
     {{"name", kText}, {"setting", kText}, {"unit", kText}, {"category", kText},
      {"short_desc", kText}, {"extra_desc", kText}, {"context", kText}, {"vartype", kText},
      {"source", kText}, {"min_val", kText}, {"max_val", kText}, {"enumvals", kTextArray},
      {"boot_val", kText}, {"reset_val", kText}, {"sourcefile", kText},
      {"sourceline", kInt4}, {"pending_restart", kBool}},
     SettingsRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogViewRelations() { return kRelations; }

}  // namespace strata::sql
