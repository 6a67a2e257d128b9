// Index DDL (see index_commands.h). Every command changes the table record
// the index lives in (catalog/index_desc.h), so it commits or rolls back with
// the statement's transaction like any other DDL.
//
// CREATE INDEX takes a SHARE lock on the table (writers wait, readers go on)
// and builds the index from the latest committed rows in one scan, sorted
// and ingested (index_maintenance.h). CONCURRENTLY is accepted and does the
// same: it blocks writers for the build instead of letting them run.
#include "sql/commands/index_commands.h"

#include "sql/commands/partition_ddl.h"
#include "sql/system_relations/index_catalog.h"

#include "sql/system_relations/statement_catalog.h"

#include <sys/resource.h>
#include <sys/time.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <map>

#include "sql/backend_status.h"
#include "sql/commands/index_expressions.h"
#include "sql/commands/index_maintenance.h"
#include "sql/commands/stored_expr.h"
#include "sql/binder/binder.h"
#include "sql/commands/index_predicate.h"
#include "sql/database.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/temp_namespace.h"
#include "sql/system_relations/system_relation.h"
#include "sql/storage_format/key_codec.h"
#include "sql/builtin/type_table.h"
#include "sql/types/composite_type.h"
#include "sql/types/range_value.h"
#include "sql/types/user_types.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

constexpr size_t kMaxNameBytes = 63;  // NAMEDATALEN - 1

// An operator class named in CREATE INDEX: the column type's default btree
// class (PostgreSQL's `<typname>_ops`, text's also as varchar_ops, and the
// polymorphic enum/array/record/range classes) is what every index uses
// anyway; any other class would change the index's order or equality,
// which we do not support.
void CheckDefaultOpclass(const std::string& opclass, Oid type) {
  const PgTypeInfo* info = FindPgType(type);
  const std::string typname = info != nullptr ? std::string(info->typname) : "";
  if (opclass == typname + "_ops") return;
  if ((type == type_oid::kText || type == type_oid::kVarchar) &&
      (opclass == "text_ops" || opclass == "varchar_ops")) {
    return;
  }
  if ((opclass == "enum_ops" && IsEnumType(type)) || (opclass == "array_ops" && IsArrayType(type)) ||
      (opclass == "record_ops" && IsCompositeType(type)) ||
      ((opclass == "range_ops" || opclass == "multirange_ops") && FindRangeType(type) != nullptr)) {
    return;
  }
  if (opclass.size() > 4 && opclass.compare(opclass.size() - 4, 4, "_ops") == 0 &&
      FindPgTypeByName(opclass.substr(0, opclass.size() - 4)) != nullptr) {
    throw SqlError(SqlState::kDatatypeMismatch, "operator class \"" + opclass +
                                                    "\" does not accept data type " +
                                                    FormatTypeName(type));
  }
  throw SqlError(SqlState::kFeatureNotSupported,
                 "operator class \"" + opclass + "\" is not supported yet");
}

// makeObjectName(name1, name2, label): truncates the longer of name1/name2
// until "name1_name2_label" fits (whole UTF-8 characters only).
std::string MakeObjectName(const std::string& name1, const std::string& name2,
                           const std::string& label) {
  size_t n1 = name1.size(), n2 = name2.size();
  const size_t overhead = (label.empty() ? 0 : label.size() + 1) + (name2.empty() ? 0 : 1);
  const size_t avail = kMaxNameBytes - overhead;
  while (n1 + n2 > avail) {
    if (n1 > n2) {
      --n1;
    } else {
      --n2;
    }
  }
  auto clip = [](const std::string& s, size_t n) {
    while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
  };
  std::string out = clip(name1, n1);
  if (!name2.empty()) out += "_" + clip(name2, n2);
  if (!label.empty()) out += "_" + label;
  return out;
}

// ChooseIndexColumnNames: a column named twice becomes "a", "a1", ...
std::vector<std::string> DistinctColumnNames(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    std::string candidate = name;
    for (int i = 1; std::find(out.begin(), out.end(), candidate) != out.end(); ++i) {
      candidate = name + std::to_string(i);
    }
    out.push_back(candidate);
  }
  return out;
}

