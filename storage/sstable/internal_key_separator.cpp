// Index-key shortening (see internal_key_separator.h for the guarantees).
#include "storage/sstable/internal_key_separator.h"

#include <algorithm>
#include <cassert>

#include "storage/dbformat.h"

namespace strata::storage {

void ShortenUserKeySeparator(std::string* start, Slice limit) {
  const size_t min_len = std::min(start->size(), limit.size());
  size_t diff = 0;
  while (diff < min_len && (*start)[diff] == limit[diff]) ++diff;
  if (diff >= min_len) return;  // one is a prefix of the other

  const auto s = static_cast<uint8_t>((*start)[diff]);
  const auto l = static_cast<uint8_t>(limit[diff]);
  if (s + 1 < l) {
    // start[0..diff] + (s+1) sorts after start and before limit.
    (*start)[diff] = static_cast<char>(s + 1);
    start->resize(diff + 1);
    return;
  }
  // limit[diff] == s + 1: keep start[diff], then bump the first later byte of
  // start that can be incremented; the result is > start, and < limit because
  // it still differs from limit at `diff` with a smaller byte.
  for (size_t i = diff + 1; i + 1 < start->size(); ++i) {
    const auto c = static_cast<uint8_t>((*start)[i]);
    if (c < 0xff) {
      (*start)[i] = static_cast<char>(c + 1);
      start->resize(i + 1);
      return;
    }
  }
}

void ShortenUserKeySuccessor(std::string* key) {
  for (size_t i = 0; i < key->size(); ++i) {
    const auto c = static_cast<uint8_t>((*key)[i]);
    if (c != 0xff) {
      (*key)[i] = static_cast<char>(c + 1);
      key->resize(i + 1);
      return;
    }
  }
  // All 0xff: no shorter successor.
}

void ShortenInternalKeySeparator(std::string* start, Slice limit) {
  const Slice user_start = ExtractUserKey(*start);
  const Slice user_limit = ExtractUserKey(limit);
  std::string shortened(user_start);
  ShortenUserKeySeparator(&shortened, user_limit);
  if (shortened.size() < user_start.size() && Compare(user_start, shortened) < 0) {
    PutFixed64(&shortened, PackSequenceAndType(kMaxSequenceNumber, kValueTypeForSeek));
    assert(CompareInternalKeys(*start, shortened) < 0);
    assert(CompareInternalKeys(shortened, limit) < 0);
    start->swap(shortened);
  }
}

void ShortenInternalKeySuccessor(std::string* key) {
  const Slice user_key = ExtractUserKey(*key);
  std::string shortened(user_key);
  ShortenUserKeySuccessor(&shortened);
  if (shortened.size() < user_key.size() && Compare(user_key, shortened) < 0) {
    PutFixed64(&shortened, PackSequenceAndType(kMaxSequenceNumber, kValueTypeForSeek));
    assert(CompareInternalKeys(*key, shortened) < 0);
    key->swap(shortened);
  }
}

}  // namespace strata::storage
