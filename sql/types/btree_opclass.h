// Types without a btree operator class in PostgreSQL (the geometric types
// and jsonpath): ORDER BY, DISTINCT, GROUP BY and set operations on them
// fail at parse time with 42883 "could not identify an ordering / equality
// operator for type ...".
#pragma once

#include "sql/types/data_type.h"
#include "sql/types/geo_types.h"

namespace strata::sql {

inline bool LacksBtreeOpclass(Oid type) {
  return geo::IsGeometricType(type) || type == type_oid::kJsonpath;
}

}  // namespace strata::sql