// The namespaces an unqualified relation name is looked up in.
std::vector<catalog::Oid> LookupNamespaces(const CommandContext& ctx, const ast::RangeVar& rv) {
  std::vector<catalog::Oid> out;
  if (rv.schema == "pg_temp") {
    if (const catalog::NamespaceDesc* temp = FindTempNamespace(ctx)) out.push_back(temp->oid);
    return out;
  }
  if (rv.schema.empty()) return SearchPathNamespaces(*ctx.catalog);
  if (const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(rv.schema)) out.push_back(ns->oid);
  return out;
}

// An index by name: a secondary index, or a primary key's index (index null,
// primary_key set).
struct FoundIndex {
  const catalog::TableDesc* table = nullptr;
  const catalog::IndexDesc* index = nullptr;
  bool primary_key = false;
};

FoundIndex FindIndexNamed(const CommandContext& ctx, const ast::RangeVar& rv) {
  for (catalog::Oid ns : LookupNamespaces(ctx, rv)) {
    const catalog::CatalogSnapshot::IndexRef ref = ctx.catalog->FindIndex(ns, rv.name);
    if (ref.index != nullptr) return FoundIndex{ref.table, ref.index, false};
    for (const catalog::TableDesc* t : ctx.catalog->TablesIn(ns)) {
      if (!t->primary_key.empty() && t->primary_key_name == rv.name) {
        return FoundIndex{t, nullptr, true};
      }
    }
  }
  return {};
}

std::string QualifiedName(const ast::RangeVar& rv) {
  return rv.schema.empty() ? rv.name : rv.schema + "." + rv.name;
}

// What a name that is not an index names (for "is not an index"), or "".
std::string OtherRelationKind(const CommandContext& ctx, const ast::RangeVar& rv) {
  for (catalog::Oid ns : LookupNamespaces(ctx, rv)) {
    if (ctx.catalog->FindTable(ns, rv.name) != nullptr) return "TABLE";
    if (ctx.catalog->FindView(ns, rv.name) != nullptr) return "VIEW";
    if (ctx.catalog->FindSequence(ns, rv.name) != nullptr) return "SEQUENCE";
  }
  return "";
}

// An expression key's type, after PostgreSQL's checks (index_expressions.h);
// an error's position moved from the re-parsed text to the statement's.
Oid CheckedIndexExpression(const CommandContext& ctx, const catalog::TableDesc& table,
                           const ast::IndexColumnDef& c) {
  try {
    return CheckIndexExpression(table, c.expr);
  } catch (SqlError& e) {
    // The text is parsed as "SELECT <text>" (its first character is
    // position 8). Where the statement holds the same text (the deparser's
    // spelling, case aside) the position maps into it; otherwise none.
    const int at = e.fields().position;
    if (at <= 0) throw;
    auto lower = [](std::string_view v) {
      std::string out(v);
      for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      return out;
    };
    const std::string query = lower(ctx.query);
    const size_t found = query.find(lower(c.expr));
    e.WithPosition(found == std::string::npos
                       ? 0
                       : ctx.Position(static_cast<int>(found) + at - 8));
    throw;
  }
}

// FigureIndexColname: the name an expression key contributes to the
// index's default name ("lower" for lower(name), "expr" when nothing names it).
std::string IndexExpressionColumnName(const std::string& text) {
  std::vector<std::unique_ptr<ast::Statement>> keep;
  std::string query;
  const std::string name = FigureColumnName(ParseStoredExpr(text, &keep, &query));
  return name == "?column?" ? "expr" : name;
}

// What pg_stat_progress_create_index shows of a build from its start.
CreateIndexProgress BuildProgress(const CommandContext& ctx, const char* command,
                                  catalog::Oid relid, catalog::Oid index_relid) {
  CreateIndexProgress p;
  p.datid = ctx.db->oid();
  p.datname = ctx.db->name();
  p.relid = relid;
  p.index_relid = index_relid;
  p.command = command;
  return p;
}

