// LiteralTemplate: a query string with its integer literals taken out, so
// that queries differing only in those literals ("... WHERE aid = 17" and
// "... WHERE aid = 42", as pgbench and most applications using the simple
// protocol send them) share one raw parse tree (literal_template_cache.h).
//
// The template keeps every literal's length: two queries share a template
// only when their literals have the same lengths, so every location in a
// parse tree (error positions, statement bounds) is the same for both.
//
// A literal here is a plain decimal integer token that PostgreSQL's scanner
// reads as an integer constant (it fits int32: larger ones scan as numeric).
// Strings that could hide one ('...', "...") are skipped; any construct this
// small scanner does not model (comments, dollar quoting, E'' and other
// prefixed strings, numbers with a fraction or exponent) makes the query
// template-less: it is parsed as always.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql::parser {

struct TemplateLiteral {
  int offset = 0;        // of its first digit
  int32_t value = 0;
  // The offset of a '-' just before it (only white space between), where
  // the grammar puts a folded negative constant; -1 if none.
  int minus_offset = -1;
};

struct LiteralTemplate {
  std::string key;  // the query with each literal's digits replaced by '\x01'
  std::vector<TemplateLiteral> literals;
};

// The template of `query`, or nullopt if it has no integer literal or uses
// a construct the scanner does not model.
std::optional<LiteralTemplate> MakeLiteralTemplate(std::string_view query);

}  // namespace strata::sql::parser
