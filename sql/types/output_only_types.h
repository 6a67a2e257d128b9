// Types that catalog functions and relations produce but that nothing can
// read, store or order: aclitem[] (acldefault(), the acl columns). Their
// values print as their text; array equality over them binds (pg_dump
// compares ACLs with IS DISTINCT FROM) and, for two non-NULL values, fails
// at run time with 0A000 from the aclitem comparison (value_compare.cpp);
// a literal of the type is read as an array whose elements cannot be read
// (0A000), so only '{}' is accepted (pg_dump writes it). They are no
// IsSupportedType(): no column or cast takes them.
#pragma once

#include "sql/types/data_type.h"

namespace strata::sql {

inline bool IsOutputOnlyType(Oid oid) { return oid == 1034; /* aclitem[] */ }

}  // namespace strata::sql
