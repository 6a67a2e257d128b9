// Partition pruning at plan time (PostgreSQL's prune_append_rel_partitions):
// the leaf partitions of a partitioned table that WHERE's comparisons of
// key columns with constants leave rows to come from. A partition whose
// bound lies outside every range WHERE allows is skipped; the DEFAULT
// partition is skipped when the other partitions cover those ranges.
// WHERE still filters the rows of the partitions scanned, so pruning only
// ever saves work.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "catalog/catalog_objects.h"
#include "sql/ast/expr.h"
#include "sql/binder/binder.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

// The leaves of `root` (a partitioned table named `alias` in the
// statement) WHERE can reach; every leaf when WHERE does not narrow them.
std::set<Oid> UnprunedPartitions(CommandContext& ctx, Binder& binder,
                                 const catalog::TableDesc& root, const std::string& alias,
                                 const ast::Expr* where);

}  // namespace strata::sql
