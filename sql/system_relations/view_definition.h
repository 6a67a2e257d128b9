// A view's definition as PostgreSQL 15's pg_get_viewdef prints it: the stored
// query deparsed (ruleutils.c's layout) rather than the text as written.
//
// Policy: the deparser covers the common shapes (SELECT lists, FROM with
// tables, views, subqueries, CTEs and joins, WHERE, GROUP BY, HAVING,
// ORDER BY, LIMIT/OFFSET, DISTINCT, UNION/INTERSECT/EXCEPT, operators and
// functions over the basic types with the implicit casts PostgreSQL shows).
// When a query uses anything it cannot print exactly as PostgreSQL would
// (other functions or types, ambiguous range names, ...), it prints the
// stored query text instead — the user's own query, never a half-deparsed
// or wrongly typed one.
#pragma once

#include <string>

#include "catalog/catalog.h"

namespace strata::sql {

// pg_get_viewdef(view, pretty): the definition followed by ';'. `pretty`
// drops the parentheses PostgreSQL's non-pretty form puts around every
// operator and boolean expression; both forms are indented. Select-list and
// FROM items share a line up to `wrap_column` (0: one item per line, the
// default; pg_get_viewdef(view, int) passes its own).
std::string ViewDefinitionText(const catalog::CatalogSnapshot& catalog,
                               const catalog::ViewDesc& view, bool pretty, int wrap_column = 0);

// A CHECK constraint's expression (stored as written) as
// pg_get_constraintdef prints it inside CHECK (...): implicit casts shown,
// columns unqualified, and in the non-pretty form every operator
// parenthesized. The stored text if the deparser cannot print it exactly.
std::string CheckExpressionText(const catalog::CatalogSnapshot& catalog,
                                const catalog::TableDesc& table, const std::string& expr,
                                bool pretty);

}  // namespace strata::sql
