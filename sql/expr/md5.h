// MD5 (RFC 1321) for the SQL md5() function: the digest of a byte string as
// 32 lower-case hex digits.
#pragma once

#include <string>
#include <string_view>

namespace strata::sql {

std::string Md5Hex(std::string_view data);

}  // namespace strata::sql
