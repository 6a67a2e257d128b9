// CompiledRegex: a pattern compiled by std::regex's ECMAScript grammar (see
// regex_functions.cpp for how it relates to PostgreSQL's AREs), from a small
// per-thread cache of the most recently used patterns. 2201B for a pattern
// that does not compile. Shared by the match operators and the regexp_*
// functions.
#pragma once

#include <regex>
#include <string>

namespace strata::sql {

const std::regex& CompiledRegex(const std::string& pattern, bool icase);

}  // namespace strata::sql
