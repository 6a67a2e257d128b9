// Partitioning as the catalogs print it (pg_catalog_partitions.cpp): the
// partition key (pg_get_partkeydef), a partition's bound
// (pg_get_expr(relpartbound)) and its partition constraint
// (pg_get_partition_constraintdef).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

// "RANGE (a)", "LIST (b)", "RANGE (((a + 1)), lower(b))".
// REQUIRES: table.partition_key.
std::string PartitionKeyDefinition(const catalog::TableDesc& table);
// "FOR VALUES FROM (1) TO (10)", "DEFAULT". REQUIRES: table.partition_bound.
std::string PartitionBoundDefinition(const CommandContext& ctx, const catalog::TableDesc& table);
// "((a IS NOT NULL) AND (a >= 1) AND (a < 10))", its ancestors' too;
// nullopt for a table that is not a partition (or a lone DEFAULT one).
std::optional<std::string> PartitionConstraintDefinition(const CommandContext& ctx,
                                                         const catalog::TableDesc& table);

// pg_partition_tree(rel): rel and its partitions, breadth first (children
// in OID order, as find_all_inheritors), each with its parent (0 for rel
// when it is not a partition), whether it is a leaf and its depth below
// rel. Empty for a table that is neither partitioned nor a partition.
struct PartitionTreeRow {
  Oid relid = 0;
  Oid parent = 0;
  bool is_leaf = false;
  int level = 0;
};
std::vector<PartitionTreeRow> PartitionTree(const catalog::CatalogSnapshot& catalog, Oid rel);
// pg_partition_ancestors(rel): rel, then its partitioned ancestors upward.
std::vector<Oid> PartitionAncestors(const catalog::CatalogSnapshot& catalog, Oid rel);

}  // namespace strata::sql