StatementOutput CreateIndex(CommandContext& ctx, const ast::IndexStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE INDEX";
  if (FindTable(ctx, stmt.table) == nullptr && FindView(ctx, stmt.table) == nullptr &&
      ResolveSystemRelation(ctx, stmt.table) == nullptr) {
    // PostgreSQL's RangeVarGetRelid here reports no position.
    throw SqlError(SqlState::kUndefinedTable,
                   "relation \"" + QualifiedName(stmt.table) + "\" does not exist");
  }
  const catalog::TableDesc& table = LookupTable(ctx, stmt.table);
  CheckOwnership(*ctx.catalog, table.owner, "table", table.name);
  LockRelation(ctx, table.oid, table.name, txn::RelationLockMode::kShare);
  // System columns (ctid, xmin, ...) have no value in our rows to index;
  // PostgreSQL refuses them in keys, expressions and predicates alike.
  auto system_column = [&](const std::string& name) {
    static const char* const kNames[] = {"ctid", "xmin", "xmax", "cmin", "cmax", "tableoid"};
    if (table.FindColumn(name) >= 0) return false;
    for (const char* n : kNames) {
      if (name == n) return true;
    }
    return false;
  };
  bool uses_system_column = false;
  for (const ast::IndexColumnDef& c : stmt.columns) {
    if (c.expr.empty()) {
      uses_system_column = uses_system_column || system_column(c.name);
      continue;
    }
    for (const std::string& name : PredicateColumns(c.expr)) {
      uses_system_column = uses_system_column || system_column(name);
    }
  }
  if (!stmt.where.empty()) {
    for (const std::string& name : PredicateColumns(stmt.where)) {
      uses_system_column = uses_system_column || system_column(name);
    }
  }
  if (uses_system_column) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "index creation on system columns is not supported");
  }
  if (!stmt.where.empty()) CheckIndexPredicate(table, stmt.where);
  // What the hash access method cannot do (DefineIndex's checks of the
  // access method's capabilities, in its order).
  const bool hash = stmt.access_method == "hash";
  auto hash_lacks = [](const std::string& what) {
    return SqlError(SqlState::kFeatureNotSupported,
                    "access method \"hash\" does not support " + what);
  };
  if (hash && stmt.unique) throw hash_lacks("unique indexes");
  if (hash && !stmt.include.empty()) throw hash_lacks("included columns");
  if (hash && stmt.columns.size() > 1) throw hash_lacks("multicolumn indexes");
  if (!stmt.name.empty() && !stmt.table.schema.empty()) {
    // The index goes in the table's schema; a schema-qualified index name is
    // a syntax error in PostgreSQL's grammar (never reaches here).
  }

  catalog::IndexDesc index;
  std::vector<std::string> column_names;
  auto column_attnum = [&](const std::string& name) -> int16_t {
    const int slot = table.FindColumn(name);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn, "column \"" + name + "\" does not exist");
    }
    return static_cast<int16_t>(slot + 1);
  };
  for (const ast::IndexColumnDef& c : stmt.columns) {
    catalog::IndexKeyColumn key;
    // `((a))` is the column a, as PostgreSQL treats an expression that is a
    // plain column reference.
    const std::optional<std::string> bare =
        c.expr.empty() ? std::optional<std::string>(c.name) : ExpressionColumnName(c.expr);
    Oid type = 0;
    if (bare) {
      key.attnum = column_attnum(*bare);
      type = table.columns[static_cast<size_t>(key.attnum - 1)].type;
      column_names.push_back(*bare);
    } else {
      if (table.partition_key) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "expression indexes on partitioned tables are not supported yet");
      }
      type = CheckedIndexExpression(ctx, table, c);
      key.expr = c.expr;
      key.expr_type = type;
      column_names.push_back(IndexExpressionColumnName(c.expr));
      if (type == type_oid::kRecord) {  // CheckAttributeType on the index column
        throw SqlError(SqlState::kInvalidTableDefinition,
                       "column \"" + column_names.back() + "\" has pseudo-type record");
      }
    }
    key.descending = c.descending;
    key.nulls_first = c.nulls == ast::IndexColumnDef::Nulls::kDefault
                          ? c.descending
                          : c.nulls == ast::IndexColumnDef::Nulls::kFirst;
    bool has_opclass = type != type_oid::kUnknown;
    try {
      KeyColumn probe(type);
      (void)probe;
    } catch (const SqlError&) {
      has_opclass = false;
    }
    if (!has_opclass) {
      throw SqlError(SqlState::kUndefinedObject,
                     "data type " + FormatTypeName(type) +
                         " has no default operator class for access method \"" +
                         stmt.access_method + "\"")
          .WithHint("You must specify an operator class for the index or define a default "
                    "operator class for the data type.");
    }
    if (!c.opclass.empty()) CheckDefaultOpclass(c.opclass, type);
    if (hash && c.order_given) throw hash_lacks("ASC/DESC options");
    if (hash && c.nulls != ast::IndexColumnDef::Nulls::kDefault) {
      throw hash_lacks("NULLS FIRST/LAST options");
    }
    index.keys.push_back(std::move(key));
  }
  for (const std::string& name : stmt.include) {
    index.include.push_back(column_attnum(name));
    column_names.push_back(name);
  }
  if (index.keys.size() + index.include.size() > 32) {
    throw SqlError(SqlState::kTooManyColumns, "cannot use more than 32 columns in an index");
  }
  index.unique = stmt.unique;
  index.nulls_not_distinct = stmt.nulls_not_distinct;
  index.hash = hash;
  index.predicate = stmt.where;  // a partial index (index_predicate.h)

  if (stmt.name.empty()) {
    index.name = ChooseIndexName(ctx, table.namespace_oid, table.name, column_names, "idx");
  } else {
    index.name = stmt.name;
    if (ctx.catalog->RelationNameTaken(table.namespace_oid, index.name)) {
      if (stmt.if_not_exists) {
        ctx.Notice(SqlState::kDuplicateTable,
                   "relation \"" + index.name + "\" already exists, skipping");
        return result;
      }
      throw SqlError(SqlState::kDuplicateTable, "relation \"" + index.name + "\" already exists");
    }
  }

  catalog::Catalog* catalog = ctx.db->catalog();
  index.oid = catalog->AllocateOid(ctx.txn);
  auto tree = catalog->CreateTableTree(ctx.txn, index.oid, &index.tree_name);
  if (!tree.ok()) ThrowStatus(tree.status());
  index.tree = tree.value();
  if (index.unique) CheckUniqueCoversPartitionKey(table, IndexAttnums(index), "UNIQUE");
  catalog::TableDesc changed = table;
  changed.indexes.push_back(index);
  {
    ScopedCreateIndexProgress progress(BuildProgress(ctx, "CREATE INDEX", table.oid, index.oid));
    BuildIndex(ctx, changed, changed.indexes.back());
  }
  catalog->PutTable(ctx.txn, changed);
  // On a partitioned table, every partition gets the index too, named for
  // the partition (PostgreSQL's partitioned index with its attached ones).
  if (table.partition_key) {
    std::vector<std::string> taken;
    for (const catalog::TableDesc* p : ctx.catalog->WithDescendants(table.oid)) {
      if (p->oid == table.oid) continue;
      catalog::IndexDesc copy = index;
      for (catalog::IndexKeyColumn& k : copy.keys) {
        k.attnum = static_cast<int16_t>(
            p->FindColumn(table.columns[static_cast<size_t>(k.attnum - 1)].name) + 1);
      }
      for (int16_t& a : copy.include) {
        a = static_cast<int16_t>(p->FindColumn(table.columns[static_cast<size_t>(a - 1)].name) + 1);
      }
      copy.name = ChooseIndexName(ctx, p->namespace_oid, p->name, column_names, "idx", taken);
      taken.push_back(copy.name);
      copy.oid = catalog->AllocateOid(ctx.txn);
      auto copy_tree = catalog->CreateTableTree(ctx.txn, copy.oid, &copy.tree_name);
      if (!copy_tree.ok()) ThrowStatus(copy_tree.status());
      copy.tree = copy_tree.value();
      catalog::TableDesc partition = *p;
      partition.indexes.push_back(copy);
      ScopedCreateIndexProgress progress(BuildProgress(ctx, "CREATE INDEX", p->oid, copy.oid));
      BuildIndex(ctx, partition, partition.indexes.back());
      catalog->PutTable(ctx.txn, partition);
    }
  }
  return result;
}

