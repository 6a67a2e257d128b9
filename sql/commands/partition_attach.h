// ALTER TABLE parent ATTACH PARTITION t FOR VALUES ... / DEFAULT and
// DETACH PARTITION t: an existing table becomes a partition (its rows
// checked against the bound) or stops being one. Only the partition's
// catalog record changes: a partitioned table finds its partitions as its
// inheritance children.
#pragma once

#include "catalog/catalog_objects.h"
#include "sql/ast/alter_table_statement.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

void AttachPartition(CommandContext& ctx, const catalog::TableDesc& parent,
                     const ast::AlterTableAction& action);
void DetachPartition(CommandContext& ctx, const catalog::TableDesc& parent,
                     const ast::AlterTableAction& action);

}  // namespace strata::sql
