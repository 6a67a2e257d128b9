// Names of the meta blocks listed in an SSTable's metaindex block.
// Written to disk: never rename. They must stay in bytewise order as listed
// here, which is the order the writer adds them in.
#pragma once

#include <string_view>

namespace strata::storage {

inline constexpr std::string_view kFilterBlockName = "strata.filter.bloom";
inline constexpr std::string_view kPropertiesBlockName = "strata.properties";
inline constexpr std::string_view kRangeDelBlockName = "strata.range_del";

}  // namespace strata::storage
