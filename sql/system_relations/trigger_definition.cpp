// Triggers as the system catalogs show them (see trigger_definition.h).
#include "sql/system_relations/trigger_definition.h"

#include "sql/commands/table_triggers.h"
#include "sql/expr/text_quote.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

std::vector<catalog::TableDesc> TriggerRelations(const catalog::CatalogSnapshot& catalog) {
  std::vector<catalog::TableDesc> out;
  for (const auto& [oid, t] : catalog.tables()) {
    if (!t->triggers.empty()) out.push_back(*t);
  }
  for (const auto& [oid, v] : catalog.views()) {
    if (!v->triggers.empty()) out.push_back(ViewTriggerTarget(*v));
  }
  return out;
}

std::optional<FoundTrigger> FindTriggerByOid(const catalog::CatalogSnapshot& catalog,
                                             catalog::Oid oid) {
  for (catalog::TableDesc& relation : TriggerRelations(catalog)) {
    for (const catalog::TriggerDesc& tg : relation.triggers) {
      if (tg.oid == oid) {
        catalog::TriggerDesc trigger = tg;
        return FoundTrigger{std::move(relation), std::move(trigger)};
      }
    }
  }
  return std::nullopt;
}

std::string TriggerDefinition(const catalog::CatalogSnapshot& catalog,
                              const catalog::TableDesc& table, const catalog::TriggerDesc& trigger,
                              bool pretty) {
  std::string out = "CREATE TRIGGER " + QuoteIdentText(trigger.name) + " ";
  out += trigger.IsBefore() ? "BEFORE" : trigger.IsInstead() ? "INSTEAD OF" : "AFTER";
  bool first = true;
  const auto event = [&](int16_t bit, const char* name) {
    if (!trigger.Fires(bit)) return;
    out += first ? " " : " OR ";
    out += name;
    first = false;
    if (bit != catalog::kTriggerTypeUpdate || trigger.columns.empty()) return;
    out += " OF ";
    for (size_t i = 0; i < trigger.columns.size(); ++i) {
      const size_t slot = static_cast<size_t>(trigger.columns[i] - 1);
      out += (i > 0 ? ", " : "") + QuoteIdentText(table.columns.at(slot).name);
    }
  };
  event(catalog::kTriggerTypeInsert, "INSERT");
  event(catalog::kTriggerTypeDelete, "DELETE");
  event(catalog::kTriggerTypeUpdate, "UPDATE");
  event(catalog::kTriggerTypeTruncate, "TRUNCATE");
  out += " ON ";
  const catalog::NamespaceDesc* ns = catalog.FindNamespace(table.namespace_oid);
  if (ns != nullptr && (!pretty || !RelationIsVisible(catalog, table.oid))) {
    out += QuoteIdentText(ns->name) + ".";
  }
  out += QuoteIdentText(table.name);
  if (!trigger.old_table.empty() || !trigger.new_table.empty()) {
    out += " REFERENCING";
    if (!trigger.old_table.empty()) out += " OLD TABLE AS " + QuoteIdentText(trigger.old_table);
    if (!trigger.new_table.empty()) out += " NEW TABLE AS " + QuoteIdentText(trigger.new_table);
  }
  out += trigger.IsRow() ? " FOR EACH ROW " : " FOR EACH STATEMENT ";
  if (trigger.when.has_value()) {
    // PostgreSQL prints the condition from its expression tree: the
    // pretty form without the expression's own parentheses.
    out += pretty ? "WHEN (" + *trigger.when + ") " : "WHEN ((" + *trigger.when + ")) ";
  }
  out += "EXECUTE FUNCTION ";
  if (const catalog::FunctionDesc* fn = catalog.FindFunction(trigger.function)) {
    out += QuoteIdentText(fn->name);
  } else {
    out += std::to_string(trigger.function);
  }
  out += "(";
  for (size_t i = 0; i < trigger.args.size(); ++i) {
    out += (i > 0 ? ", " : "") + QuoteLiteralText(trigger.args[i]);
  }
  return out + ")";
}

}  // namespace strata::sql
