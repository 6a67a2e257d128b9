// The operators, functions and casts of inet, cidr, macaddr and macaddr8
// with PostgreSQL 15's semantics (network.c, mac.c, mac8.c): comparisons,
// containment (<< >> &&), bitwise ~ & |, inet + int8 / - , and the
// SQL-callable functions (family, masklen, host, network, broadcast, ...).
#pragma once

#include <span>
#include <string>

#include "sql/expr/builtin_function.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

std::span<const BuiltinFunction> NetworkFunctions();
std::span<const SqlFunction> NetworkSqlFunctions();

// pg_cast's function casts among the network types (inet -> cidr,
// macaddr <-> macaddr8).
bool IsNetworkCast(Oid source, Oid target);

// A session's client address (BackendActivity::client_addr) as an inet;
// NULL for a Unix-domain socket (empty text).
Value ClientAddrValue(const std::string& address);
Value NetworkCast(const Value& value, Oid target);

}  // namespace strata::sql