[[noreturn]] void ThrowConstraintRequiresIndex(const catalog::TableDesc& table,
                                               const std::string& index_name) {
  throw SqlError(SqlState::kDependentObjectsStillExist,
                 "cannot drop index " + index_name + " because constraint " + index_name +
                     " on table " + table.name + " requires it")
      .WithHint("You can drop constraint " + index_name + " on table " + table.name +
                " instead.");
}

StatementOutput DropIndexes(CommandContext& ctx, const ast::IndexStatement& stmt) {
  StatementOutput result;
  result.command_tag = "DROP INDEX";
  if (stmt.concurrently && stmt.indexes.size() > 1) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "DROP INDEX CONCURRENTLY does not support dropping multiple objects");
  }
  // Each table's record changes once, with every index of it dropped.
  std::map<catalog::Oid, catalog::TableDesc> changed;
  for (const ast::RangeVar& rv : stmt.indexes) {
    const FoundIndex found = FindIndexNamed(ctx, rv);
    if (found.table == nullptr) {
      const std::string other = OtherRelationKind(ctx, rv);
      if (!other.empty()) {
        std::string lower = other;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not an index")
            .WithHint("Use DROP " + other + " to remove a " + lower + ".");
      }
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "index \"" + QualifiedName(rv) + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedObject,
                     "index \"" + QualifiedName(rv) + "\" does not exist");
    }
    CheckOwnership(*ctx.catalog, found.table->owner, "index",
                   found.primary_key ? found.table->primary_key_name : found.index->name);
    if (found.primary_key) {
      if (stmt.cascade) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "DROP INDEX ... CASCADE of a primary key's index is not supported yet");
      }
      ThrowConstraintRequiresIndex(*found.table, found.table->primary_key_name);
    }
    if (found.index->is_constraint && !stmt.cascade) {
      ThrowConstraintRequiresIndex(*found.table, found.index->name);
    }
    LockRelation(ctx, found.table->oid, found.table->name,
                 txn::RelationLockMode::kAccessExclusive);
    auto [it, inserted] = changed.emplace(found.table->oid, *found.table);
    std::vector<catalog::IndexDesc>& indexes = it->second.indexes;
    const catalog::Oid oid = found.index->oid;
    auto pos = std::find_if(indexes.begin(), indexes.end(),
                            [&](const catalog::IndexDesc& ix) { return ix.oid == oid; });
    if (pos == indexes.end()) continue;  // named twice
    ctx.txn->DropTreeAfterCommit(pos->tree);
    indexes.erase(pos);
  }
  for (const auto& [oid, table] : changed) ctx.db->catalog()->PutTable(ctx.txn, table);
  return result;
}

