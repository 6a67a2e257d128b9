// pg_depend and pg_rewrite: the dependencies pg_dump orders its output by.
// Generated from the statement's catalog:
//   - a table, sequence or view: 'n' on its schema;
//   - a sequence OWNED BY a column (serial): 'a' on that column, and the
//     column's default (pg_attrdef) 'n' on the sequence, so the sequence is
//     created before the default that calls nextval on it;
//   - a column default: 'a' on its column;
//   - a view: its "_RETURN" rule (pg_rewrite), 'i' on the view, and 'n' on
//     the view itself and each table or view its query reads (the whole
//     relation, refobjsubid 0:
//     PostgreSQL records the columns used, which our catalog does not keep).
// Other dependencies PostgreSQL records (on schemas, types, functions,
// indexes, constraints) are not listed yet.
#include "sql/system_relations/system_relation.h"

#include "sql/system_relations/synthetic_oids.h"
#include "sql/system_relations/system_values.h"

namespace strata::sql {

using namespace sysrel;

namespace {

constexpr Oid kPgClass = 1259;
constexpr Oid kPgAttrdef = 2604;
constexpr Oid kPgRewrite = 2618;
constexpr Oid kPgNamespace = 2615;

Row DependRow(Oid classid, Oid objid, int objsubid, Oid refclassid, Oid refobjid,
              int refobjsubid, char deptype) {
  return {OidV(classid), OidV(objid), Int4V(objsubid), OidV(refclassid), OidV(refobjid),
          Int4V(refobjsubid), CharV(deptype)};
}

std::vector<Row> DependRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  // Every table, sequence and view: 'n' on its schema.
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    rows.push_back(DependRow(kPgClass, oid, 0, kPgNamespace, t->namespace_oid, 0, 'n'));
  }
  for (const auto& [oid, seq] : ctx.catalog->sequences()) {
    rows.push_back(DependRow(kPgClass, oid, 0, kPgNamespace, seq.namespace_oid, 0, 'n'));
  }
  for (const auto& [oid, view] : ctx.catalog->views()) {
    rows.push_back(DependRow(kPgClass, oid, 0, kPgNamespace, view->namespace_oid, 0, 'n'));
  }
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    for (const catalog::ColumnDesc& c : t->columns) {
      if (c.dropped || !c.default_expr || c.identity != 0) continue;
      rows.push_back(
          DependRow(kPgAttrdef, AttrdefOid(oid, c.attnum), 0, kPgClass, oid, c.attnum, 'a'));
    }
  }
  for (const auto& [oid, seq] : ctx.catalog->sequences()) {
    if (seq.owner_table == 0) continue;
    const catalog::TableDesc* table = ctx.catalog->FindTable(seq.owner_table);
    if (table == nullptr) continue;
    // An identity column's sequence is internal to it ('i'), a serial's auto.
    const int slot = seq.owner_attnum - 1;
    const bool identity = slot >= 0 && static_cast<size_t>(slot) < table->columns.size() &&
                          table->columns[static_cast<size_t>(slot)].identity != 0;
    rows.push_back(DependRow(kPgClass, oid, 0, kPgClass, seq.owner_table, seq.owner_attnum,
                             identity ? 'i' : 'a'));
    for (const catalog::ColumnDesc& c : table->columns) {
      if (c.attnum != seq.owner_attnum || c.dropped || !c.default_expr || c.identity != 0) {
        continue;
      }
      rows.push_back(DependRow(kPgAttrdef, AttrdefOid(seq.owner_table, c.attnum), 0, kPgClass,
                               oid, 0, 'n'));
    }
  }
  for (const auto& [oid, view] : ctx.catalog->views()) {
    const Oid rule = RewriteRuleOid(oid);
    rows.push_back(DependRow(kPgRewrite, rule, 0, kPgClass, oid, 0, 'i'));
    // The rule's query names the view itself too (and then what it reads).
    rows.push_back(DependRow(kPgRewrite, rule, 0, kPgClass, oid, 0, 'n'));
    for (Oid dep : view->depends_on) {
      if (dep != oid) rows.push_back(DependRow(kPgRewrite, rule, 0, kPgClass, dep, 0, 'n'));
    }
  }
  return rows;
}

// A view's ON SELECT DO INSTEAD rule "_RETURN" (ev_type '1' SELECT,
// ev_enabled 'O' origin). Its query trees are not kept: NULL.
std::vector<Row> RewriteRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, view] : ctx.catalog->views()) {
    rows.push_back({OidV(RewriteRuleOid(oid)), NameV("_RETURN"), OidV(oid), CharV('1'),
                    CharV('O'), BoolV(true), NullV(kNodeTree), NullV(kNodeTree)});
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {2608, "pg_catalog", "pg_depend", 'r',
     {{"classid", kOid}, {"objid", kOid}, {"objsubid", kInt4}, {"refclassid", kOid},
      {"refobjid", kOid}, {"refobjsubid", kInt4}, {"deptype", kChar}},
     DependRows},
    {2618, "pg_catalog", "pg_rewrite", 'r',
     {{"oid", kOid}, {"rulename", kName}, {"ev_class", kOid}, {"ev_type", kChar},
      {"ev_enabled", kChar}, {"is_instead", kBool}, {"ev_qual", kNodeTree},
      {"ev_action", kNodeTree}},
     RewriteRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogDependRelations() { return kRelations; }

}  // namespace strata::sql
