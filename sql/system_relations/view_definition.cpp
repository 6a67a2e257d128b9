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

}  // namespace strata::sql