StatementOutput RenameIndex(CommandContext& ctx, const ast::IndexStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER INDEX";
  const ast::RangeVar& rv = stmt.indexes.at(0);
  const FoundIndex found = FindIndexNamed(ctx, rv);
  if (found.table == nullptr) {
    const std::string msg = "relation \"" + QualifiedName(rv) + "\" does not exist";
    if (stmt.if_exists) {
      ctx.Notice(SqlState::kSuccessfulCompletion, msg + ", skipping");
      return result;
    }
    if (!OtherRelationKind(ctx, rv).empty()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "ALTER INDEX ... RENAME of a table is not supported yet; use ALTER TABLE");
    }
    throw SqlError(SqlState::kUndefinedTable, msg);
  }
  CheckOwnership(*ctx.catalog, found.table->owner, "index",
                 found.primary_key ? found.table->primary_key_name : found.index->name);
  if (ctx.catalog->RelationNameTaken(found.table->namespace_oid, stmt.new_name)) {
    throw SqlError(SqlState::kDuplicateTable,
                   "relation \"" + stmt.new_name + "\" already exists");
  }
  LockRelation(ctx, found.table->oid, found.table->name,
               txn::RelationLockMode::kShareUpdateExclusive);
  catalog::TableDesc changed = *found.table;
  if (found.primary_key) {
    changed.primary_key_name = stmt.new_name;  // the constraint follows, as in PostgreSQL
  } else {
    for (catalog::IndexDesc& ix : changed.indexes) {
      if (ix.oid == found.index->oid) ix.name = stmt.new_name;
    }
  }
  ctx.db->catalog()->PutTable(ctx.txn, changed);
  return result;
}

// REINDEX (VERBOSE): PostgreSQL's INFO per index rebuilt with the resource
// usage of its rebuild (pg_rusage_show's format). CONCURRENTLY reports as
// ReindexRelationConcurrently does: schema-qualified names, the usage once
// at the end (after "table ... was reindexed" for a table), ending in '.'.
class ReindexReport {
 public:
  ReindexReport(const CommandContext& ctx, bool verbose, bool concurrent)
      : ctx_(ctx), verbose_(verbose), concurrent_(concurrent) {
    Start();
  }
  // One index rebuilt; `schema` its schema's name; `last`: REINDEX INDEX
  // (the usage goes on its line).
  void Done(const std::string& schema, const std::string& index_name, bool last = false) {
    if (!verbose_) return;
    if (!concurrent_) {
      Emit("index \"" + index_name + "\" was reindexed", Usage(""));
      Start();
      return;
    }
    Emit("index \"" + schema + "." + index_name + "\" was reindexed", last ? Usage(".") : "");
  }
  // CONCURRENTLY over a table: its closing line.
  void TableDone(const std::string& schema, const std::string& table) {
    if (!verbose_ || !concurrent_) return;
    Emit("table \"" + schema + "." + table + "\" was reindexed", Usage("."));
  }

