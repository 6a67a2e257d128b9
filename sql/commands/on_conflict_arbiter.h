// INSERT ... ON CONFLICT: the arbiters (the primary key and/or unique
// indexes a conflict is checked against, PostgreSQL's infer_arbiter_indexes)
// and the lookup of a conflicting row.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/ast/table_statements.h"
#include "sql/commands/command_context.h"
#include "sql/commands/index_expressions.h"
#include "sql/commands/index_predicate.h"
#include "sql/table/index_codec.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

struct ConflictArbiters {
  bool primary_key = false;
  std::vector<std::unique_ptr<IndexCodec>> indexes;
  // Per index: its expression keys (null: none) and its predicate (null:
  // not partial; a row the predicate rejects has no entry to conflict on).
  std::vector<std::unique_ptr<IndexExpressions>> expressions;
  std::vector<std::unique_ptr<IndexPredicate>> predicates;
  bool empty() const { return !primary_key && indexes.empty(); }
};

// ON CONFLICT (cols, (exprs)) [WHERE p]: the primary key and every unique
// index whose key columns and expressions are exactly those named
// (infer_arbiter_indexes) -- a partial one only when p implies its
// predicate (each of its conjuncts is one of p's, or follows from one
// comparing the same expression with an integer); ON CONSTRAINT
// name: that constraint; neither (DO NOTHING): every unique constraint and
// index. 42P10 when nothing matches, 42704 for an unknown constraint.
ConflictArbiters ResolveConflictArbiters(const CommandContext& ctx, const catalog::TableDesc& table,
                                         const ast::InsertStatement& stmt);

// The existing row (table key, stored value) `row` conflicts with, if any.
std::optional<std::pair<std::string, std::string>> FindConflict(const CommandContext& ctx,
                                                                const TableCodec& codec,
                                                                const ConflictArbiters& arbiters,
                                                                const Row& row);

}  // namespace strata::sql
