// MovedKeys (see moved_keys.h).
#include "txn/moved_keys.h"

namespace strata::txn {

std::string MovedKeys::Entry(storage::TreeId tree, const std::string& key) {
  std::string entry = std::to_string(tree);
  entry.push_back(':');
  entry += key;
  return entry;
}

void MovedKeys::Record(storage::TreeId tree, const std::vector<std::string>& keys) {
  if (keys.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::string& key : keys) {
    std::string entry = Entry(tree, key);
    if (!keys_.insert(entry).second) continue;
    order_.push_back(std::move(entry));
    if (order_.size() > kCapacity) {
      keys_.erase(order_.front());
      order_.pop_front();
    }
  }
}

bool MovedKeys::Contains(storage::TreeId tree, const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  return keys_.count(Entry(tree, key)) != 0;
}

}  // namespace strata::txn
