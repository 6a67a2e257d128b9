// CREATE TABLE: columns with types and typmods, NOT NULL / DEFAULT / CHECK /
// PRIMARY KEY; the catalog record and the table's tree in one transaction.
#include <set>

#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/temp_namespace.h"
#include "sql/storage_format/storage_type.h"

namespace strata::sql {

namespace {

// ChooseConstraintName(): `base`, else base1, base2, ... not in `used`.
std::string UniqueName(const std::string& base, std::set<std::string>* used) {
  std::string name = base;
  for (int i = 1; used->count(name) != 0; ++i) name = base + std::to_string(i);
  used->insert(name);
  return name;
}

// The distinct column names a bound expression reads.
void CollectColumns(const ast::Expr& expr, std::set<std::string>* out);

}  // namespace

// The schema a new table goes in: the session's temporary one for CREATE
// TEMP TABLE or pg_temp.name (PostgreSQL's RangeVarAdjustRelationPersistence).
static catalog::NamespaceDesc CreationNamespace(CommandContext& ctx,
                                                const ast::CreateTableStatement& stmt) {
  if (stmt.table.schema == "pg_temp") return EnsureTempNamespace(ctx);
  if (stmt.temporary) {
    if (!stmt.table.schema.empty()) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "cannot create temporary relation in non-temporary schema")
          .WithPosition(ctx.Position(stmt.table.location));
    }
    return EnsureTempNamespace(ctx);
  }
  return ResolveSchema(ctx, stmt.table.schema);
}

StatementOutput ExecuteCreateTable(CommandContext& ctx, const ast::CreateTableStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE TABLE";
  const catalog::NamespaceDesc ns = CreationNamespace(ctx, stmt);
  if (ctx.catalog->FindTable(ns.oid, stmt.table.name) != nullptr) {
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
  Binder binder(ctx.query);
  std::set<std::string> names;
  for (const ast::ColumnDef& def : stmt.columns) {
    if (!names.insert(def.name).second) {
      throw SqlError(SqlState::kDuplicateColumn, "column \"" + def.name + "\" specified more than once");
    }
    catalog::ColumnDesc col;
    col.name = def.name;
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
    if (def.default_expr != nullptr) {
      // Bind now so type errors surface at CREATE time, as in PostgreSQL.
      CoerceToColumn(binder, binder.BindExpr(*def.default_expr), col);
      col.default_expr = def.default_text;
    }
    table.columns.push_back(std::move(col));
  }
  for (size_t i = 0; i < stmt.primary_key.size(); ++i) {
    const int slot = table.FindColumn(stmt.primary_key[i]);
    if (slot < 0) {
      throw SqlError(SqlState::kUndefinedColumn,
                     "column \"" + stmt.primary_key[i] + "\" named in key does not exist")
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
  std::set<std::string> constraint_names;
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
  for (const ast::CheckDef* c : checks) {
    binder.CoerceToBoolean(binder.BindExpr(*c->expr), "CHECK");
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
    table.checks.push_back(std::move(check));
  }
  table.oid = catalog->AllocateOid(ctx.txn);
  auto tree = catalog->CreateTableTree(ctx.txn, table.oid, &table.tree_name);
  if (!tree.ok()) ThrowStatus(tree.status());
  table.tree = tree.value();
  catalog->PutTable(ctx.txn, table);
  return result;
}

namespace {

void CollectColumns(const ast::Expr& expr, std::set<std::string>* out) {
  switch (expr.kind) {
    case ast::ExprKind::kColumnRef: {
      const auto& ref = static_cast<const ast::ColumnRefExpr&>(expr);
      if (!ref.fields.empty()) out->insert(ref.fields.back());
      return;
    }
    case ast::ExprKind::kOperator: {
      const auto& op = static_cast<const ast::OperatorExpr&>(expr);
      if (op.left) CollectColumns(*op.left, out);
      if (op.right) CollectColumns(*op.right, out);
      return;
    }
    case ast::ExprKind::kBool:
      for (const auto& a : static_cast<const ast::BoolExpr&>(expr).args) CollectColumns(*a, out);
      return;
    case ast::ExprKind::kNullTest:
      CollectColumns(*static_cast<const ast::NullTestExpr&>(expr).arg, out);
      return;
    case ast::ExprKind::kBooleanTest:
      CollectColumns(*static_cast<const ast::BooleanTestExpr&>(expr).arg, out);
      return;
    case ast::ExprKind::kTypeCast:
      CollectColumns(*static_cast<const ast::TypeCastExpr&>(expr).arg, out);
      return;
    case ast::ExprKind::kFuncCall:
      for (const auto& a : static_cast<const ast::FuncCallExpr&>(expr).args) CollectColumns(*a, out);
      return;
    case ast::ExprKind::kCoalesce:
      for (const auto& a : static_cast<const ast::CoalesceExpr&>(expr).args) CollectColumns(*a, out);
      return;
    case ast::ExprKind::kMinMax:
      for (const auto& a : static_cast<const ast::MinMaxExpr&>(expr).args) CollectColumns(*a, out);
      return;
    case ast::ExprKind::kNullIf: {
      const auto& n = static_cast<const ast::NullIfExpr&>(expr);
      CollectColumns(*n.left, out);
      CollectColumns(*n.right, out);
      return;
    }
    case ast::ExprKind::kDistinct: {
      const auto& n = static_cast<const ast::DistinctExpr&>(expr);
      CollectColumns(*n.left, out);
      CollectColumns(*n.right, out);
      return;
    }
    case ast::ExprKind::kInList: {
      const auto& n = static_cast<const ast::InListExpr&>(expr);
      CollectColumns(*n.arg, out);
      for (const auto& a : n.list) CollectColumns(*a, out);
      return;
    }
    case ast::ExprKind::kBetween: {
      const auto& n = static_cast<const ast::BetweenExpr&>(expr);
      CollectColumns(*n.arg, out);
      CollectColumns(*n.lower, out);
      CollectColumns(*n.upper, out);
      return;
    }
    case ast::ExprKind::kCase: {
      const auto& n = static_cast<const ast::CaseExpr&>(expr);
      if (n.arg) CollectColumns(*n.arg, out);
      for (const auto& w : n.whens) {
        CollectColumns(*w.condition, out);
        CollectColumns(*w.result, out);
      }
      if (n.default_result) CollectColumns(*n.default_result, out);
      return;
    }
    default:
      return;
  }
}

}  // namespace

}  // namespace strata::sql
