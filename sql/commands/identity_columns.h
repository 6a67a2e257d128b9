// Identity columns (GENERATED ALWAYS / BY DEFAULT AS IDENTITY): the errors
// PostgreSQL's rewriter raises when INSERT or UPDATE gives a GENERATED
// ALWAYS column a value of its own.
#pragma once

#include "catalog/catalog_objects.h"

namespace strata::sql {

// 428C9: INSERT "cannot insert a non-DEFAULT value into column" (with the
// OVERRIDING SYSTEM VALUE hint), UPDATE "can only be updated to DEFAULT".
[[noreturn]] void ThrowGeneratedAlways(const catalog::ColumnDesc& column, bool updating);

}  // namespace strata::sql
