// Parsing of PL/pgSQL bodies: libpg_query's pg_query_parse_plpgsql (the
// PL/pgSQL grammar of PostgreSQL 15, run over a whole CREATE FUNCTION or DO
// statement) returns the function's tree as JSON; this turns it into
// ast::plpgsql::Function. libpg_query stays inside sql/parser/.
#pragma once

#include <memory>
#include <string>

#include "sql/ast/plpgsql_tree.h"

namespace strata::sql {

// `statement` is a CREATE FUNCTION ... LANGUAGE plpgsql AS '...' or DO '...'
// statement whose body is `body`. Throws the grammar's SqlError (42601
// syntax errors, "x" is not a known variable, ...), or 0A000 for a
// construct the interpreter does not have.
std::shared_ptr<const ast::plpgsql::Function> ParsePlpgsql(const std::string& statement,
                                                          const std::string& body);

}  // namespace strata::sql
