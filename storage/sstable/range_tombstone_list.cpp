// Fragmentation of range tombstones (see range_tombstone_list.h).
#include "storage/sstable/range_tombstone_list.h"

#include <algorithm>
#include <functional>

namespace strata::storage {

RangeTombstoneList::RangeTombstoneList(std::vector<TableRangeTombstone> tombstones)
    : tombstones_(std::move(tombstones)) {
  for (const auto& t : tombstones_) {
    if (Compare(t.start, t.end) >= 0) continue;
    boundaries_.push_back(t.start);
    boundaries_.push_back(t.end);
  }
  std::sort(boundaries_.begin(), boundaries_.end(),
            [](const std::string& a, const std::string& b) { return Compare(a, b) < 0; });
  boundaries_.erase(std::unique(boundaries_.begin(), boundaries_.end()), boundaries_.end());
  if (boundaries_.size() < 2) {
    boundaries_.clear();
    return;
  }
  auto index_of = [this](const std::string& key) {
    return static_cast<size_t>(std::lower_bound(boundaries_.begin(), boundaries_.end(), key,
                                                [](const std::string& a, const std::string& b) {
                                                  return Compare(a, b) < 0;
                                                }) -
                               boundaries_.begin());
  };
  const size_t intervals = boundaries_.size() - 1;
  std::vector<std::vector<SequenceNumber>> per_interval(intervals);
  for (const auto& t : tombstones_) {
    if (Compare(t.start, t.end) >= 0) continue;
    const size_t first = index_of(t.start);
    const size_t last = index_of(t.end);
    for (size_t i = first; i < last; ++i) per_interval[i].push_back(t.seq);
  }
  seq_begin_.reserve(intervals + 1);
  for (auto& seqs : per_interval) {
    seq_begin_.push_back(static_cast<uint32_t>(seqs_.size()));
    std::sort(seqs.begin(), seqs.end(), std::greater<>());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    seqs_.insert(seqs_.end(), seqs.begin(), seqs.end());
  }
  seq_begin_.push_back(static_cast<uint32_t>(seqs_.size()));
}

std::optional<SequenceNumber> RangeTombstoneList::MaxCoveringSeq(Slice user_key,
                                                                 SequenceNumber snapshot) const {
  if (boundaries_.empty()) return std::nullopt;
  // First boundary > user_key; the interval holding user_key starts just before it.
  auto it = std::upper_bound(boundaries_.begin(), boundaries_.end(), user_key,
                             [](Slice a, const std::string& b) { return Compare(a, b) < 0; });
  if (it == boundaries_.begin() || it == boundaries_.end()) return std::nullopt;
  const size_t interval = static_cast<size_t>(it - boundaries_.begin()) - 1;
  auto begin = seqs_.begin() + seq_begin_[interval];
  auto end = seqs_.begin() + seq_begin_[interval + 1];
  // Descending: the first seq <= snapshot is the highest visible one.
  auto visible = std::lower_bound(begin, end, snapshot, std::greater<>());
  if (visible == end) return std::nullopt;
  return *visible;
}

}  // namespace strata::storage
