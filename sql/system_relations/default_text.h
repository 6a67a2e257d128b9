// A column DEFAULT as PostgreSQL's pg_get_expr prints it, from the SQL text
// we store (libpg_query's deparse of what the user wrote). PostgreSQL prints
// the stored expression tree, so constants carry the column type's label
// ('x'::text, '-1'::integer, '2020-01-01'::date) and nextval's argument is a
// regclass constant. Only constants and nextval('seq') are rewritten; any
// other expression is returned as stored.
#pragma once

#include <string>

#include "sql/types/data_type.h"

namespace strata::sql {

std::string PgDefaultText(const std::string& stored, DataType column_type);

}  // namespace strata::sql
