// Identity columns (GENERATED ALWAYS / BY DEFAULT AS IDENTITY) and generated
// columns (GENERATED ALWAYS AS (expr) STORED): the errors PostgreSQL's
// rewriter raises when INSERT or UPDATE gives such a column a value of its
// own.
#pragma once

#include "catalog/catalog_objects.h"

namespace strata::sql {

// 428C9: INSERT "cannot insert a non-DEFAULT value into column" (an identity
// column's with the OVERRIDING SYSTEM VALUE hint), UPDATE "can only be
// updated to DEFAULT". REQUIRES: an identity ALWAYS or generated column.
[[noreturn]] void ThrowGeneratedAlways(const catalog::ColumnDesc& column, bool updating);

}  // namespace strata::sql
