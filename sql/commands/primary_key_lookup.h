// Primary-key point lookup: when a WHERE clause's top-level AND contains
// `pk_col = <expression without columns>` for every primary-key column, the
// scan can be narrowed to that one key (a Get-sized range) instead of the
// whole table. The full WHERE is still applied to the row found, so this only
// ever narrows, never changes, the result; anything unusual (a constant whose
// type would need a lossy or failing conversion) falls back to the full scan.
#pragma once

#include <optional>
#include <string>

#include "sql/ast/expr.h"
#include "sql/binder/binder.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

// The table key WHERE pins, or nullopt if it does not pin one.
// `scope_alias` is how the statement names the table (alias or table name);
// `params` (may be null) the values of $1..$n (`id = $1` pins a key too).
std::optional<std::string> PrimaryKeyFromWhere(Binder& binder, const TableCodec& codec,
                                               const std::string& scope_alias,
                                               const ast::Expr* where,
                                               const std::vector<Value>* params);

}  // namespace strata::sql
