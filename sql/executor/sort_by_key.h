// Sorting (key, payload) pairs by their byte-string keys (memcomparable
// encodings), as Sort and CREATE INDEX do. Sorting the pairs themselves
// compares whole strings and moves both members at every step; this sorts
// 16-byte (8-byte key prefix, position) slots instead, compares whole keys
// only when prefixes tie, and moves each pair once. Equal keys keep their
// input order (the position breaks ties), so the sort is stable.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/coding.h"

namespace strata::sql {

template <typename Payload>
void SortByKey(std::vector<std::pair<std::string, Payload>>* entries) {
  struct Slot {
    uint64_t prefix;
    size_t position;
  };
  std::vector<Slot> slots(entries->size());
  for (size_t i = 0; i < entries->size(); ++i) {
    slots[i] = Slot{OrderedPrefix64((*entries)[i].first), i};
  }
  std::sort(slots.begin(), slots.end(), [entries](const Slot& a, const Slot& b) {
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    const int c = (*entries)[a.position].first.compare((*entries)[b.position].first);
    if (c != 0) return c < 0;
    return a.position < b.position;
  });
  std::vector<std::pair<std::string, Payload>> sorted;
  sorted.reserve(entries->size());
  for (const Slot& slot : slots) sorted.push_back(std::move((*entries)[slot.position]));
  *entries = std::move(sorted);
}

}  // namespace strata::sql