 private:
  void Start() {
    if (!verbose_) return;
    wall_ = std::chrono::steady_clock::now();
    getrusage(RUSAGE_THREAD, &usage_);
  }
  std::string Usage(const char* end) const {
    rusage now{};
    getrusage(RUSAGE_THREAD, &now);
    auto seconds = [](const timeval& a, const timeval& b) {
      return static_cast<double>(b.tv_sec - a.tv_sec) +
             static_cast<double>(b.tv_usec - a.tv_usec) / 1e6;
    };
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count();
    char detail[128];
    std::snprintf(detail, sizeof(detail), "CPU: user: %.2f s, system: %.2f s, elapsed: %.2f s%s",
                  seconds(usage_.ru_utime, now.ru_utime), seconds(usage_.ru_stime, now.ru_stime),
                  elapsed, end);
    return detail;
  }
  void Emit(std::string message, std::string detail) const {
    if (ctx_.notices == nullptr) return;
    SqlErrorFields f;
    f.severity = ErrorSeverity::kInfo;
    f.sqlstate = SqlState::kSuccessfulCompletion;
    f.message = std::move(message);
    f.detail = std::move(detail);
    ctx_.notices->push_back(std::move(f));
  }

  const CommandContext& ctx_;
  bool verbose_;
  bool concurrent_;
  std::chrono::steady_clock::time_point wall_;
  rusage usage_{};
};

// REINDEX TABLE: every index of `table` gets a new tree built from the
// rows; the primary key's index is the table tree itself (nothing to
// rebuild, reported all the same). False when the table has no index.
bool ReindexOneTable(CommandContext& ctx, const catalog::TableDesc& table, bool verbose,
                     bool concurrent) {
  if (table.indexes.empty() && table.primary_key.empty()) return false;
  LockRelation(ctx, table.oid, table.name, txn::RelationLockMode::kShare);
  ReindexReport report(ctx, verbose, concurrent);
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(table.namespace_oid);
  const std::string schema = ns != nullptr ? ns->name : "";
  if (!table.primary_key.empty()) report.Done(schema, table.primary_key_name);
  catalog::TableDesc changed = table;
  ScopedCreateIndexProgress progress(BuildProgress(ctx, "REINDEX", table.oid, 0));
  for (catalog::IndexDesc& index : changed.indexes) {
    catalog::TableDesc one = changed;
    one.indexes = {index};
    RebuildIndexes(ctx, &one);
    index = one.indexes.at(0);
    report.Done(schema, index.name);
  }
  report.TableDone(schema, table.name);
  ctx.db->catalog()->PutTable(ctx.txn, changed);
  return true;
}

// REINDEX SCHEMA / DATABASE: the tables of `namespaces` that have indexes,
// each as REINDEX TABLE (without its "no indexes" notice, as PostgreSQL's
// ReindexMultipleTables skips them).
void ReindexTablesIn(CommandContext& ctx, const std::vector<catalog::Oid>& namespaces,
                     bool verbose, bool concurrent) {
  for (catalog::Oid ns : namespaces) {
    for (const catalog::TableDesc* table : ctx.catalog->TablesIn(ns)) {
      const catalog::TableDesc* current = ctx.catalog->FindTable(table->oid);
      if (current != nullptr) ReindexOneTable(ctx, *current, verbose, concurrent);
    }
  }
}

// REINDEX SCHEMA pg_catalog / DATABASE with CONCURRENTLY: PostgreSQL's
// WARNING for the catalogs it skips.
void WarnSystemCatalogsSkipped(const CommandContext& ctx) {
  if (ctx.notices == nullptr) return;
  SqlErrorFields f;
  f.severity = ErrorSeverity::kWarning;
  f.sqlstate = SqlState::kFeatureNotSupported;
  f.message = "cannot reindex system catalogs concurrently, skipping all";
  ctx.notices->push_back(std::move(f));
}

