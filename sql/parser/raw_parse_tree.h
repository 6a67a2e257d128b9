// The two steps of ParseQuery, for code inside sql/parser/ that keeps a raw
// tree between them (literal_template_cache.h): libpg_query's parse, unpacked
// into an arena, and the Transformer's pass over it into our statements.
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <memory>
#include <string_view>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/parser/protobuf_arena.h"

namespace strata::sql::parser {

// A raw parse tree and the arena that holds it (the tree dies with it).
struct RawParseTree {
  std::unique_ptr<ProtobufArena> arena;
  PgQuery__ParseResult* tree = nullptr;
};

// libpg_query's parse of `query`; throws ParseQuery's errors.
RawParseTree ParseRawTree(std::string_view query);

// Our statements from a raw tree of `query` (its locations index `query`).
std::vector<std::unique_ptr<ast::Statement>> TransformRawTree(std::string_view query,
                                                              const PgQuery__ParseResult& tree);

}  // namespace strata::sql::parser
