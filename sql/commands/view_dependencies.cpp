// DropRelations and RelationDescription (see view_dependencies.h).
#include "sql/commands/drop_cascade_notice.h"
#include "sql/commands/view_dependencies.h"

#include <algorithm>
#include <functional>
#include <source_location>

#include "catalog/table_statistics.h"
#include "sql/commands/sequence_commands.h"

namespace strata::sql {

std::string RelationDescription(const CommandContext& ctx, Oid oid) {
  std::string kind, name;
  Oid ns_oid = 0;
  if (const catalog::TableDesc* t = ctx.catalog->FindTable(oid)) {
    kind = "table";
    name = t->name;
    ns_oid = t->namespace_oid;
  } else if (const catalog::ViewDesc* v = ctx.catalog->FindView(oid)) {
    kind = "view";
    name = v->name;
    ns_oid = v->namespace_oid;
  } else if (const catalog::SequenceDesc* s = ctx.catalog->FindSequence(oid)) {
    kind = "sequence";
    name = s->name;
    ns_oid = s->namespace_oid;
  }
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(ns_oid);
  if (ns != nullptr && ns->oid != catalog::kPublicNamespace) name = ns->name + "." + name;
  return kind + " " + name;
}

std::vector<DependentView> FindDependentViews(const CommandContext& ctx,
                                              const std::vector<Oid>& doomed) {
  // PostgreSQL's findDependentObjects: depth first from each target,
  // dependents met newest first, each object recorded after its own
  // dependents; reportDependentObjects then lists the records in reverse.
  std::vector<Oid> seen = doomed;
  std::vector<DependentView> post_order;
  std::function<void(Oid)> visit = [&](Oid oid) {
    // Views reading it and inheritance children of a table (pg_depend's
    // normal dependencies).
    std::vector<Oid> dependents;
    for (const catalog::ViewDesc* v : ctx.catalog->ViewsDependingOn(oid)) {
      dependents.push_back(v->oid);
    }
    for (const catalog::TableDesc* child : ctx.catalog->ChildrenOf(oid)) {
      dependents.push_back(child->oid);
    }
    std::sort(dependents.rbegin(), dependents.rend());
    for (Oid dependent : dependents) {
      if (std::find(seen.begin(), seen.end(), dependent) != seen.end()) continue;
      seen.push_back(dependent);
      visit(dependent);
      post_order.push_back({dependent, oid});
    }
  };
  for (Oid oid : doomed) visit(oid);
  return std::vector<DependentView>(post_order.rbegin(), post_order.rend());
}

void DeleteRelation(CommandContext& ctx, Oid oid) {
  catalog::Catalog* catalog = ctx.db->catalog();
  if (const catalog::TableDesc* t = ctx.catalog->FindTable(oid)) {
    DropOwnedSequences(ctx, oid);  // serial columns' sequences go with it
    catalog->DeleteTable(ctx.txn, oid);
    catalog::DeleteTableStatistics(ctx.txn, catalog->key_scope(), oid);
    ctx.txn->DropTreeAfterCommit(t->tree);
    for (const catalog::IndexDesc& ix : t->indexes) ctx.txn->DropTreeAfterCommit(ix.tree);
  } else if (ctx.catalog->FindSequence(oid) != nullptr) {
    catalog->DeleteSequence(ctx.txn, oid);
  } else {
    catalog->DeleteView(ctx.txn, oid);
  }
}

std::vector<DependentConstraint> DropForeignKeysTo(CommandContext& ctx,
                                                  const std::vector<Oid>& doomed, bool apply) {
  auto is_doomed = [&](Oid oid) { return std::find(doomed.begin(), doomed.end(), oid) != doomed.end(); };
  std::vector<DependentConstraint> out;
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    if (is_doomed(oid)) continue;
    catalog::TableDesc changed = *t;
    std::vector<catalog::ForeignKeyDesc> kept;
    for (const catalog::ForeignKeyDesc& fk : t->foreign_keys) {
      if (is_doomed(fk.referenced_table)) {
        out.push_back({fk.name, oid, fk.referenced_table});
      } else {
        kept.push_back(fk);
      }
    }
    if (apply && kept.size() != t->foreign_keys.size()) {
      changed.foreign_keys = std::move(kept);
      ctx.db->catalog()->PutTable(ctx.txn, changed);
    }
  }
  return out;
}

void DropRelations(CommandContext& ctx, const std::vector<DroppedRelation>& targets, bool cascade) {
  std::vector<Oid> doomed;
  for (const DroppedRelation& r : targets) {
    if (std::find(doomed.begin(), doomed.end(), r.oid) == doomed.end()) doomed.push_back(r.oid);
  }
  std::vector<DependentView> dependents = FindDependentViews(ctx, doomed);
  for (const DependentView& d : dependents) doomed.push_back(d.oid);
  const std::vector<DependentConstraint> constraints =
      DropForeignKeysTo(ctx, doomed, /*apply=*/false);
  // What goes with the targets: "view v" / "constraint c on table t", each
  // with the object it depends on.
  std::vector<std::pair<std::string, Oid>> objects;
  for (const DependentView& d : dependents) {
    objects.emplace_back(RelationDescription(ctx, d.oid), d.on);
  }
  for (const DependentConstraint& c : constraints) {
    objects.emplace_back("constraint " + c.name + " on " + RelationDescription(ctx, c.table), c.on);
  }
  if (!objects.empty() && !cascade) {
    std::string detail;
    for (const auto& [object, on] : objects) {
      if (!detail.empty()) detail += "\n";
      detail += object + " depends on " + RelationDescription(ctx, on);
    }
    throw SqlError(SqlState::kDependentObjectsStillExist,
                   "cannot drop " + RelationDescription(ctx, objects.front().second) +
                       " because other objects depend on it")
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  std::vector<std::string> dropped;
  for (const auto& [object, on] : objects) dropped.push_back(object);
  NoticeDropCascades(ctx, dropped);
  DropForeignKeysTo(ctx, doomed, /*apply=*/true);
  for (Oid oid : doomed) DeleteRelation(ctx, oid);
}

}  // namespace strata::sql