// REINDEX CONCURRENTLY runs as a plain rebuild. PostgreSQL builds a second
// index beside the old one while writers go on, then swaps them; what it
// leaves is an index holding the same entries as one built under a lock
// that keeps writers out, which is what we do (the SHARE lock lets readers
// go on; writers wait for the build instead of running beside it). It keeps
// CONCURRENTLY's own errors: not in a transaction block (sql_session.cpp),
// not on system catalogs.
StatementOutput Reindex(CommandContext& ctx, const ast::IndexStatement& stmt) {
  StatementOutput result;
  result.command_tag = "REINDEX";
  using Action = ast::IndexStatement::Action;
  switch (stmt.action) {
    case Action::kReindexTable: {
      if (FindTable(ctx, stmt.table) == nullptr) {
        if (ResolveSystemRelation(ctx, stmt.table) != nullptr) {
          // A system catalog: built from catalog records, no index of its
          // own to rebuild.
          if (stmt.concurrently) {
            throw SqlError(SqlState::kFeatureNotSupported,
                           "cannot reindex system catalogs concurrently");
          }
          return result;
        }
        if (FindIndexNamed(ctx, stmt.table).table != nullptr) {
          throw SqlError(SqlState::kWrongObjectType,
                         "\"" + stmt.table.name + "\" is not a table or materialized view");
        }
      }
      const catalog::TableDesc& table = LookupTable(ctx, stmt.table);
      CheckOwnership(*ctx.catalog, table.owner, "table", table.name);
      if (!ReindexOneTable(ctx, table, stmt.verbose, stmt.concurrently)) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "table \"" + table.name + "\" has no indexes" +
                       (stmt.concurrently ? " that can be reindexed concurrently"
                                          : " to reindex"));
      }
      return result;
    }
    case Action::kReindexSchema: {
      const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(stmt.table.schema);
      if (ns == nullptr) {
        throw SqlError(SqlState::kInvalidSchemaName,
                       "schema \"" + stmt.table.schema + "\" does not exist");
      }
      CheckOwnership(*ctx.catalog, SchemaOwner(*ctx.catalog, ns->oid), "schema", ns->name);
      if (ns->name == "pg_catalog" || ns->name == "information_schema") {
        // System catalogs: nothing of ours to rebuild (they are views over
        // the catalog); CONCURRENTLY skips them with PostgreSQL's warning.
        if (stmt.concurrently) {
          WarnSystemCatalogsSkipped(ctx);
        }
        return result;
      }
      ReindexTablesIn(ctx, {ns->oid}, stmt.verbose, stmt.concurrently);
      return result;
    }
    case Action::kReindexDatabase:
    case Action::kReindexSystem: {
      if (stmt.action == Action::kReindexSystem && stmt.concurrently) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "cannot reindex system catalogs concurrently");
      }
      if (!stmt.new_name.empty() && stmt.new_name != ctx.db->name()) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "can only reindex the currently open database");
      }
      // SYSTEM: the system catalogs' indexes, which we do not have (the
      // catalog relations are built from catalog records): done.
      if (stmt.action == Action::kReindexSystem) return result;
      if (stmt.concurrently) {
        WarnSystemCatalogsSkipped(ctx);
      }
      // Every schema's tables but other sessions' temporary ones.
      const catalog::NamespaceDesc* own_temp = FindTempNamespace(ctx);
      std::vector<catalog::Oid> namespaces;
      for (const auto& [oid, ns] : ctx.catalog->namespaces()) {
        const bool temp = ns.name.rfind("pg_temp", 0) == 0 || ns.name.rfind("pg_toast_temp", 0) == 0;
        if (temp && (own_temp == nullptr || own_temp->oid != oid)) continue;
        namespaces.push_back(oid);
      }
      ReindexTablesIn(ctx, namespaces, stmt.verbose, stmt.concurrently);
      return result;
    }
    default:
      break;
  }
  const ast::RangeVar& rv = stmt.indexes.at(0);
  const FoundIndex found = FindIndexNamed(ctx, rv);
  if (found.table == nullptr) {
    if (!OtherRelationKind(ctx, rv).empty()) {
      throw SqlError(SqlState::kWrongObjectType, "\"" + rv.name + "\" is not an index");
    }
    throw SqlError(SqlState::kUndefinedTable,
                   "relation \"" + QualifiedName(rv) + "\" does not exist");
  }
  CheckOwnership(*ctx.catalog, found.table->owner, "index",
                 found.primary_key ? found.table->primary_key_name : found.index->name);
  LockRelation(ctx, found.table->oid, found.table->name, txn::RelationLockMode::kShare);
  ReindexReport report(ctx, stmt.verbose, stmt.concurrently);
  const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(found.table->namespace_oid);
  const std::string schema = ns != nullptr ? ns->name : "";
  if (found.primary_key) {  // the table tree is its own primary key index
    report.Done(schema, found.table->primary_key_name, /*last=*/true);
    return result;
  }
  catalog::TableDesc changed = *found.table;
  catalog::TableDesc one = changed;
  one.indexes.clear();
  for (const catalog::IndexDesc& ix : changed.indexes) {
    if (ix.oid == found.index->oid) one.indexes.push_back(ix);
  }
  {
    ScopedCreateIndexProgress progress(
        BuildProgress(ctx, "REINDEX", found.table->oid, found.index->oid));
    RebuildIndexes(ctx, &one);
  }
  for (catalog::IndexDesc& ix : changed.indexes) {
    if (ix.oid == found.index->oid) ix = one.indexes.at(0);
  }
  report.Done(schema, found.index->name, /*last=*/true);
  ctx.db->catalog()->PutTable(ctx.txn, changed);
  return result;
}

}  // namespace

