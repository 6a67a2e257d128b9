// Usable memory (see system_memory.h).
#include "common/system_memory.h"

#include <unistd.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace strata {

namespace {

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The path of our own cgroup (v2: the "0::" line of /proc/self/cgroup;
// v1: the memory controller's line), relative to the mount point.
std::string OwnCgroup(bool v2) {
  std::istringstream lines(ReadSmallFile("/proc/self/cgroup"));
  std::string line;
  while (std::getline(lines, line)) {
    const size_t first = line.find(':');
    const size_t second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const bool match = v2 ? (line.compare(0, first, "0") == 0 && controllers.empty())
                          : (("," + controllers + ",").find(",memory,") != std::string::npos);
    if (match) return line.substr(second + 1);
  }
  return {};
}

}  // namespace

uint64_t ParseCgroupMemoryLimit(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  uint64_t value = 0;
  size_t digits = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++digits) {
    if (value > (UINT64_MAX - 9) / 10) return 0;  // beyond any real limit: none
    value = value * 10 + static_cast<uint64_t>(text[i] - '0');
  }
  if (digits == 0) return 0;  // "max" or garbage
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return i == text.size() ? value : 0;
}

uint64_t UsableMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  uint64_t usable = pages > 0 && page_size > 0
                        ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size)
                        : uint64_t{1} << 30;  // unknown: assume 1 GB
  // cgroup v1 reports "no limit" as a huge number; the min() handles it.
  const std::string candidates[] = {
      "/sys/fs/cgroup" + OwnCgroup(true) + "/memory.max",
      "/sys/fs/cgroup/memory.max",
      "/sys/fs/cgroup/memory" + OwnCgroup(false) + "/memory.limit_in_bytes",
      "/sys/fs/cgroup/memory/memory.limit_in_bytes",
  };
  for (const std::string& path : candidates) {
    const uint64_t limit = ParseCgroupMemoryLimit(ReadSmallFile(path));
    if (limit > 0 && limit < usable) usable = limit;
  }
  return usable;
}

}  // namespace strata
