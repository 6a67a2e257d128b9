// CREATE TABLE ... PARTITION BY and ... PARTITION OF: the partition key
// and a new partition's bound, checked as PostgreSQL checks them
// (transformPartitionSpec / ComputePartitionAttrs, transformPartitionBound,
// check_new_partition_bound), with its messages and SQLSTATEs.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/table_statements.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

// The key of a new partitioned table `table` (its columns are final).
catalog::PartitionKey DefinePartitionKey(CommandContext& ctx, const catalog::TableDesc& table,
                                         const ast::CreateTableStatement& stmt);

// A unique constraint or primary key of a partitioned table must contain
// every key column (0A000 otherwise). `kind`: "PRIMARY KEY" or "UNIQUE".
void CheckUniqueCoversPartitionKey(const catalog::TableDesc& table,
                                   const std::vector<int16_t>& attnums, const std::string& kind);

// The bound of a new partition `partition_name` of `parent`: values
// coerced to the key's types; no overlap with the other partitions; a
// DEFAULT partition's rows that the new bound would take are an error.
catalog::PartitionBound DefinePartitionBound(CommandContext& ctx, const catalog::TableDesc& parent,
                                             const std::string& partition_name,
                                             const ast::PartitionBoundDef& def);

// The INHERITS / PARTITION OF rules for the parents of a new table: a
// partition's parent must be partitioned; an INHERITS parent may be
// neither partitioned nor a partition; a partitioned table inherits from
// nothing.
void CheckPartitionParents(const CommandContext& ctx, const ast::CreateTableStatement& stmt,
                           const std::vector<Oid>& parents);

}  // namespace strata::sql

namespace strata::sql {

// A new partition takes its partitioned table's primary key and indexes
// (PostgreSQL attaches one index per partition to each partitioned index),
// named for the partition as CREATE INDEX would name them. `index_names`:
// the names the statement has taken (appended to).
void ClonePartitionedIndexes(CommandContext& ctx, const catalog::TableDesc& parent,
                             catalog::TableDesc* partition, std::vector<std::string>* index_names);

}  // namespace strata::sql
