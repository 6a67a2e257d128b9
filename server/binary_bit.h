// Binary (format 1) send/receive of bit and bit varying, as PostgreSQL 15's
// bit_send/bit_recv and varbit_send/varbit_recv: an int32 bit count, then
// the bits packed high bit first, the last byte zero-padded. The typmod
// (length) is checked by the caller's coercion. Rows of binary_format.cpp's
// table.
#pragma once

#include <string>
#include <string_view>

#include "sql/types/value.h"

namespace strata::server {

void SendBitValue(const sql::Value& value, std::string* out);
sql::Value RecvBitValue(std::string_view* in, sql::Oid type);

}  // namespace strata::server
