// ParseTreeDepth: the nesting depth of libpg_query's serialized parse tree,
// measured without recursion, so that a tree too deep to unpack safely (the
// protobuf-c unpacker recurses once per nested message) is rejected first.
// Internal to sql/parser/.
#pragma once

#include <cstddef>
#include <cstdint>

namespace strata::sql::parser {

// Deepest message nesting in a serialized PgQuery__ParseResult; returns
// `limit` + 1 as soon as the depth exceeds `limit`.
size_t ParseTreeDepth(const uint8_t* data, size_t len, size_t limit);

}  // namespace strata::sql::parser
