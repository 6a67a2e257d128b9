// INSERT, UPDATE and DELETE on a view through its INSTEAD OF triggers
// (PostgreSQL's trigger-updatable views). The statement runs as on a table
// of the view's columns (table_triggers.h's ViewTriggerTarget): the rows an
// INSERT makes, or the view's rows an UPDATE / DELETE selects, go to the
// INSTEAD OF trigger row by row instead of being written, and RETURNING
// sees what the trigger returned. Views without such a trigger are not
// updatable here (0A000 from LookupTable, as before).
#pragma once

#include <optional>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"
#include "sql/executor/execute_select.h"  // Row
#include "sql/expr/bound_expr.h"

namespace strata::sql {

// The view `rv` names, as a table of its columns, when no table has that
// name and the view has an INSTEAD OF trigger for `event`
// (catalog::kTriggerType*); nullopt otherwise.
std::optional<catalog::TableDesc> InsteadOfTarget(const CommandContext& ctx,
                                                  const ast::RangeVar& rv, int16_t event);

// Whether `table` is a view seen as a table (InsteadOfTarget's result).
bool IsViewTarget(const CommandContext& ctx, const catalog::TableDesc& table);

// The rows of view `view` (as InsteadOfTarget gives it) for which `where`,
// bound over its columns, is true (every row when null).
std::vector<Row> SelectViewRows(CommandContext& ctx, const catalog::TableDesc& view,
                                const BoundExpr* where);

}  // namespace strata::sql
