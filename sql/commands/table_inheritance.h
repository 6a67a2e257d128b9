// Table inheritance (CREATE TABLE ... INHERITS, ONLY): what a new child
// inherits from its parents (PostgreSQL's MergeAttributes), and the set of
// tables a statement over a parent reaches.
//
// Invariants kept by the callers: a child's inherited columns come first, in
// parent order; each parent column (by name) exists in every descendant with
// the same type and typmod; inhcount counts the parents a column or CHECK
// constraint comes from. Children are stored as TableDesc::parents of the
// child (pg_inherits rows are generated from them).
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

// The definitions a new table inherits from INHERITS (parents): columns
// (inhcount >= 1, is_local false, attnum unset), CHECK constraints
// (is_local false) and the parents' OIDs in INHERITS order.
struct InheritedDefinition {
  std::vector<catalog::ColumnDesc> columns;
  // Per column: two parents gave it different defaults; the child must
  // declare its own (42611 otherwise).
  std::vector<bool> conflicting_default;
  std::vector<catalog::CheckConstraint> checks;
  std::vector<Oid> parents;
};

// Resolves and merges the parents (NOTICEs and errors as PostgreSQL's
// MergeAttributes: duplicate parent 42P07, not a table 42809, type
// conflicts 42804, differing same-named CHECKs 42710).
InheritedDefinition InheritFromParents(CommandContext& ctx,
                                       const std::vector<ast::RangeVar>& parents,
                                       bool child_temporary);

// A NOTICE with a DETAIL line.
void NoticeWithDetail(const CommandContext& ctx, SqlState state, std::string message,
                      std::string detail);

// The tables a statement naming `table` reaches: just it for ONLY (or a
// table without children), else it and all its descendants (breadth first,
// find_all_inheritors).
std::vector<const catalog::TableDesc*> InheritanceSet(const CommandContext& ctx,
                                                      const catalog::TableDesc& table, bool inh);

// ALTER TABLE ... INHERIT and ATTACH PARTITION (PostgreSQL's
// MergeAttributesIntoExisting / MergeConstraintsIntoExisting): `child` must
// have each of `parent`'s columns, of the same type and NOT NULL where the
// parent's is, and each of its inheritable CHECK constraints with the same
// expression (42804 otherwise); those columns and constraints count one
// more parent.
void MergeIntoExistingChild(const catalog::TableDesc& parent, catalog::TableDesc* child);

// The slot of each of `parent`'s columns (dropped ones -1) in `child`'s
// row: the child column of the same name.
std::vector<int> ParentColumnSlots(const catalog::TableDesc& parent,
                                   const catalog::TableDesc& child);

}  // namespace strata::sql
