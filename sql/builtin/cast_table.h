// The pg_cast rows of PostgreSQL 15 (generated into pg_cast_data.inc): which
// casts exist between two types and in which contexts (implicit, assignment,
// explicit) they apply. The binder's coercion rules read this table exactly
// as PostgreSQL's find_coercion_pathway() reads pg_cast.
//
// Thread safety: immutable static data.
#pragma once

#include "sql/types/data_type.h"

namespace strata::sql {

struct PgCast {
  Oid source;
  Oid target;
  char context;  // 'i' implicit, 'a' assignment, 'e' explicit only
  char method;   // 'f' function, 'b' binary-coercible, 'i' via text I/O
};

// The pg_cast row for (source, target), or nullptr.
const PgCast* FindCast(Oid source, Oid target);

}  // namespace strata::sql
