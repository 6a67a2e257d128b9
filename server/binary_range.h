// Binary (format 1) send/receive of the range and multirange types, as
// PostgreSQL 15's range_send/range_recv and multirange_send/multirange_recv:
//   range      := flags byte (0x01 empty, 0x02 lower inclusive, 0x04 upper
//                 inclusive, 0x08 lower infinite, 0x10 upper infinite), then
//                 for each finite bound an int32 length and the subtype's
//                 binary value
//   multirange := int32 range count, then per range an int32 length and the
//                 range as above.
// Received ranges are validated and canonicalized as range_in does. Rows of
// binary_format.cpp's table.
#pragma once

#include <string>
#include <string_view>

#include "sql/types/value.h"

namespace strata::server {

void SendRangeValue(const sql::Value& value, std::string* out);
sql::Value RecvRangeValue(std::string_view* in, sql::Oid type);
void SendMultirangeValue(const sql::Value& value, std::string* out);
sql::Value RecvMultirangeValue(std::string_view* in, sql::Oid type);

}  // namespace strata::server
