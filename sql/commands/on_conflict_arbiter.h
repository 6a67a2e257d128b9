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
#include "sql/table/index_codec.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

struct ConflictArbiters {
  bool primary_key = false;
  std::vector<std::unique_ptr<IndexCodec>> indexes;
  bool empty() const { return !primary_key && indexes.empty(); }
};

// ON CONFLICT (cols): the primary key and every unique index (without
// predicate) whose key columns are exactly `cols`; ON CONSTRAINT name: that
// constraint; neither (DO NOTHING): every unique constraint and index.
// 42P10 when columns match nothing, 42704 for an unknown constraint.
ConflictArbiters ResolveConflictArbiters(const CommandContext& ctx, const catalog::TableDesc& table,
                                         const ast::InsertStatement& stmt);

// The existing row (table key, stored value) `row` conflicts with, if any.
std::optional<std::pair<std::string, std::string>> FindConflict(const CommandContext& ctx,
                                                                const TableCodec& codec,
                                                                const ConflictArbiters& arbiters,
                                                                const Row& row);

}  // namespace strata::sql
