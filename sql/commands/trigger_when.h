// A trigger's WHEN condition: SQL text over OLD and NEW, bound with OLD's
// columns in slots 0..n-1 and NEW's in n..2n-1 (n = the table's slots,
// dropped ones included).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/binder/bind_scope.h"
#include "sql/commands/command_context.h"
#include "sql/expr/bound_expr.h"

namespace strata::sql {

// Binds `text` as a boolean condition. The parsed statement stays in
// `keep`; `scope` gets the scope it was bound in.
BoundExprPtr BindTriggerWhen(const CommandContext& ctx, const catalog::TableDesc& table,
                             const std::string& text,
                             std::vector<std::unique_ptr<ast::Statement>>* keep,
                             BindScope* scope);

}  // namespace strata::sql
