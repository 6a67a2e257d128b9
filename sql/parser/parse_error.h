// Conversion of a libpg_query error (a scanner or grammar ereport) into the
// SqlError PostgreSQL would have sent. Internal to sql/parser/.
#pragma once

#include <pg_query.h>

#include "common/sql_error.h"

namespace strata::sql::parser {

SqlError MakeParseError(const PgQueryError& error);

}  // namespace strata::sql::parser
