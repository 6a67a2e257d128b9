// Binary (format 1) send/receive of inet, cidr, macaddr and macaddr8, as
// PostgreSQL 15's inet_send/inet_recv (family, bits, is_cidr, length,
// address bytes), macaddr_send/recv (6 bytes) and macaddr8_send/recv
// (8 bytes, or 6 expanded with FF:FE). Rows of binary_format.cpp's table.
#pragma once

#include <string>
#include <string_view>

#include "sql/types/value.h"

namespace strata::server {

void SendInetValue(const sql::Value& value, std::string* out);
sql::Value RecvInetValue(std::string_view* in, sql::Oid type);
void SendMacValue(const sql::Value& value, std::string* out);
sql::Value RecvMacaddrValue(std::string_view* in, sql::Oid type);
sql::Value RecvMacaddr8Value(std::string_view* in, sql::Oid type);

}  // namespace strata::server
