// DROP TABLE, TRUNCATE, CREATE SCHEMA, DROP SCHEMA. Trees are dropped only
// after the transaction that stops referring to them commits.
#include <algorithm>
#include <memory>
#include <source_location>

#include "sql/commands/drop_cascade_notice.h"
#include "sql/commands/foreign_keys.h"
#include "sql/commands/index_maintenance.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/table_triggers.h"
#include "sql/commands/sequence_commands.h"
#include "catalog/table_statistics.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_inheritance.h"
#include "sql/system_relations/system_relation.h"
#include "sql/commands/view_dependencies.h"
#include "sql/table_stats.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

StatementOutput ExecuteDropTable(CommandContext& ctx, const ast::DropTableStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP TABLE";
  std::vector<DroppedRelation> dropped;
  for (const ast::RangeVar& rv : stmt.tables) {
    const std::string& shown = rv.name;  // DropErrorMsgNonExistent names the relation only
    if (!rv.schema.empty() && ctx.catalog->FindNamespace(rv.schema) == nullptr) {
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "schema \"" + rv.schema + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedSchema, "schema \"" + rv.schema + "\" does not exist");
    }
    if (const SystemRelation* sys = ResolveSystemRelation(ctx, rv)) {
      ThrowSystemRelationWrite(*sys, nullptr);
    }
    const catalog::TableDesc* table = FindTable(ctx, rv);
    if (table == nullptr && FindView(ctx, rv) != nullptr) {
      throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not a table")
          .WithHint("Use DROP VIEW to remove a view.");
    }
    if (table == nullptr) {
      const catalog::NamespaceDesc* ns =
          RelationSchema(ctx, rv);
      if (ns != nullptr && ctx.catalog->FindSequence(ns->oid, rv.name) != nullptr) {
        throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not a table")
            .WithHint("Use DROP SEQUENCE to remove a sequence.");
      }
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "table \"" + shown + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedTable, "table \"" + shown + "\" does not exist");
    }
    CheckOwnership(*ctx.catalog, table->owner, "table", table->name);
    LockRelation(ctx, table->oid, table->name, txn::RelationLockMode::kAccessExclusive);
    dropped.push_back(DroppedRelation{table->oid, false});
    // A partitioned table's partitions go with it, without CASCADE.
    if (table->partition_key) {
      for (const catalog::TableDesc* p : ctx.catalog->WithDescendants(table->oid)) {
        if (p->oid == table->oid ||
            std::any_of(dropped.begin(), dropped.end(),
                        [&](const DroppedRelation& d) { return d.oid == p->oid; })) {
          continue;
        }
        LockRelation(ctx, p->oid, p->name, txn::RelationLockMode::kAccessExclusive);
        dropped.push_back(DroppedRelation{p->oid, false});
      }
    }
  }
  DropRelations(ctx, dropped, stmt.cascade);
  return result;
}

StatementOutput ExecuteTruncate(CommandContext& ctx, const ast::TruncateStatement& stmt) {
  StatementOutput result;
  result.command_tag = "TRUNCATE TABLE";
  catalog::Catalog* catalog = ctx.db->catalog();
  std::vector<const catalog::TableDesc*> tables;
  auto listed = [&](Oid oid) {
    return std::any_of(tables.begin(), tables.end(),
                       [&](const catalog::TableDesc* t) { return t->oid == oid; });
  };
  for (const ast::RangeVar& rv : stmt.tables) {
    // Without ONLY, a table's inheritance descendants are truncated too.
    for (const catalog::TableDesc* t : InheritanceSet(ctx, LookupTable(ctx, rv), rv.inh)) {
      if (listed(t->oid)) continue;
      // truncate_check_rel: TRUNCATE on every table emptied, children too.
      CheckRelationPrivileges(*ctx.catalog, t->oid, t->owner, 'r', t->name,
                              catalog::kAclTruncate);
      tables.push_back(t);
      LockRelation(ctx, t->oid, t->name, txn::RelationLockMode::kAccessExclusive);
    }
  }
  // Tables referencing a truncated one by a foreign key: truncated too with
  // CASCADE (transitively), else 0A000 (heap_truncate_check_FKs).
  for (size_t i = 0; i < tables.size(); ++i) {
    for (const ReferencingKey& ref : ReferencingKeys(ctx, tables[i]->oid)) {
      if (listed(ref.table->oid)) continue;
      if (!stmt.cascade) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "cannot truncate a table referenced in a foreign key constraint")
            .WithDetail("Table \"" + ref.table->name + "\" references \"" + tables[i]->name +
                        "\".")
            .WithHint("Truncate table \"" + ref.table->name +
                      "\" at the same time, or use TRUNCATE ... CASCADE.");
      }
      ctx.Notice(SqlState::kSuccessfulCompletion,
                 "truncate cascades to table \"" + ref.table->name + "\"");
      CheckRelationPrivileges(*ctx.catalog, ref.table->oid, ref.table->owner, 'r',
                              ref.table->name, catalog::kAclTruncate);
      tables.push_back(ref.table);
      LockRelation(ctx, ref.table->oid, ref.table->name, txn::RelationLockMode::kAccessExclusive);
    }
  }
  // TRUNCATE triggers (statement-level only): BEFORE for every table, then
  // the emptying, then AFTER, each in the order the tables were listed.
  std::vector<std::unique_ptr<TableTriggers>> triggers;
  for (const catalog::TableDesc* table : tables) {
    triggers.push_back(
        std::make_unique<TableTriggers>(ctx, *table, catalog::kTriggerTypeTruncate));
    triggers.back()->BeforeStatement();
  }
  for (const catalog::TableDesc* table : tables) {
    // Point the table at a fresh, empty tree; the old one goes after commit.
    catalog::TableDesc changed = *table;
    auto tree = catalog->CreateTableTree(ctx.txn, table->oid, &changed.tree_name);
    if (!tree.ok()) ThrowStatus(tree.status());
    changed.tree = tree.value();
    RebuildIndexes(ctx, &changed, /*build=*/false);  // fresh, empty index trees
    catalog->PutTable(ctx.txn, changed);
    ctx.txn->DropTreeAfterCommit(table->tree);
    TxnTableCounts truncated;  // n_live_tup / n_dead_tup to 0 at commit
    truncated.truncated = true;
    CountTableWrites(ctx.txn, table->oid, truncated);
  }
  for (const auto& t : triggers) t->AfterStatement();
  return result;
}

