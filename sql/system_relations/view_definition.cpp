// pg_get_viewdef's text: the view's query deparsed in PostgreSQL 15's format
// (view_deparse_analyze.cpp, view_deparse_print.cpp), or its stored text
// when the deparser cannot print it exactly (see view_definition.h).
#include "sql/system_relations/view_definition.h"

#include "sql/system_relations/view_deparse_tree.h"

namespace strata::sql {

std::string ViewDefinitionText(const catalog::CatalogSnapshot& catalog,
                               const catalog::ViewDesc& view, bool pretty, int wrap_column) {
  try {
    auto query = viewdef::AnalyzeViewQuery(catalog, view);
    std::vector<std::string> names;
    for (const catalog::ViewColumn& c : view.columns) names.push_back(c.name);
    return viewdef::PrintViewQuery(catalog, *query, names, pretty, wrap_column) + ";";
  } catch (const viewdef::Unsupported&) {
    return view.query + ";";
  }
}

std::string CheckExpressionText(const catalog::CatalogSnapshot& catalog,
                                const catalog::TableDesc& table, const std::string& expr,
                                bool pretty) {
  try {
    auto node = viewdef::AnalyzeCheckExpression(catalog, table, expr);
    return viewdef::PrintExpression(catalog, *node, pretty, false);
  } catch (const viewdef::Unsupported&) {
    return pretty ? expr : "(" + expr + ")";
  }
}

}  // namespace strata::sql
