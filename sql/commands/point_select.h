// The point-select fast path: a SELECT of plain columns from one table whose
// WHERE is exactly `pk_col = $n / constant` for every primary-key column
// (the shape of a prepared primary-key lookup: pgbench -S, ORM find-by-id).
//
// Why: the general path (RunSelectCore) binds the select list and WHERE,
// plans FROM, weighs index paths, builds Project/Filter/SeqScan nodes and
// re-applies WHERE to the row found, on every execution of a prepared
// statement; for a one-key lookup that is most of the statement's CPU. Here
// the statement's shape is decided once and cached on its parse tree, the
// table's resolution, codec and output columns are cached for one catalog
// snapshot and search_path, and each execution encodes the key from the
// parameters, Gets one row at the transaction's snapshot and projects it.
//
// Same results as the general path: the key encoding is exact for the key
// types taken here (integers, text, varchar, uuid: equal values have equal
// encodings and no others), so the row at the key is exactly the row WHERE
// selects; parameter values must already have the column's type (or an
// integer type that fits), anything else -- views, system relations,
// NULLs, other types, unusual names -- goes to the general path, which also
// reports every error. Relation locks, SSI read tracking and the statistics
// views' counters happen as there.
#pragma once

#include <optional>

#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

// The statement's result if the fast path can run it, else nullopt (run the
// general path). Never changes state before returning nullopt.
std::optional<StatementOutput> TryPointSelect(CommandContext& ctx, const ast::SelectStatement& stmt);

// Whether the last execution of `stmt` found it fit for the fast path (for
// tests: the shape was accepted and the table resolved).
bool PointSelectApplied(const ast::SelectStatement& stmt);
// Whether the last execution of `stmt` ran as a secondary-index lookup.
bool IndexLookupApplied(const ast::SelectStatement& stmt);

}  // namespace strata::sql