StatementOutput ExecuteDropSchema(CommandContext& ctx, const ast::DropSchemaStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP SCHEMA";
  catalog::Catalog* catalog = ctx.db->catalog();
  for (const std::string& name : stmt.names) {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(name);
    if (ns == nullptr) {
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "schema \"" + name + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedSchema, "schema \"" + name + "\" does not exist");
    }
    if (ns->oid < catalog::kFirstNormalObjectId && ns->oid != catalog::kPublicNamespace) {
      throw SqlError(SqlState::kDependentObjectsStillExist,
                     "cannot drop schema " + name + " because it is required by the database system");
    }
    CheckOwnership(*ctx.catalog, SchemaOwner(*ctx.catalog, ns->oid), "schema", ns->name);
    // Tables, views and sequences in the schema, in creation (OID) order.
    struct Member {
      Oid oid;
      std::string description;  // "table s.t"
      const catalog::TableDesc* table;  // null for a view
      bool is_function = false;
      bool is_type = false;
    };
    std::vector<Member> members;
    for (const catalog::TableDesc* t : ctx.catalog->TablesIn(ns->oid)) {
      members.push_back({t->oid, "table " + name + "." + t->name, t});
    }
    for (const catalog::ViewDesc* v : ctx.catalog->ViewsIn(ns->oid)) {
      members.push_back({v->oid, "view " + name + "." + v->name, nullptr});
    }
    // Sequences, except a serial column's: it goes with its table unlisted.
    for (const auto& [oid, seq] : ctx.catalog->sequences()) {
      if (seq.namespace_oid != ns->oid) continue;
      const catalog::TableDesc* owner =
          seq.owner_table != 0 ? ctx.catalog->FindTable(seq.owner_table) : nullptr;
      if (owner != nullptr && owner->namespace_oid == ns->oid) continue;
      members.push_back({oid, "sequence " + name + "." + seq.name, nullptr});
    }
    for (const auto& [oid, fn] : ctx.catalog->functions()) {
      if (fn->namespace_oid != ns->oid) continue;
      std::string signature = "function " + name + "." + fn->name + "(";
      const std::vector<Oid> inputs = fn->InputTypes();
      for (size_t i = 0; i < inputs.size(); ++i) {
        signature += (i > 0 ? ", " : "") + FormatTypeName(inputs[i]);
      }
      members.push_back({oid, signature + ")", nullptr, true});
    }
    for (const auto& [oid, type] : ctx.catalog->types()) {
      if (type->namespace_oid != ns->oid) continue;
      members.push_back({oid, "type " + name + "." + type->name, nullptr, false, true});
    }
    std::sort(members.begin(), members.end(),
              [](const Member& a, const Member& b) { return a.oid < b.oid; });
    // Views elsewhere that read a member go too (or block the drop).
    std::vector<Oid> member_oids;
    for (const Member& m : members) member_oids.push_back(m.oid);
    std::vector<std::string> extra_detail;  // "view v depends on view s.v"
    for (const DependentView& d : FindDependentViews(ctx, member_oids)) {
      members.push_back({d.oid, RelationDescription(ctx, d.oid), nullptr});
      extra_detail.push_back(RelationDescription(ctx, d.oid) + " depends on " +
                             RelationDescription(ctx, d.on));
    }
    // Foreign keys of tables elsewhere referencing a member go too.
    for (const DependentConstraint& c : DropForeignKeysTo(ctx, member_oids, /*apply=*/false)) {
      const std::string what = "constraint " + c.name + " on " + RelationDescription(ctx, c.table);
      members.push_back({0, what, nullptr});
      extra_detail.push_back(what + " depends on " + RelationDescription(ctx, c.on));
    }
    const size_t own_members = member_oids.size();
    if (!members.empty() && !stmt.cascade) {
      std::string detail;
      for (size_t i = 0; i < members.size(); ++i) {
        if (!detail.empty()) detail += "\n";
        detail += i < own_members ? members[i].description + " depends on schema " + name
                                  : extra_detail[i - own_members];
      }
      throw SqlError(SqlState::kDependentObjectsStillExist,
                     "cannot drop schema " + name + " because other objects depend on it")
          .WithDetail(detail)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    if (!members.empty()) {
      // Foreign keys of other schemas' tables referencing a member go too.
      DropForeignKeysTo(ctx, member_oids, /*apply=*/true);
      std::vector<std::string> dropped;
      for (const Member& m : members) {
        dropped.push_back(m.description);
        if (m.is_function) {
          catalog->DeleteFunction(ctx.txn, m.oid);
        } else if (m.is_type) {
          catalog->DeleteType(ctx.txn, m.oid);
        } else if (m.oid != 0) {  // 0: a foreign key, dropped above
          DeleteRelation(ctx, m.oid);
        }
      }
      NoticeDropCascades(ctx, dropped);
    }
    catalog->DeleteNamespace(ctx.txn, ns->oid);
  }
  return result;
}

}  // namespace strata::sql
