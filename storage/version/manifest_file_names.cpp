// Manifest and CURRENT file names (see manifest_file_names.h).
#include "storage/version/manifest_file_names.h"

#include <cstdio>

namespace strata::storage {

std::string ManifestFileName(uint64_t number) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "MANIFEST-%06llu", static_cast<unsigned long long>(number));
  return buf;
}

bool ParseManifestFileName(Slice name, uint64_t* number) {
  constexpr Slice kPrefix("MANIFEST-");
  if (name.size() <= kPrefix.size() || name.substr(0, kPrefix.size()) != kPrefix) return false;
  Slice digits = name.substr(kPrefix.size());
  if (digits.size() > 19) return false;  // keeps the value below 2^64
  uint64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *number = v;
  return true;
}

}  // namespace strata::storage
