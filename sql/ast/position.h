// Error positions: AST locations are 0-based byte offsets into the query
// string; PostgreSQL reports 1-based character (not byte) positions.
#pragma once

#include <algorithm>
#include <string_view>

namespace strata::sql::ast {

// The 1-based character position of byte offset `location` in UTF-8
// `query`, or 0 (no position) when `location` is negative.
inline int CharPosition(std::string_view query, int location) {
  if (location < 0) return 0;
  int chars = 0;
  const size_t end = std::min(static_cast<size_t>(location), query.size());
  for (size_t i = 0; i < end; ++i) {
    // Count every byte that is not a UTF-8 continuation byte.
    if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) ++chars;
  }
  return chars + 1;
}

}  // namespace strata::sql::ast
