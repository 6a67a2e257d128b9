// Tests for the usable-memory probe: cgroup limit files and the result's bounds.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "common/system_memory.h"

using namespace strata;

TEST_CASE("cgroup memory limit files") {
  CHECK(ParseCgroupMemoryLimit("max\n") == 0);
  CHECK(ParseCgroupMemoryLimit("") == 0);
  CHECK(ParseCgroupMemoryLimit("536870912\n") == 536870912u);
  CHECK(ParseCgroupMemoryLimit("  1024 ") == 1024u);
  CHECK(ParseCgroupMemoryLimit("12ab") == 0);
  CHECK(ParseCgroupMemoryLimit("99999999999999999999999") == 0);  // past 64 bits
  CHECK(ParseCgroupMemoryLimit("9223372036854771712\n") == 9223372036854771712u);  // v1 "none"
}

TEST_CASE("usable memory is positive and at most the physical memory") {
  const uint64_t usable = UsableMemoryBytes();
  CHECK(usable > 0);
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGE_SIZE);
  if (pages > 0 && page > 0) CHECK(usable <= static_cast<uint64_t>(pages) * page);
}
