// ATTACH / DETACH PARTITION (see partition_attach.h), with PostgreSQL's
// checks and messages (ATExecAttachPartition, ATExecDetachPartition).
#include "sql/commands/partition_attach.h"

#include <algorithm>
#include <map>

#include "sql/commands/index_maintenance.h"
#include "sql/commands/partition_ddl.h"
#include "sql/commands/partition_key.h"
#include "sql/commands/partition_routing.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/table_inheritance.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

const catalog::TableDesc& PartitionTable(CommandContext& ctx, const ast::RangeVar& rv) {
  ast::RangeVar named = rv;
  named.location = -1;  // PostgreSQL reports the relation without a position here
  const catalog::TableDesc& t = LookupTable(ctx, named);
  CheckOwnership(*ctx.catalog, t.owner, "table", t.name);
  LockRelation(ctx, t.oid, t.name, txn::RelationLockMode::kAccessExclusive);
  return t;
}

// Whether every row of `table` (and of its partitions) meets the new bound
// in `parent` and the constraints of `parent`'s own ancestors.
bool RowsFitBound(CommandContext& ctx, const catalog::TableDesc& parent,
                  const catalog::TableDesc& table, const BoundValues& bound,
                  const std::vector<BoundValues>& siblings) {
  std::optional<PartitionConstraintCheck> above;
  if (parent.partition_bound) above.emplace(ctx, parent);
  std::map<Oid, PartitionKeyEvaluator> keys;
  return !AnyLeafRow(ctx, table, [&](const catalog::TableDesc& leaf, const Row& row) {
    const std::vector<Value> k = keys.try_emplace(leaf.oid, ctx, parent, leaf).first->second.Evaluate(row);
    bool ok = true;
    if (bound.is_default) {
      for (const BoundValues& other : siblings) ok = ok && !BoundAccepts(other, k);
    } else {
      ok = BoundAccepts(bound, k);
    }
    if (ok && above) ok = above->Satisfied(MapRowByName(leaf, parent, row));
    return !ok;
  });
}

}  // namespace

void AttachPartition(CommandContext& ctx, const catalog::TableDesc& parent,
                     const ast::AlterTableAction& action) {
  if (!parent.partition_key) {
    throw SqlError(SqlState::kWrongObjectType, "table \"" + parent.name + "\" is not partitioned");
  }
  const catalog::TableDesc& child = PartitionTable(ctx, action.partition);
  if (child.partition_bound) {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "\"" + child.name + "\" is already a partition");
  }
  const std::vector<const catalog::TableDesc*> below = ctx.catalog->WithDescendants(child.oid);
  if (child.oid == parent.oid || std::any_of(below.begin(), below.end(), [&](const auto* d) {
        return d->oid == parent.oid;
      })) {
    throw SqlError(SqlState::kDuplicateTable, "circular inheritance not allowed")
        .WithDetail("\"" + child.name + "\" is already a child of \"" + parent.name + "\".");
  }
  if (!child.parents.empty()) {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "cannot attach inheritance child as partition");
  }
  if (!child.partition_key && !ctx.catalog->ChildrenOf(child.oid).empty()) {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "cannot attach inheritance parent as partition");
  }
  catalog::TableDesc changed = child;
  for (const catalog::ColumnDesc& c : child.columns) {
    if (!c.dropped && parent.FindColumn(c.name) < 0) {
      throw SqlError(SqlState::kDatatypeMismatch, "table \"" + child.name + "\" contains column \"" +
                                                      c.name + "\" not found in parent \"" +
                                                      parent.name + "\"")
          .WithDetail("The new partition may contain only the columns present in parent.");
    }
  }
  MergeIntoExistingChild(parent, &changed);
  changed.partition_bound = DefinePartitionBound(ctx, parent, child.name, action.bound);
  // The rows already there must belong in the new partition.
  const std::vector<DataType> types = PartitionKeyTypes(ctx, parent);
  const BoundValues bound =
      DecodeBound(*changed.partition_bound, types, parent.partition_key->strategy);
  std::vector<BoundValues> siblings;
  for (const PartitionEntry& p : OrderedPartitions(ctx, parent, types)) {
    if (!p.bound.is_default) siblings.push_back(p.bound);
  }
  if (!RowsFitBound(ctx, parent, child, bound, siblings)) {
    throw SqlError(SqlState::kCheckViolation,
                   "partition constraint of relation \"" + child.name + "\" is violated by some row");
  }
  changed.parents = {parent.oid};
  std::vector<std::string> index_names;
  ClonePartitionedIndexes(ctx, parent, &changed, &index_names);
  // New indexes are filled from the rows the table has.
  for (size_t i = child.indexes.size(); i < changed.indexes.size(); ++i) {
    BuildIndex(ctx, changed, changed.indexes[i]);
  }
  if (child.primary_key.empty() && !changed.primary_key.empty()) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "ATTACH PARTITION of a table without the partitioned table's primary key is "
                   "not supported yet");
  }
  ctx.db->catalog()->PutTable(ctx.txn, changed);
}

void DetachPartition(CommandContext& ctx, const catalog::TableDesc& parent,
                     const ast::AlterTableAction& action) {
  if (!parent.partition_key) {
    throw SqlError(SqlState::kWrongObjectType, "table \"" + parent.name + "\" is not partitioned");
  }
  const catalog::TableDesc& child = PartitionTable(ctx, action.partition);
  if (!child.partition_bound || child.parents.empty() || child.parents[0] != parent.oid) {
    throw SqlError(SqlState::kUndefinedTable, "relation \"" + child.name +
                                                  "\" is not a partition of relation \"" +
                                                  parent.name + "\"");
  }
  if (action.finalize) {
    throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                   "cannot complete detaching partition \"" + child.name + "\"")
        .WithDetail("There's no pending concurrent detach.");
  }
  if (action.concurrent) {
    for (const catalog::TableDesc* sibling : ctx.catalog->ChildrenOf(parent.oid)) {
      if (sibling->partition_bound && sibling->partition_bound->is_default) {
        throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                       "cannot detach partitions concurrently when a default partition exists");
      }
    }
  }
  catalog::TableDesc changed = child;
  changed.parents.clear();
  changed.partition_bound.reset();
  for (catalog::ColumnDesc& col : changed.columns) {
    if (col.inhcount > 0) --col.inhcount;
    if (col.inhcount == 0) col.is_local = true;
  }
  for (catalog::CheckConstraint& c : changed.checks) {
    for (const catalog::CheckConstraint& pc : parent.checks) {
      if (pc.no_inherit || pc.name != c.name || c.inhcount == 0) continue;
      --c.inhcount;
      if (c.inhcount == 0) c.is_local = true;
    }
  }
  ctx.db->catalog()->PutTable(ctx.txn, changed);
}

}  // namespace strata::sql
