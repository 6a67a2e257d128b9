// Data-directory file names (see file_names.h).
#include "storage/db/file_names.h"

#include <cinttypes>
#include <cstdio>

#include "storage/version/manifest_file_names.h"

namespace strata::storage {

namespace {

// Parses a non-empty run of decimal digits that is the whole of `digits`.
bool ParseNumber(Slice digits, uint64_t* number) {
  if (digits.empty() || digits.size() > 19) return false;
  uint64_t n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  *number = n;
  return true;
}

bool EndsWith(Slice s, Slice suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string WalFileName(const std::string& dir, uint64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "/%06" PRIu64 ".wal", number);
  return dir + buf;
}

DbFileType ParseDbFileName(Slice name, uint64_t* number) {
  *number = 0;
  if (name == kCurrentFileName) return DbFileType::kCurrent;
  if (name == kLockFileName) return DbFileType::kLock;
  if (EndsWith(name, ".tmp")) return DbFileType::kTemp;
  if (ParseManifestFileName(name, number)) return DbFileType::kManifest;
  if (EndsWith(name, ".wal") && ParseNumber(name.substr(0, name.size() - 4), number)) {
    return DbFileType::kWal;
  }
  if (EndsWith(name, ".sst") && ParseNumber(name.substr(0, name.size() - 4), number)) {
    return DbFileType::kTable;
  }
  *number = 0;
  return DbFileType::kOther;
}

}  // namespace strata::storage
