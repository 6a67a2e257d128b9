// FragmentedRangeTombstones (see fragmented_range_tombstones.h).
//
// Construction sweeps the sorted boundary keys once, keeping the tombstones
// active at each boundary; a fragment's seq list is a copy of the active set.
#include "storage/compaction/fragmented_range_tombstones.h"

#include <algorithm>
#include <map>

namespace strata::storage {

FragmentedRangeTombstones::FragmentedRangeTombstones(const std::vector<RangeTombstone>& tombstones) {
  std::vector<const RangeTombstone*> sorted;
  std::vector<std::string> bounds;
  for (const auto& t : tombstones) {
    if (Compare(t.start, t.end) >= 0) continue;
    sorted.push_back(&t);
    bounds.push_back(t.start);
    bounds.push_back(t.end);
  }
  if (sorted.empty()) return;
  std::sort(sorted.begin(), sorted.end(),
            [](const RangeTombstone* a, const RangeTombstone* b) { return Compare(a->start, b->start) < 0; });
  std::sort(bounds.begin(), bounds.end(), [](const std::string& a, const std::string& b) { return Compare(a, b) < 0; });
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());

  // Active tombstones keyed by end; the value is the seq.
  std::multimap<std::string, SequenceNumber, bool (*)(const std::string&, const std::string&)> active(
      [](const std::string& a, const std::string& b) { return Compare(a, b) < 0; });
  size_t next = 0;
  for (size_t i = 0; i + 1 < bounds.size(); ++i) {
    const std::string& lo = bounds[i];
    while (next < sorted.size() && Compare(sorted[next]->start, lo) <= 0) {
      active.emplace(sorted[next]->end, sorted[next]->seq);
      ++next;
    }
    while (!active.empty() && Compare(active.begin()->first, lo) <= 0) active.erase(active.begin());
    if (active.empty()) continue;
    Fragment f{lo, bounds[i + 1], {}};
    f.seqs.reserve(active.size());
    for (const auto& [end, seq] : active) f.seqs.push_back(seq);
    std::sort(f.seqs.begin(), f.seqs.end());
    f.seqs.erase(std::unique(f.seqs.begin(), f.seqs.end()), f.seqs.end());
    fragments_.push_back(std::move(f));
  }
}

std::span<const SequenceNumber> FragmentedRangeTombstones::CoveringSeqs(Slice user_key) const {
  // Last fragment with start <= user_key.
  auto it = std::upper_bound(fragments_.begin(), fragments_.end(), user_key,
                             [](Slice key, const Fragment& f) { return Compare(key, f.start) < 0; });
  if (it == fragments_.begin()) return {};
  --it;
  if (Compare(user_key, it->end) >= 0) return {};
  return std::span<const SequenceNumber>(it->seqs);
}

bool FragmentedRangeTombstones::Covers(Slice user_key, SequenceNumber seq, SequenceNumber upper) const {
  std::span<const SequenceNumber> seqs = CoveringSeqs(user_key);
  auto it = std::upper_bound(seqs.begin(), seqs.end(), seq);
  return it != seqs.end() && *it <= upper;
}

}  // namespace strata::storage
