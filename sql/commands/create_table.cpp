// CREATE TABLE: columns with types and typmods, NOT NULL / DEFAULT / CHECK /
// PRIMARY KEY, INHERITS (the parents' columns and CHECKs merged first,
// table_inheritance.h); the catalog record and the table's tree in one
// transaction.
#include <algorithm>
#include <map>
#include <set>

#include "sql/commands/bound_volatility.h"
#include "sql/commands/table_options.h"
#include "sql/commands/default_privileges.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"
#include "sql/ast/sequence_statements.h"
#include "sql/commands/sequence_commands.h"
#include "sql/commands/expr_walk.h"
#include "sql/commands/foreign_keys.h"
#include "sql/commands/index_commands.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/partition_ddl.h"
#include "sql/system_relations/index_catalog.h"
#include "sql/commands/table_inheritance.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/temp_namespace.h"
#include "sql/storage_format/storage_type.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"

namespace strata::sql {

namespace {

// ChooseConstraintName(): `base`, else base1, base2, ... not in `used`.
std::string UniqueName(const std::string& base, std::set<std::string>* used) {
  std::string name = base;
  for (int i = 1; used->count(name) != 0; ++i) name = base + std::to_string(i);
  used->insert(name);
  return name;
}

}  // namespace

// The schema a new table goes in: the session's temporary one for CREATE
// TEMP TABLE or pg_temp.name (PostgreSQL's RangeVarAdjustRelationPersistence).
catalog::NamespaceDesc NewTableNamespace(CommandContext& ctx, const ast::RangeVar& table,
                                         bool temporary) {
  if (table.schema == "pg_temp") return EnsureTempNamespace(ctx);
  if (temporary) {
    if (!table.schema.empty()) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "cannot create temporary relation in non-temporary schema")
          .WithPosition(ctx.Position(table.location));
    }
    return EnsureTempNamespace(ctx);
  }
  // RangeVarGetAndCheckCreationNamespace: CREATE on the schema.
  const catalog::NamespaceDesc& ns = ResolveSchema(ctx, table.schema, table.location);
  if (!RoleHasSchemaPrivileges(*ctx.catalog, CheckingRole(*ctx.catalog), ns,
                               catalog::kAclCreate)) {
    throw SqlError(SqlState::kInsufficientPrivilege, "permission denied for schema " + ns.name)
        .WithPosition(ctx.Position(table.location));
  }
  return ns;
}

namespace {

// PostgreSQL's CREATE_TABLE_LIKE_* option bits (TableLikeClause.options).
constexpr uint32_t kLikeComments = 1u << 0;
constexpr uint32_t kLikeConstraints = 1u << 2;
constexpr uint32_t kLikeDefaults = 1u << 3;
constexpr uint32_t kLikeIdentity = 1u << 5;
constexpr uint32_t kLikeIndexes = 1u << 6;

}  // namespace

