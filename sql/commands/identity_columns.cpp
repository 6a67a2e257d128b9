// Identity column errors (see identity_columns.h).
#include "sql/commands/identity_columns.h"

#include <string>

#include "common/sql_error.h"

namespace strata::sql {

void ThrowGeneratedAlways(const catalog::ColumnDesc& column, bool updating) {
  const std::string detail =
      "Column \"" + column.name + "\" is an identity column defined as GENERATED ALWAYS.";
  if (updating) {
    throw SqlError(SqlState::kGeneratedAlways,
                   "column \"" + column.name + "\" can only be updated to DEFAULT")
        .WithDetail(detail);
  }
  throw SqlError(SqlState::kGeneratedAlways,
                 "cannot insert a non-DEFAULT value into column \"" + column.name + "\"")
      .WithDetail(detail)
      .WithHint("Use OVERRIDING SYSTEM VALUE to override.");
}

}  // namespace strata::sql
