// Slice: a non-owning view of bytes. Keys and values are arbitrary bytes, so a
// Slice may contain NULs; compare with Compare(), which orders bytes unsigned.
// LIFETIME: a Slice never owns its bytes; the producer documents how long they live.
#pragma once

#include <cstring>
#include <string>
#include <string_view>

namespace strata {

using Slice = std::string_view;

// Lexicographic comparison of unsigned bytes: <0, 0, >0.
inline int Compare(Slice a, Slice b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  int r = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (r != 0) return r;
  if (a.size() < b.size()) return -1;
  if (a.size() > b.size()) return 1;
  return 0;
}

}  // namespace strata
