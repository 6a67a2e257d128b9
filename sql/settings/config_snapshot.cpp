// The process-wide current ConfigSnapshot (see config_snapshot.h).
#include "sql/settings/config_snapshot.h"

#include <atomic>
#include <mutex>

namespace strata::sql {

namespace {
std::mutex g_mutex;
std::shared_ptr<const ConfigSnapshot> g_current;
std::atomic<uint64_t> g_generation{0};
}  // namespace

void InstallConfigSnapshot(ConfigSnapshot snapshot) {
  std::lock_guard lock(g_mutex);
  snapshot.generation = g_generation.load() + 1;
  g_current = std::make_shared<const ConfigSnapshot>(std::move(snapshot));
  g_generation.store(g_current->generation, std::memory_order_release);
}

std::shared_ptr<const ConfigSnapshot> CurrentConfigSnapshot() {
  std::lock_guard lock(g_mutex);
  return g_current;
}

uint64_t ConfigGeneration() { return g_generation.load(std::memory_order_acquire); }

}  // namespace strata::sql
