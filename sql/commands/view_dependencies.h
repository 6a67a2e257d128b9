// Dropping tables and views with PostgreSQL's dependency rules for views
// (pg_depend's normal dependencies of a view's rule on what its query
// reads): without CASCADE a dependent view outside the dropped set is 2BP01
// "cannot drop table t because other objects depend on it" with the DETAIL
// and HINT PostgreSQL prints; with CASCADE the dependents go too, announced
// by "drop cascades to ..." NOTICEs.
#pragma once

#include <string>
#include <vector>

#include "sql/commands/command_context.h"

namespace strata::sql {

struct DroppedRelation {
  Oid oid = 0;
  bool is_view = false;
};

// A view or inheritance child table outside a dropped set that depends on
// `on` (a member of the set, or another such dependent).
struct DependentView {
  Oid oid = 0;
  Oid on = 0;
};
// Every view or child table that depends, directly or through other views, on one of
// `doomed` and is not in it, each one once, with the object it was reached
// from, in the order PostgreSQL reports them (see the definition).
std::vector<DependentView> FindDependentViews(const CommandContext& ctx,
                                              const std::vector<Oid>& doomed);

// A FOREIGN KEY of a table outside a dropped set referencing a member.
struct DependentConstraint {
  std::string name;
  Oid table = 0;  // the referencing table
  Oid on = 0;     // the referenced (dropped) table
};
// The foreign keys of tables not in `doomed` that reference a member; with
// `apply` they are removed from their tables' records (DROP ... CASCADE).
std::vector<DependentConstraint> DropForeignKeysTo(CommandContext& ctx,
                                                  const std::vector<Oid>& doomed, bool apply);

// Deletes the catalog record of a table (its tree dropped after commit) or view.
void DeleteRelation(CommandContext& ctx, Oid oid);

// Deletes the catalog records of `targets` (and, with `cascade`, of every
// view depending on them, transitively); tables' trees are dropped after
// commit.
void DropRelations(CommandContext& ctx, const std::vector<DroppedRelation>& targets, bool cascade);

// getObjectDescription() of a table or view: "table t", "view s.v" (the
// schema named when it is not public, the only schema on the search path).
std::string RelationDescription(const CommandContext& ctx, Oid oid);

}  // namespace strata::sql
