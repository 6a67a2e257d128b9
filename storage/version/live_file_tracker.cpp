// LiveFileTracker (see live_file_tracker.h).
#include "storage/version/live_file_tracker.h"

#include <algorithm>
#include <cassert>

namespace strata::storage {

void LiveFileTracker::Ref(uint64_t number, uint32_t tree_id, uint64_t file_size) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = live_[number];
  if (e.refs == 0) {
    e.tree_id = tree_id;
    e.file_size = file_size;
  }
  ++e.refs;
}

void LiveFileTracker::Unref(uint64_t number) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = live_.find(number);
  assert(it != live_.end() && it->second.refs > 0);
  if (it == live_.end()) return;
  if (--it->second.refs == 0) {
    obsolete_.push_back(ObsoleteFile{number, it->second.tree_id, it->second.file_size});
    live_.erase(it);
  }
}

int LiveFileTracker::RefCount(uint64_t number) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = live_.find(number);
  return it == live_.end() ? 0 : it->second.refs;
}

std::vector<uint64_t> LiveFileTracker::LiveFileNumbers() const {
  std::vector<uint64_t> out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out.reserve(live_.size());
    for (const auto& [number, entry] : live_) out.push_back(number);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<LiveFileTracker::ObsoleteFile> LiveFileTracker::TakeObsoleteFiles() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ObsoleteFile> out;
  out.reserve(obsolete_.size());
  std::unordered_map<uint64_t, bool> seen;
  for (const ObsoleteFile& f : obsolete_) {
    // Defensive: a number listed again after dropping to zero is live.
    if (live_.count(f.number) == 0 && seen.emplace(f.number, true).second) out.push_back(f);
  }
  obsolete_.clear();
  return out;
}

}  // namespace strata::storage
