// SnapshotList (see snapshot_list.h).
#include "storage/db/snapshot_list.h"

namespace strata::storage {

const SnapshotImpl* SnapshotList::New(SequenceNumber seq) {
  auto snapshot = std::make_unique<SnapshotImpl>(seq);
  const SnapshotImpl* raw = snapshot.get();
  std::lock_guard<std::mutex> lock(mu_);
  live_.emplace(raw, std::move(snapshot));
  ++counts_[seq];
  return raw;
}

bool SnapshotList::Release(const Snapshot* snapshot) {
  std::unique_ptr<SnapshotImpl> doomed;  // freed outside the lock
  std::lock_guard<std::mutex> lock(mu_);
  auto it = live_.find(snapshot);
  if (it == live_.end()) return false;
  doomed = std::move(it->second);
  live_.erase(it);
  auto c = counts_.find(doomed->sequence());
  if (--c->second == 0) counts_.erase(c);
  return true;
}

std::vector<SequenceNumber> SnapshotList::Sequences() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SequenceNumber> out;
  out.reserve(counts_.size());
  for (const auto& [seq, n] : counts_) out.push_back(seq);
  return out;
}

std::optional<SequenceNumber> SnapshotList::Oldest() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (counts_.empty()) return std::nullopt;
  return counts_.begin()->first;
}

size_t SnapshotList::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return live_.size();
}

void SnapshotList::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  live_.clear();
  counts_.clear();
}

}  // namespace strata::storage
