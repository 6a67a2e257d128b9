// ParseQuery: turns a query string into our statements (sql/ast/). This is
// the only entry into libpg_query; nothing outside sql/parser/ includes its
// headers or sees PostgreSQL's node types.
//
// Thread safety: safe to call concurrently (libpg_query keeps its memory
// contexts per thread).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "sql/ast/statement.h"

namespace strata::sql {

// Parses every statement of `query`. Empty, whitespace-only and comment-only
// strings (and bare semicolons) yield no statements. Throws SqlError for a
// syntax error, with PostgreSQL's SQLSTATE (42601 unless the grammar raised
// another), message and 1-based character position; no statement of the
// string is returned then, as PostgreSQL runs none of them.
std::vector<std::unique_ptr<ast::Statement>> ParseQuery(std::string_view query);

}  // namespace strata::sql
