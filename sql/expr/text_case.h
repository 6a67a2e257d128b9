// Case mapping of UTF-8 text under the database's LC_CTYPE (C.UTF-8):
// lower(), upper(), initcap() and ILIKE's case folding.
#pragma once

#include <string>

namespace strata::sql {

std::string LowerText(const std::string& s);
std::string UpperText(const std::string& s);
std::string InitcapText(const std::string& s);

}  // namespace strata::sql