std::string ChooseIndexName(const CommandContext& ctx, catalog::Oid namespace_oid,
                            const std::string& table, const std::vector<std::string>& columns,
                            const std::string& label,
                            const std::vector<std::string>& also_taken) {
  // ChooseIndexNameAddition: names joined by "_", stopping once too long.
  std::string addition;
  for (const std::string& name : DistinctColumnNames(columns)) {
    if (!addition.empty()) addition += "_";
    addition += name;
    if (addition.size() >= kMaxNameBytes + 1) break;
  }
  for (int pass = 0;; ++pass) {
    const std::string name =
        MakeObjectName(table, addition, pass == 0 ? label : label + std::to_string(pass));
    if (!ctx.catalog->RelationNameTaken(namespace_oid, name) &&
        std::find(also_taken.begin(), also_taken.end(), name) == also_taken.end()) {
      return name;
    }
  }
}

catalog::IndexDesc NewUniqueConstraintIndex(const CommandContext& ctx,
                                            const catalog::TableDesc& table,
                                            const ast::UniqueDef& def,
                                            const std::vector<std::string>& taken) {
  catalog::IndexDesc index;
  auto attnum_of = [&](const std::string& name) {
    const int slot = table.FindColumn(name);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn,
                     "column \"" + name + "\" named in key does not exist")
          .WithPosition(ctx.Position(def.location));
    }
    return static_cast<int16_t>(slot + 1);
  };
  std::vector<std::string> names;
  for (const std::string& name : def.columns) {
    catalog::IndexKeyColumn key;
    key.attnum = attnum_of(name);
    KeyColumn probe(table.columns[static_cast<size_t>(key.attnum - 1)].type);
    (void)probe;
    index.keys.push_back(key);
    names.push_back(name);
  }
  for (const std::string& name : def.include) {
    index.include.push_back(attnum_of(name));
    names.push_back(name);
  }
  index.unique = true;
  index.is_constraint = true;
  index.nulls_not_distinct = def.nulls_not_distinct;
  if (def.name.empty()) {
    index.name = ChooseIndexName(ctx, table.namespace_oid, table.name, names, "key", taken);
  } else {
    index.name = def.name;
    if (ctx.catalog->RelationNameTaken(table.namespace_oid, index.name) ||
        std::find(taken.begin(), taken.end(), index.name) != taken.end()) {
      throw SqlError(SqlState::kDuplicateTable,
                     "relation \"" + index.name + "\" already exists");
    }
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  index.oid = catalog->AllocateOid(ctx.txn);
  auto tree = catalog->CreateTableTree(ctx.txn, index.oid, &index.tree_name);
  if (!tree.ok()) ThrowStatus(tree.status());
  index.tree = tree.value();
  return index;
}

StatementOutput ExecuteIndexStatement(CommandContext& ctx, const ast::IndexStatement& stmt) {
  switch (stmt.action) {
    case ast::IndexStatement::Action::kCreate:
      return CreateIndex(ctx, stmt);
    case ast::IndexStatement::Action::kDrop:
      return DropIndexes(ctx, stmt);
    case ast::IndexStatement::Action::kRename:
      return RenameIndex(ctx, stmt);
    case ast::IndexStatement::Action::kReindexIndex:
    case ast::IndexStatement::Action::kReindexTable:
    case ast::IndexStatement::Action::kReindexSchema:
    case ast::IndexStatement::Action::kReindexDatabase:
    case ast::IndexStatement::Action::kReindexSystem:
      return Reindex(ctx, stmt);
  }
  throw SqlError(SqlState::kInternalError, "unrecognized index statement");
}

}  // namespace strata::sql
