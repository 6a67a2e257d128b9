// Table inheritance helpers (see table_inheritance.h): merging parents'
// columns and CHECK constraints for CREATE TABLE ... INHERITS, and the
// tables a statement over a parent reaches.
#include "sql/commands/table_inheritance.h"

#include <algorithm>

#include "sql/commands/partition_key.h"

#include "sql/builtin/type_table.h"
#include "sql/system_relations/system_relation.h"

namespace strata::sql {

namespace {

bool IsTemporaryNamespace(const CommandContext& ctx, Oid namespace_oid) {
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(namespace_oid);
  return ns != nullptr && ns->name.rfind("pg_temp", 0) == 0;
}

int FindByName(const std::vector<catalog::ColumnDesc>& columns, const std::string& name) {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

void NoticeWithDetail(const CommandContext& ctx, SqlState state, std::string message,
                      std::string detail) {
  if (ctx.notices == nullptr) return;
  SqlErrorFields f;
  f.sqlstate = state;
  f.message = std::move(message);
  f.detail = std::move(detail);
  ctx.notices->push_back(std::move(f));
}

InheritedDefinition InheritFromParents(CommandContext& ctx,
                                       const std::vector<ast::RangeVar>& parents,
                                       bool child_temporary) {
  InheritedDefinition out;
  std::vector<const catalog::TableDesc*> tables;
  for (const ast::RangeVar& rv : parents) {
    const catalog::TableDesc* t = FindTable(ctx, rv);
    if (t == nullptr && FindView(ctx, rv) != nullptr) {
      throw SqlError(SqlState::kWrongObjectType,
                     "inherited relation \"" + rv.name + "\" is not a table or foreign table");
    }
    if (t == nullptr) {
      // PostgreSQL reports a missing parent without a position.
      const std::string name = rv.schema.empty() ? rv.name : rv.schema + "." + rv.name;
      if (ResolveSystemRelation(ctx, rv) != nullptr) {
        throw SqlError(SqlState::kInsufficientPrivilege,
                       "permission denied: \"" + rv.name + "\" is a system catalog");
      }
      throw SqlError(SqlState::kUndefinedTable, "relation \"" + name + "\" does not exist");
    }
    if (!child_temporary && IsTemporaryNamespace(ctx, t->namespace_oid)) {
      throw SqlError(SqlState::kWrongObjectType,
                     "cannot inherit from temporary relation \"" + t->name + "\"");
    }
    for (const catalog::TableDesc* seen : tables) {
      if (seen == t) {
        throw SqlError(SqlState::kDuplicateTable,
                       "relation \"" + t->name + "\" would be inherited from more than once");
      }
    }
    tables.push_back(t);
    out.parents.push_back(t->oid);
  }
  for (const catalog::TableDesc* parent : tables) {
    for (const catalog::ColumnDesc& col : parent->columns) {
      if (col.dropped) continue;
      const int existing = FindByName(out.columns, col.name);
      if (existing >= 0) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "merging multiple inherited definitions of column \"" + col.name + "\"");
        catalog::ColumnDesc& def = out.columns[static_cast<size_t>(existing)];
        if (def.type != col.type || def.typmod != col.typmod) {
          throw SqlError(SqlState::kDatatypeMismatch,
                         "inherited column \"" + col.name + "\" has a type conflict")
              .WithDetail(FormatType(DataType{def.type, def.typmod}) + " versus " +
                          FormatType(DataType{col.type, col.typmod}));
        }
        ++def.inhcount;
        def.not_null = def.not_null || col.not_null;
        if (col.default_expr.has_value()) {
          if (!def.default_expr.has_value()) {
            def.default_expr = col.default_expr;
          } else if (*def.default_expr != *col.default_expr) {
            out.conflicting_default[static_cast<size_t>(existing)] = true;
          }
        }
        continue;
      }
      catalog::ColumnDesc def;
      def.name = col.name;
      def.type = col.type;
      def.typmod = col.typmod;
      def.not_null = col.not_null;
      def.default_expr = col.default_expr;
      def.inhcount = 1;
      def.is_local = false;
      out.columns.push_back(std::move(def));
      out.conflicting_default.push_back(false);
    }
    for (const catalog::CheckConstraint& check : parent->checks) {
      if (check.no_inherit) continue;
      bool merged = false;
      for (catalog::CheckConstraint& have : out.checks) {
        if (have.name != check.name) continue;
        if (have.expr != check.expr) {
          throw SqlError(SqlState::kDuplicateObject,
                         "check constraint name \"" + check.name +
                             "\" appears multiple times but with different expressions");
        }
        ++have.inhcount;
        merged = true;
      }
      if (merged) continue;
      catalog::CheckConstraint c;
      c.name = check.name;
      c.expr = check.expr;
      c.is_local = false;
      c.inhcount = 1;
      out.checks.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<const catalog::TableDesc*> InheritanceSet(const CommandContext& ctx,
                                                      const catalog::TableDesc& table, bool inh) {
  if (!inh) return {&table};
  if (table.partition_key) {
    // Partitions in bound order, each followed by its own partitions (the
    // order of PostgreSQL's expanded Append).
    std::vector<const catalog::TableDesc*> all{&table};
    for (const PartitionEntry& p : OrderedPartitions(ctx, table, PartitionKeyTypes(ctx, table))) {
      for (const catalog::TableDesc* t : InheritanceSet(ctx, *p.table, true)) all.push_back(t);
    }
    return all;
  }
  std::vector<const catalog::TableDesc*> all = ctx.catalog->WithDescendants(table.oid);
  if (all.empty()) all.push_back(&table);
  return all;
}

void MergeIntoExistingChild(const catalog::TableDesc& parent, catalog::TableDesc* child) {
  for (const catalog::ColumnDesc& pc : parent.columns) {
    if (pc.dropped) continue;
    const int slot = child->FindColumn(pc.name);
    if (slot < 0) {
      throw SqlError(SqlState::kDatatypeMismatch, "child table is missing column \"" + pc.name + "\"");
    }
    catalog::ColumnDesc& col = child->columns[static_cast<size_t>(slot)];
    if (col.type != pc.type || col.typmod != pc.typmod) {
      throw SqlError(SqlState::kDatatypeMismatch, "child table \"" + child->name +
                                                      "\" has different type for column \"" +
                                                      pc.name + "\"");
    }
    if (pc.not_null && !col.not_null) {
      throw SqlError(SqlState::kDatatypeMismatch,
                     "column \"" + pc.name + "\" in child table must be marked NOT NULL");
    }
    ++col.inhcount;
  }
  for (const catalog::CheckConstraint& pc : parent.checks) {
    if (pc.no_inherit) continue;
    auto mine = std::find_if(child->checks.begin(), child->checks.end(),
                             [&](const catalog::CheckConstraint& c) { return c.name == pc.name; });
    if (mine == child->checks.end()) {
      throw SqlError(SqlState::kDatatypeMismatch,
                     "child table is missing constraint \"" + pc.name + "\"");
    }
    if (mine->expr != pc.expr || mine->no_inherit) {
      throw SqlError(SqlState::kDatatypeMismatch,
                     "child table \"" + child->name +
                         "\" has different definition for check constraint \"" + pc.name + "\"");
    }
    ++mine->inhcount;
  }
}

std::vector<int> ParentColumnSlots(const catalog::TableDesc& parent,
                                   const catalog::TableDesc& child) {
  std::vector<int> slots(parent.columns.size(), -1);
  for (size_t i = 0; i < parent.columns.size(); ++i) {
    if (parent.columns[i].dropped) continue;
    slots[i] = child.FindColumn(parent.columns[i].name);
  }
  return slots;
}

}  // namespace strata::sql