StatementOutput ExecuteCreateTable(CommandContext& ctx, const ast::CreateTableStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE TABLE";
  // transformCreateStmt looks the schema up with the relation name as the
  // error position: the temporary schema's TEMPORARY check (temp_namespace.h)
  // points there too.
  const catalog::NamespaceDesc ns = [&] {
    try {
      return NewTableNamespace(ctx, stmt.table, stmt.temporary);
    } catch (SqlError& e) {
      if (e.fields().position == 0 && e.sqlstate() == SqlState::kInsufficientPrivilege) {
        e.WithPosition(ctx.Position(stmt.table.location));
      }
      throw;
    }
  }();
  if (ctx.catalog->RelationNameTaken(ns.oid, stmt.table.name)) {
    if (stmt.if_not_exists) {
      ctx.Notice(SqlState::kDuplicateTable,
                 "relation \"" + stmt.table.name + "\" already exists, skipping");
      return result;
    }
    throw SqlError(SqlState::kDuplicateTable, "relation \"" + stmt.table.name + "\" already exists");
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  catalog::TableDesc table;
  table.namespace_oid = ns.oid;
  table.name = stmt.table.name;
  table.owner = CurrentUserOid(*ctx.catalog);
  {
    // WITH (...): storage parameters; WITH (oids = false) is accepted and
    // means nothing (PostgreSQL 12 on has no OIDs to turn off).
    std::vector<std::pair<std::string, std::string>> options;
    for (const auto& o : stmt.options) {
      if (o.first == "oids") {
        if (o.second != "false") {
          throw SqlError(SqlState::kFeatureNotSupported,
                         "tables declared WITH OIDS are not supported");
        }
        continue;
      }
      options.push_back(o);
    }
    ApplyTableOptions(options, false, &table.options);
  }
  Binder binder(ctx.query);
  // LIKE sources (transformTableLikeClause): SELECT on each is required.
  std::vector<const catalog::TableDesc*> like_sources;
  for (const ast::CreateTableStatement::Like& like : stmt.likes) {
    const catalog::TableDesc& source = LookupTable(ctx, like.table);
    CheckRelationPrivileges(*ctx.catalog, source.oid, source.owner, 'r', source.name,
                            catalog::kAclSelect);
    like_sources.push_back(&source);
  }
  std::set<std::string> names;
  auto add_name = [&](const std::string& name) {
    if (!names.insert(name).second) {
      throw SqlError(SqlState::kDuplicateColumn, "column \"" + name + "\" specified more than once");
    }
  };
  {
    size_t like_index = 0;
    for (size_t i = 0; i <= stmt.columns.size(); ++i) {
      for (; like_index < stmt.likes.size() && stmt.likes[like_index].position == i; ++like_index) {
        for (const catalog::ColumnDesc& c : like_sources[like_index]->columns) {
          if (!c.dropped) add_name(c.name);
        }
      }
      if (i < stmt.columns.size()) add_name(stmt.columns[i].name);
    }
  }
  // INHERITS: the parents' columns come first (MergeAttributes); a declared
  // column of the same name merges into the inherited one.
  InheritedDefinition inherited = InheritFromParents(ctx, stmt.inherits, ns.name.rfind("pg_temp", 0) == 0);
  table.parents = inherited.parents;
  table.columns = inherited.columns;
  CheckPartitionParents(ctx, stmt, table.parents);
  for (catalog::ColumnDesc& c : table.columns) {
    // Identity is not inherited (the parent's sequence stays the parent's).
    if (c.identity != 0) {
      c.identity = 0;
      c.default_expr.reset();
    }
  }
  for (size_t i = 0; i < table.columns.size(); ++i) {
    table.columns[i].attnum = static_cast<int16_t>(i + 1);
  }
  std::vector<bool> declared_default(table.columns.size(), false);
  std::vector<std::pair<size_t, Oid>> serial_columns;  // (column index, integer type)
  // Identity columns: (column index, their sequence options).
  std::vector<std::pair<size_t, const ast::SequenceOptions*>> identity_columns;
  // LIKE: the source's columns (types, NOT NULL; defaults, identity with
  // INCLUDING DEFAULTS / IDENTITY), and per source its attnum -> new attnum.
  std::vector<std::map<int16_t, int16_t>> like_attnums(stmt.likes.size());
  size_t next_like = 0;
  auto add_like_columns = [&](size_t position) {
    for (; next_like < stmt.likes.size() && stmt.likes[next_like].position == position;
         ++next_like) {
      const uint32_t options = stmt.likes[next_like].options;
      for (const catalog::ColumnDesc& c : like_sources[next_like]->columns) {
        if (c.dropped) continue;
        catalog::ColumnDesc col;
        col.name = c.name;
        col.type = c.type;
        col.typmod = c.typmod;
        col.not_null = c.not_null;
        col.attnum = static_cast<int16_t>(table.columns.size() + 1);
        if (c.identity != 0 && (options & kLikeIdentity) != 0) {
          col.identity = c.identity;
          serial_columns.emplace_back(table.columns.size(), c.type);
          identity_columns.emplace_back(table.columns.size(), nullptr);
        } else if (c.identity == 0 && c.default_expr && (options & kLikeDefaults) != 0) {
          col.default_expr = c.default_expr;
        }
        like_attnums[next_like][c.attnum] = col.attnum;
        table.columns.push_back(std::move(col));
      }
    }
  };
  if (!stmt.likes.empty() && !stmt.inherits.empty()) {
    throw SqlError(SqlState::kFeatureNotSupported, "LIKE together with INHERITS is not supported yet");
  }
  for (size_t def_index = 0; def_index < stmt.columns.size(); ++def_index) {
    add_like_columns(def_index);
    const ast::ColumnDef& def = stmt.columns[def_index];
    const int merged = stmt.inherits.empty() ? -1 : table.FindColumn(def.name);
    if ((def.identity != 0 || def.generated) && merged >= 0) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "an identity or generated column merged with an inherited column is not "
                     "supported yet");
    }
    if (!def.has_type && merged < 0) {
      throw SqlError(SqlState::kUndefinedColumn, "column \"" + def.name + "\" does not exist");
    }
    if (!def.has_type) {
      // PARTITION OF t (col WITH OPTIONS ...): options for the inherited
      // column, merged silently.
      catalog::ColumnDesc& col = table.columns[static_cast<size_t>(merged)];
      col.not_null = col.not_null || def.not_null;
      if (def.default_expr != nullptr) {
        binder.SetSubqueriesForbidden("cannot use subquery in DEFAULT expression");
        CoerceToColumn(binder, binder.BindExpr(*def.default_expr), col);
        col.default_expr = def.default_text;
        declared_default[static_cast<size_t>(merged)] = true;
      }
      continue;
    }
    if (merged >= 0) {
      catalog::ColumnDesc& col = table.columns[static_cast<size_t>(merged)];
      if (static_cast<size_t>(merged) == def_index) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "merging column \"" + def.name + "\" with inherited definition");
      } else {
        NoticeWithDetail(ctx, SqlState::kSuccessfulCompletion,
                         "moving and merging column \"" + def.name + "\" with inherited definition",
                         "User-specified column moved to the position of the inherited column.");
      }
      const std::optional<Oid> serial = SerialColumnType(def.type);
      const DataType type = serial ? DataType{*serial, -1} : binder.ResolveTypeName(def.type);
      if (type.oid != col.type || type.typmod != col.typmod) {
        throw SqlError(SqlState::kDatatypeMismatch,
                       "column \"" + def.name + "\" has a type conflict")
            .WithDetail(FormatType(DataType{col.type, col.typmod}) + " versus " + FormatType(type));
      }
      col.is_local = true;
      col.not_null = col.not_null || def.not_null || serial.has_value();
      if (serial.has_value()) {
        serial_columns.emplace_back(static_cast<size_t>(merged), *serial);
        declared_default[static_cast<size_t>(merged)] = true;
      } else if (def.default_expr != nullptr) {
        binder.SetSubqueriesForbidden("cannot use subquery in DEFAULT expression");
        CoerceToColumn(binder, binder.BindExpr(*def.default_expr), col);
        col.default_expr = def.default_text;
        declared_default[static_cast<size_t>(merged)] = true;
      }
      continue;
    }
    catalog::ColumnDesc col;
    col.name = def.name;
    if (def.identity != 0) {
      // GENERATED ... AS IDENTITY: an integer column, NOT NULL, whose values
      // come from its own sequence (created below, as a serial's).
      const DataType type = binder.ResolveTypeName(def.type);
      if (type.oid != type_oid::kInt2 && type.oid != type_oid::kInt4 &&
          type.oid != type_oid::kInt8) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "identity column type must be smallint, integer, or bigint");
      }
      col.type = type.oid;
      col.attnum = static_cast<int16_t>(table.columns.size() + 1);
      col.not_null = true;
      col.identity = def.identity;
      serial_columns.emplace_back(table.columns.size(), type.oid);
      identity_columns.emplace_back(table.columns.size(), def.identity_options.get());
      table.columns.push_back(std::move(col));
      continue;
    }
    const std::optional<Oid> serial = SerialColumnType(def.type);
    if (serial.has_value()) {
      // serial = an integer column, NOT NULL, DEFAULT nextval of its own
      // sequence (created below, once the table has its OID).
      if (def.default_expr != nullptr) {
        throw SqlError(SqlState::kSyntaxError, "multiple default values specified for column \"" +
                                                   def.name + "\" of table \"" + stmt.table.name +
                                                   "\"");
      }
      col.type = *serial;
      col.attnum = static_cast<int16_t>(table.columns.size() + 1);
      col.not_null = true;
      serial_columns.emplace_back(table.columns.size(), *serial);
      table.columns.push_back(std::move(col));
      continue;
    }
    const DataType type = binder.ResolveTypeName(def.type);
    if (!StorageTypeOf(type.oid).has_value()) {
      throw binder.ErrorAt(SqlState::kFeatureNotSupported,
                           "columns of type " + FormatTypeName(type.oid) +
                               " are not supported yet",
                           def.type.location);
    }
    col.type = type.oid;
    col.typmod = type.typmod;
    col.attnum = static_cast<int16_t>(table.columns.size() + 1);
    col.not_null = def.not_null;
    if (def.generated) {
      // GENERATED ALWAYS AS (expr) STORED: checked below, once every
      // column is known.
      col.generated = 's';
      col.default_expr = def.default_text;
    } else if (def.default_expr != nullptr) {
      // Bind now so type errors surface at CREATE time, as in PostgreSQL.
      binder.SetSubqueriesForbidden("cannot use subquery in DEFAULT expression");
      CoerceToColumn(binder, binder.BindExpr(*def.default_expr), col);
      col.default_expr = def.default_text;
    }
    table.columns.push_back(std::move(col));
  }
  add_like_columns(stmt.columns.size());
  for (size_t i = 0; i < inherited.conflicting_default.size(); ++i) {
    if (inherited.conflicting_default[i] && !declared_default[i]) {
      throw SqlError(SqlState::kInvalidColumnDefinition,
                     "column \"" + table.columns[i].name + "\" inherits conflicting default values")
          .WithHint("To resolve the conflict, specify a default explicitly.");
    }
  }
  // LIKE ... INCLUDING INDEXES: the source's primary key, unless the
  // statement names one (then PostgreSQL reports both: 42P16).
  std::vector<std::string> primary_key = stmt.primary_key;
  for (size_t i = 0; i < stmt.likes.size(); ++i) {
    const catalog::TableDesc& source = *like_sources[i];
    if ((stmt.likes[i].options & kLikeIndexes) == 0 || source.primary_key.empty()) continue;
    if (!primary_key.empty()) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "multiple primary keys for table \"" + stmt.table.name + "\" are not allowed");
    }
    for (int16_t attnum : source.primary_key) {
      primary_key.push_back(source.columns[static_cast<size_t>(attnum - 1)].name);
    }
  }
  for (size_t i = 0; i < primary_key.size(); ++i) {
    const int slot = table.FindColumn(primary_key[i]);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn,
                     "column \"" + primary_key[i] + "\" named in key does not exist")
          .WithPosition(ctx.Position(stmt.primary_key_location));
    }
    table.columns[static_cast<size_t>(slot)].not_null = true;
    table.primary_key.push_back(static_cast<int16_t>(slot + 1));
    KeyColumn check_key_type(table.columns[static_cast<size_t>(slot)].type);
    (void)check_key_type;
  }
  // CHECK constraints: bound against the new columns to validate them.
  BindScope scope = TableScope(ctx, table);
  binder.SetScope(&scope);
  // Generation expressions: over the other columns, never another generated
  // one, calling only immutable functions (cookDefault's checks).
  for (const ast::ColumnDef& def : stmt.columns) {
    if (!def.generated) continue;
    const catalog::ColumnDesc& col = table.columns[static_cast<size_t>(table.FindColumn(def.name))];
    ForEachExprNode(*def.default_expr, [&](const ast::Expr& e) {
      if (e.kind != ast::ExprKind::kColumnRef) return;
      const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
      const std::string& name = ref.fields.back();
      const int slot = table.FindColumn(name);
      if (slot >= 0 && table.columns[static_cast<size_t>(slot)].generated != 0) {
        throw SqlError(SqlState::kInvalidObjectDefinition,
                       "cannot use generated column \"" + name +
                           "\" in column generation expression")
            .WithDetail("A generated column cannot reference another generated column.")
            .WithPosition(ctx.Position(ref.location));
      }
    });
    binder.SetSubqueriesForbidden("cannot use subquery in column generation expression");
    binder.SetAggregatesForbidden("column generation expressions");
    BoundExprPtr bound = CoerceToColumn(binder, binder.BindExpr(*def.default_expr), col);
    if (ContainsMutableCall(*bound)) {
      throw SqlError(SqlState::kInvalidObjectDefinition, "generation expression is not immutable");
    }
    binder.SetAggregatesForbidden(nullptr);
  }
  std::set<std::string> constraint_names;
  // Inherited CHECK constraints keep their names; a declared one of the
  // same name and expression merges into it (MergeWithExistingConstraint).
  table.checks = inherited.checks;
  for (const catalog::CheckConstraint& c : table.checks) constraint_names.insert(c.name);
  std::vector<const ast::CheckDef*> checks;
  for (const ast::ColumnDef& def : stmt.columns) {
    for (const ast::CheckDef& c : def.checks) checks.push_back(&c);
  }
  for (const ast::CheckDef& c : stmt.checks) checks.push_back(&c);
  for (const ast::CheckDef* c : checks) {
    if (!c->name.empty()) constraint_names.insert(c->name);
  }
  if (!table.primary_key.empty()) {
    table.primary_key_name = stmt.primary_key_name.empty()
                                 ? UniqueName(table.name + "_pkey", &constraint_names)
                                 : stmt.primary_key_name;
  }
  binder.SetSubqueriesForbidden("cannot use subquery in check constraint");
  for (const ast::CheckDef* c : checks) {
    binder.CoerceToBoolean(binder.BindExpr(*c->expr), "CHECK");
    if (!c->name.empty()) {
      auto same = std::find_if(table.checks.begin(), table.checks.end(),
                               [&](const catalog::CheckConstraint& k) { return k.name == c->name; });
      if (same != table.checks.end()) {
        if (same->is_local || same->expr != c->expr_text) {
          throw SqlError(SqlState::kDuplicateObject, "constraint \"" + c->name +
                                                         "\" for relation \"" + table.name +
                                                         "\" already exists");
        }
        if (c->no_inherit) {
          throw SqlError(SqlState::kInvalidObjectDefinition,
                         "constraint \"" + c->name +
                             "\" conflicts with inherited constraint on relation \"" +
                             table.name + "\"");
        }
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "merging constraint \"" + c->name + "\" with inherited definition");
        same->is_local = true;
        same->no_inherit = c->no_inherit;
        continue;
      }
    }
    catalog::CheckConstraint check;
    if (!c->name.empty()) {
      check.name = c->name;
    } else {
      std::set<std::string> columns;
      CollectColumns(*c->expr, &columns);
      const std::string base = columns.size() == 1
                                   ? table.name + "_" + *columns.begin() + "_check"
                                   : table.name + "_check";
      check.name = UniqueName(base, &constraint_names);
    }
    check.expr = c->expr_text;
    check.no_inherit = c->no_inherit;
    table.checks.push_back(std::move(check));
  }
  // LIKE ... INCLUDING CONSTRAINTS: the source's CHECK constraints, named as
  // there (NOT NULL comes with the columns regardless).
  for (size_t i = 0; i < stmt.likes.size(); ++i) {
    if ((stmt.likes[i].options & kLikeConstraints) == 0) continue;
    for (const catalog::CheckConstraint& c : like_sources[i]->checks) {
      catalog::CheckConstraint check;
      check.name = c.name;
      check.expr = c.expr;
      check.no_inherit = c.no_inherit;
      constraint_names.insert(c.name);
      table.checks.push_back(std::move(check));
    }
  }
  table.oid = catalog->AllocateOid(ctx.txn);
  for (const auto& [index, type] : serial_columns) {
    catalog::ColumnDesc& col = table.columns[index];
    const ast::SequenceOptions* options = nullptr;
    for (const auto& [identity_index, identity_options] : identity_columns) {
      if (identity_index == index) options = identity_options;
    }
    col.default_expr = CreateSerialSequence(ctx, ns, table.name, table.oid, type, col.name,
                                            col.attnum, options);
  }
  auto tree = catalog->CreateTableTree(ctx.txn, table.oid, &table.tree_name);
  if (!tree.ok()) ThrowStatus(tree.status());
  table.tree = tree.value();
  std::vector<std::string> index_names;
  if (!table.primary_key.empty()) index_names.push_back(table.primary_key_name);
  // transformIndexConstraints: a UNIQUE constraint equal to an earlier one
  // (or to the primary key) is dropped, its name going to an unnamed twin.
  std::vector<ast::UniqueDef> uniques;
  for (const ast::UniqueDef& def : stmt.uniques) {
    if (def.include.empty() && !def.nulls_not_distinct && primary_key == def.columns) continue;
    auto same = std::find_if(uniques.begin(), uniques.end(), [&](const ast::UniqueDef& u) {
      return u.columns == def.columns && u.include == def.include &&
             u.nulls_not_distinct == def.nulls_not_distinct;
    });
    if (same == uniques.end()) {
      uniques.push_back(def);
    } else if (same->name.empty()) {
      same->name = def.name;
    }
  }
  for (const ast::UniqueDef& def : uniques) {
    table.indexes.push_back(NewUniqueConstraintIndex(ctx, table, def, index_names));
    index_names.push_back(table.indexes.back().name);
  }
  // LIKE ... INCLUDING INDEXES: the source's other indexes, on the same
  // columns here, named as CREATE INDEX without a name would name them.
  for (size_t i = 0; i < stmt.likes.size(); ++i) {
    if ((stmt.likes[i].options & kLikeIndexes) == 0) continue;
    for (const catalog::IndexDesc& source_index : like_sources[i]->indexes) {
      catalog::IndexDesc index = source_index;
      // An expression key names its columns, which keep their names here.
      const std::vector<std::string> names = IndexColumnNames(*like_sources[i], source_index);
      std::vector<std::string> column_names(names.begin(),
                                            names.begin() + static_cast<long>(index.keys.size()));
      for (catalog::IndexKeyColumn& k : index.keys) {
        if (!k.is_expression()) k.attnum = like_attnums[i].at(k.attnum);
      }
      for (int16_t& a : index.include) a = like_attnums[i].at(a);
      index.name = ChooseIndexName(ctx, table.namespace_oid, table.name, column_names,
                                   index.is_constraint ? "key" : "idx", index_names);
      index.oid = catalog->AllocateOid(ctx.txn);
      auto index_tree = catalog->CreateTableTree(ctx.txn, index.oid, &index.tree_name);
      if (!index_tree.ok()) ThrowStatus(index_tree.status());
      index.tree = index_tree.value();
      table.indexes.push_back(std::move(index));
      index_names.push_back(table.indexes.back().name);
    }
  }
  // LIKE ... INCLUDING COMMENTS: the source columns' comments.
  for (size_t i = 0; i < stmt.likes.size(); ++i) {
    if ((stmt.likes[i].options & kLikeComments) == 0) continue;
    for (const auto& [source_attnum, attnum] : like_attnums[i]) {
      const std::string* comment = ctx.catalog->FindComment(
          catalog::CommentTarget{catalog::kPgClassOid, like_sources[i]->oid, source_attnum});
      if (comment != nullptr) {
        catalog->PutComment(ctx.txn, catalog::CommentTarget{catalog::kPgClassOid, table.oid, attnum},
                            *comment);
      }
    }
  }
  // Foreign keys last: a self-reference needs the table's OID and keys.
  for (const std::string& n : index_names) constraint_names.insert(n);
  for (const ast::ForeignKeyDef& def : stmt.foreign_keys) {
    table.foreign_keys.push_back(DefineForeignKey(ctx, table, def, &constraint_names));
  }
  if (!stmt.partition_strategy.empty()) {
    table.partition_key = DefinePartitionKey(ctx, table, stmt);
    if (!table.primary_key.empty()) {
      CheckUniqueCoversPartitionKey(table, table.primary_key, "PRIMARY KEY");
    }
    for (const catalog::IndexDesc& ix : table.indexes) {
      if (ix.unique) CheckUniqueCoversPartitionKey(table, IndexAttnums(ix), "UNIQUE");
    }
  }
  if (stmt.partition_of) {
    const catalog::TableDesc* parent = ctx.catalog->FindTable(table.parents.at(0));
    table.partition_bound = DefinePartitionBound(ctx, *parent, table.name, stmt.bound);
    ClonePartitionedIndexes(ctx, *parent, &table, &index_names);
  }
  catalog->PutTable(ctx.txn, table);
  ApplyDefaultPrivileges(ctx, 'r', table.owner, table.namespace_oid, table.oid);
  return result;
}

}  // namespace strata::sql
