// The functions and casts of the geometric types (point, lseg, line, box,
// path, polygon, circle), with PostgreSQL 15's semantics (geo_ops.c): the
// implementations behind their operators (point_add, box_overlap, ...) by
// pg_proc name, the SQL-callable ones (area(box), center(circle), ...), and
// the pg_cast functions between them (box(polygon), polygon(box), ...).
#pragma once

#include <span>

#include "sql/expr/builtin_function.h"
#include "sql/expr/sql_function.h"

namespace strata::sql {

std::span<const BuiltinFunction> GeometricFunctions();
std::span<const SqlFunction> GeometricSqlFunctions();

// True if pg_cast's function cast from `source` to `target` (both
// geometric) is implemented; GeometricCast() performs it.
bool IsGeometricCast(Oid source, Oid target);
Value GeometricCast(const Value& value, Oid target);

}  // namespace strata::sql
