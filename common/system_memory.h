// How much memory this process may use: the machine's physical memory, or
// less when a control group (a container's memory limit) says so. Sizes
// that scale with the machine (the block cache's automatic size) start here.
#pragma once

#include <cstdint>
#include <string>

namespace strata {

// min(physical memory, the cgroup v2 memory.max or cgroup v1
// memory.limit_in_bytes of our own group, when set). Never 0.
uint64_t UsableMemoryBytes();

// The limit written in a cgroup memory file ("max" or a byte count), or 0
// when it sets none ("max", empty, unreadable). Exposed for tests.
uint64_t ParseCgroupMemoryLimit(const std::string& text);

}  // namespace strata
