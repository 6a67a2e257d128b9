// Index paths: which secondary index (if any) a single-table scan reads
// through, chosen by rule from WHERE (no statistics): the index whose leading
// columns WHERE pins with the most equalities (= and IS NULL), then one with
// an IN list or range on the next column; a primary key that does at least
// as well keeps the plain (primary-key range) scan. Partial indexes are never
// chosen. Results never depend on the choice: the scan's rows always pass
// through the full WHERE.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/commands/command_context.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/executor/node_index_scan.h"

namespace strata::sql {

struct IndexPath {
  const catalog::IndexDesc* index = nullptr;
  std::vector<KeyRange> ranges;
};

std::optional<IndexPath> ChooseIndexPath(Binder& binder, const TableCodec& codec,
                                         const std::string& scope_alias, const ast::Expr* where,
                                         const std::vector<Value>* params);

// The IndexScan node reading `path`; `alias`: the table's name in the query
// (for EXPLAIN; empty if it has none).
std::unique_ptr<IndexScan> MakeIndexScan(const CommandContext& ctx, const TableCodec& codec,
                                         IndexPath path, const std::string& alias);

}  // namespace strata::sql
