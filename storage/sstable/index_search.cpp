// IndexSearch: the prefix array over an index block (see index_search.h).
#include "storage/sstable/index_search.h"

#include <algorithm>

#include "common/coding.h"
#include "storage/dbformat.h"

namespace strata::storage {

namespace {

// The user-key part of an internal key (which ends in an 8-byte trailer).
Slice UserKeyOf(Slice internal_key) {
  return internal_key.size() >= 8 ? internal_key.substr(0, internal_key.size() - 8) : Slice();
}

}  // namespace

IndexSearch IndexSearch::Build(const Block& index_block) {
  IndexSearch search;
  const uint32_t n = index_block.num_restarts();
  Slice key, value, first, last;
  uint32_t end = 0;
  // Every entry must start a restart interval (whole key, no shared bytes)
  // and end where the next one starts.
  for (uint32_t i = 0; i < n; ++i) {
    if (!index_block.RestartEntry(i, &key, &value, &end) || key.size() < 8) return IndexSearch();
    const uint32_t next = i + 1 < n ? index_block.restart_point(i + 1) : index_block.entries_end();
    if (end != next) return IndexSearch();
    if (i == 0) first = UserKeyOf(key);
    last = UserKeyOf(key);
  }
  if (n == 0 || index_block.entries_end() == 0) return IndexSearch();
  size_t shared = 0;
  while (shared < first.size() && shared < last.size() && first[shared] == last[shared]) ++shared;
  search.shared_ = std::string(first.substr(0, shared));
  search.block_ = &index_block;
  search.prefixes_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    index_block.RestartEntry(i, &key, &value, &end);
    search.prefixes_.push_back(search.Prefix(UserKeyOf(key)));
  }
  return search;
}

uint64_t IndexSearch::Prefix(Slice user_key) const {
  // REQUIRES: user_key starts with shared_. Zero padding keeps the mapping
  // monotonic: a key that is a proper prefix of another gets a prefix <= it.
  return OrderedPrefix64(user_key, shared_.size());
}

size_t IndexSearch::Seek(Slice target) const {
  const Slice user_key = UserKeyOf(target);
  // A target outside the shared prefix is below or above every entry.
  const Slice head = user_key.substr(0, std::min(user_key.size(), shared_.size()));
  if (const int c = Compare(head, Slice(shared_).substr(0, head.size())); c != 0) {
    return c < 0 ? 0 : size();
  }
  if (head.size() < shared_.size()) return 0;  // a proper prefix of every entry's key

  const uint64_t p = Prefix(user_key);
  size_t lo = std::lower_bound(prefixes_.begin(), prefixes_.end(), p) - prefixes_.begin();
  size_t hi = std::upper_bound(prefixes_.begin() + lo, prefixes_.end(), p) - prefixes_.begin();
  // In [lo, hi) the prefixes tie: compare whole internal keys.
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    Slice key, value;
    Entry(mid, &key, &value);
    if (CompareInternalKeys(key, target) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

void IndexSearch::Entry(size_t i, Slice* key, Slice* value) const {
  uint32_t end = 0;
  block_->RestartEntry(static_cast<uint32_t>(i), key, value, &end);
}

}  // namespace strata::storage
