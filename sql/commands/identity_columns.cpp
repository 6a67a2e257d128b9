// Identity column errors (see identity_columns.h).
#include "sql/commands/identity_columns.h"

#include <string>

#include "common/sql_error.h"

namespace strata::sql {

void ThrowGeneratedAlways(const catalog::ColumnDesc& column, bool updating) {
  const bool generated = column.generated != 0;
  const std::string detail =
      generated ? "Column \"" + column.name + "\" is a generated column."
                : "Column \"" + column.name + "\" is an identity column defined as GENERATED ALWAYS.";
  if (updating) {
    throw SqlError(SqlState::kGeneratedAlways,
                   "column \"" + column.name + "\" can only be updated to DEFAULT")
        .WithDetail(detail);
  }
  SqlError e(SqlState::kGeneratedAlways,
             "cannot insert a non-DEFAULT value into column \"" + column.name + "\"");
  e.WithDetail(detail);
  if (!generated) e.WithHint("Use OVERRIDING SYSTEM VALUE to override.");
  throw e;
}

}  // namespace strata::sql
