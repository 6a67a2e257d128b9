// Rows and partitions: which leaf partition a row written through a
// partitioned table goes to (PostgreSQL's ExecFindPartition), and whether a
// row written to a partition directly satisfies its partition constraint
// (ExecPartitionCheck: its bound, and its ancestors' bounds).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/commands/command_context.h"
#include "sql/commands/partition_key.h"

namespace strata::sql {

class PartitionRouter {
 public:
  // LIFETIME: ctx and the catalog snapshot's tables outlive the router.
  PartitionRouter(const CommandContext& ctx, const catalog::TableDesc& root);
  ~PartitionRouter();
  // The leaf partition a row of `root`'s layout belongs to; *leaf_row gets
  // the row in the leaf's layout. 23514 "no partition of relation ... found
  // for row" when no partition (at some level) accepts it.
  const catalog::TableDesc& Route(const Row& row, Row* leaf_row);

 private:
  struct Level;
  Level& LevelOf(const catalog::TableDesc& partitioned);

  const CommandContext& ctx_;
  const catalog::TableDesc& root_;
  std::map<Oid, std::unique_ptr<Level>> levels_;
};

// The partition constraint of a partition: checked for rows written to it
// directly (routed rows meet it by construction).
class PartitionConstraintCheck {
 public:
  // REQUIRES: table.partition_bound. LIFETIME: ctx and table outlive it.
  PartitionConstraintCheck(const CommandContext& ctx, const catalog::TableDesc& table);
  ~PartitionConstraintCheck();
  // Whether a row of the table's layout meets its bound and its
  // ancestors'.
  bool Satisfied(const Row& row);

 private:
  struct Step;
  std::vector<std::unique_ptr<Step>> steps_;  // the table's bound, then its parent's, ...
};

// Whether some stored row of `table` or of its partitions (each leaf in its
// own layout) passes `test` -- the scans DDL runs to check existing rows
// against a new or changed partition bound.
bool AnyLeafRow(const CommandContext& ctx, const catalog::TableDesc& table,
                const std::function<bool(const catalog::TableDesc& leaf, const Row& row)>& test);

// The row of `from`'s layout rearranged into `to`'s (columns matched by
// name; columns `to` has and `from` lacks are NULL).
Row MapRowByName(const catalog::TableDesc& from, const catalog::TableDesc& to, const Row& row);

}  // namespace strata::sql

namespace strata::sql {

class TableWriter;   // sql/commands/table_rows.h
class TableTriggers; // sql/commands/table_triggers.h

// INSERT and COPY into a partitioned table: each row goes to its leaf
// partition, through that partition's writer (constraints, indexes,
// foreign keys) and its INSERT row triggers.
class PartitionedInsert {
 public:
  // LIFETIME: ctx and root outlive it.
  PartitionedInsert(const CommandContext& ctx, const catalog::TableDesc& root);
  ~PartitionedInsert();
  // Routes and writes one row of root's layout. The partition's BEFORE ROW
  // triggers may change it (*row gets the row written, in root's layout)
  // or skip it (false).
  bool Insert(Row* row);
  // The leaf partition a row of root's layout goes to, with its writer and
  // INSERT row triggers; *leaf_row gets the row in the leaf's layout (for
  // callers that write it themselves: ON CONFLICT).
  struct Target {
    const catalog::TableDesc* table;
    TableWriter* writer;
    TableTriggers* triggers;
  };
  Target Route(const Row& row, Row* leaf_row);
  // The partitions' foreign-key checks and queued AFTER ROW triggers:
  // call once the statement's rows are written.
  void Finish();

 private:
  struct Leaf;
  const CommandContext& ctx_;
  const catalog::TableDesc& root_;
  PartitionRouter router_;
  std::map<Oid, std::unique_ptr<Leaf>> leaves_;
};

}  // namespace strata::sql
