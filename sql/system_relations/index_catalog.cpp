// Index texts and vectors for the system catalogs (see index_catalog.h).
#include "sql/system_relations/index_catalog.h"

#include "sql/system_relations/view_definition.h"
#include "sql/system_relations/view_deparse_tree.h"

#include <algorithm>

#include "sql/binder/binder.h"
#include "sql/commands/stored_expr.h"
#include "sql/expr/text_quote.h"
#include "sql/types/array_value.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/synthetic_oids.h"

namespace strata::sql {

namespace {

constexpr int kUniqueConstraintBase = 0x40;

std::string ColumnName(const catalog::TableDesc& table, int16_t attnum) {
  return QuoteIdentText(table.columns[static_cast<size_t>(attnum - 1)].name);
}

// looks_like_function(): a call printed in function syntax needs no
// parentheses of its own around it in an index definition.
bool LooksLikeFunction(const viewdef::Node& node) {
  if (node.kind == viewdef::NodeKind::kCast && node.implicit && !node.args.empty()) {
    return LooksLikeFunction(*node.args[0]);  // printed without the cast
  }
  return node.kind == viewdef::NodeKind::kFunc || node.kind == viewdef::NodeKind::kSqlValue ||
         (node.kind == viewdef::NodeKind::kCoalesce && node.name != "NULLIF");
}

// "a, b DESC" [+ ") INCLUDE (c"] as pg_get_indexdef_worker lists columns.
std::string ColumnList(const catalog::CatalogSnapshot& catalog, const catalog::TableDesc& table,
                       const catalog::IndexDesc& index, bool with_options, bool pretty) {
  std::string out;
  for (size_t i = 0; i < index.keys.size(); ++i) {
    const catalog::IndexKeyColumn& k = index.keys[i];
    if (i > 0) out += ", ";
    out += IndexKeyText(catalog, table, k, pretty);
    if (!with_options) continue;
    if (k.descending) {
      out += " DESC";
      if (!k.nulls_first) out += " NULLS LAST";
    } else if (k.nulls_first) {
      out += " NULLS FIRST";
    }
  }
  if (!index.include.empty()) {
    out += ") INCLUDE (";
    for (size_t i = 0; i < index.include.size(); ++i) {
      if (i > 0) out += ", ";
      out += ColumnName(table, index.include[i]);
    }
  }
  return out;
}

}  // namespace

std::string SecondaryIndexDef(const catalog::CatalogSnapshot& catalog,
                              const catalog::TableDesc& table, const catalog::IndexDesc& index,
                              int64_t column, bool pretty) {
  if (column > 0) {
    const size_t i = static_cast<size_t>(column - 1);
    if (i < index.keys.size()) return IndexKeyText(catalog, table, index.keys[i], pretty);
    const std::vector<int16_t> attnums = IndexAttnums(index);
    if (column > static_cast<int64_t>(attnums.size())) return "";
    return ColumnName(table, attnums[i]);
  }
  // The pretty form names the table without its schema when it is visible.
  const catalog::NamespaceDesc* ns = catalog.FindNamespace(table.namespace_oid);
  const std::string schema = ns != nullptr && !(pretty && RelationIsVisible(catalog, table.oid))
                                 ? QuoteIdentText(ns->name) + "."
                                 : "";
  std::string def = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                    QuoteIdentText(index.name) + " ON " + schema + QuoteIdentText(table.name) +
                    " USING " + (index.hash ? "hash" : "btree") + " (" +
                    ColumnList(catalog, table, index, true, pretty) + ")";
  if (index.nulls_not_distinct) def += " NULLS NOT DISTINCT";
  if (!index.predicate.empty()) {
    def += " WHERE " + CheckExpressionText(catalog, table, index.predicate, pretty);
  }
  return def;
}

std::string UniqueConstraintDef(const catalog::CatalogSnapshot& catalog,
                                const catalog::TableDesc& table, const catalog::IndexDesc& index) {
  return std::string("UNIQUE ") + (index.nulls_not_distinct ? "NULLS NOT DISTINCT " : "") + "(" +
         ColumnList(catalog, table, index, false, false) + ")";
}

std::string IndexKeyText(const catalog::CatalogSnapshot& catalog, const catalog::TableDesc& table,
                         const catalog::IndexKeyColumn& key, bool pretty) {
  if (!key.is_expression()) return ColumnName(table, key.attnum);
  try {
    const viewdef::NodePtr node = viewdef::AnalyzeCheckExpression(catalog, table, key.expr, false);
    const std::string text = viewdef::PrintExpression(catalog, *node, pretty, false);
    return LooksLikeFunction(*node) ? text : "(" + text + ")";
  } catch (const viewdef::Unsupported&) {
    // The text as the parser's deparser wrote it: a function call as it
    // is, anything else parenthesized.
    std::vector<std::unique_ptr<ast::Statement>> keep;
    std::string query;
    const ast::Expr& e = ParseStoredExpr(key.expr, &keep, &query);
    return e.kind == ast::ExprKind::kFuncCall ? key.expr : "(" + key.expr + ")";
  }
}

std::vector<std::string> IndexColumnNames(const catalog::TableDesc& table,
                                          const catalog::IndexDesc& index) {
  std::vector<std::string> names;
  auto add = [&names](const std::string& name) {
    std::string candidate = name;
    for (int i = 1; std::find(names.begin(), names.end(), candidate) != names.end(); ++i) {
      candidate = name + std::to_string(i);
    }
    names.push_back(candidate);
  };
  for (const catalog::IndexKeyColumn& k : index.keys) {
    if (!k.is_expression()) {
      add(table.columns[static_cast<size_t>(k.attnum - 1)].name);
      continue;
    }
    std::vector<std::unique_ptr<ast::Statement>> keep;
    std::string query;
    const std::string name = FigureColumnName(ParseStoredExpr(k.expr, &keep, &query));
    add(name == "?column?" ? "expr" : name);
  }
  for (int16_t a : index.include) add(table.columns[static_cast<size_t>(a - 1)].name);
  return names;
}

std::vector<int16_t> IndexAttnums(const catalog::IndexDesc& index) {
  std::vector<int16_t> out;  // an expression key: 0, as pg_index.indkey
  for (const catalog::IndexKeyColumn& k : index.keys) out.push_back(k.attnum);
  out.insert(out.end(), index.include.begin(), index.include.end());
  return out;
}

Value Int2VectorValue(const std::vector<int16_t>& values) {
  std::vector<Value> elements;
  for (int16_t v : values) elements.push_back(Value::Int2(v));
  return MakeArray(22 /* int2vector */, type_oid::kInt2, std::move(elements), 0);
}

std::vector<int16_t> IndexOptions(const catalog::IndexDesc& index) {
  std::vector<int16_t> out;
  for (const catalog::IndexKeyColumn& k : index.keys) {
    out.push_back(static_cast<int16_t>((k.descending ? 1 : 0) | (k.nulls_first ? 2 : 0)));
  }
  return out;
}

catalog::Oid UniqueConstraintOid(const catalog::TableDesc& table, size_t index_position) {
  return ConstraintOid(table.oid, kUniqueConstraintBase + static_cast<int>(index_position));
}

const catalog::IndexDesc* UniqueConstraintIndex(const catalog::CatalogSnapshot& catalog,
                                                catalog::Oid oid,
                                                const catalog::TableDesc** table) {
  if (SyntheticOidIsAttrdef(oid)) return nullptr;
  const catalog::TableDesc* t = catalog.FindTable(SyntheticOidTable(oid));
  const int k = SyntheticOidIndex(oid);
  if (t == nullptr || k < kUniqueConstraintBase) return nullptr;
  const size_t position = static_cast<size_t>(k - kUniqueConstraintBase);
  if (position >= t->indexes.size() || !t->indexes[position].is_constraint) return nullptr;
  *table = t;
  return &t->indexes[position];
}

}  // namespace strata::sql
