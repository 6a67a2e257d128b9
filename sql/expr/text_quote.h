// quote_literal() and quote_ident() on plain strings (string_sql_functions.cpp),
// shared by the SQL functions and format()'s %L / %I.
#pragma once

#include <string>

namespace strata::sql {

// 'it''s', E'a\\b' when the text has a backslash (PostgreSQL's quote_literal).
std::string QuoteLiteralText(const std::string& s);
// The identifier as is when a lower-case name, else double-quoted
// (keywords are not checked yet).
std::string QuoteIdentText(const std::string& s);

}  // namespace strata::sql
