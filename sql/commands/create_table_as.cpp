// CREATE TABLE AS and SELECT INTO: the query runs in the statement's
// transaction (so it reads the snapshot the new table commits after), its
// output columns become the table's (names from the optional list, then the
// query; types and typmods from the query, unknown literals as text), and
// its rows are inserted under hidden row ids. Command tag "SELECT n" as
// PostgreSQL prints it; WITH NO DATA only plans the query ("CREATE TABLE AS").
#include <set>

#include "sql/commands/default_privileges.h"
#include "sql/ast/query_ddl_statements.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/plan_parallel.h"
#include "sql/commands/run_query.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_rows.h"
#include "sql/storage_format/storage_type.h"
#include "sql/table_stats.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"

namespace strata::sql {

StatementOutput ExecuteCreateTableAs(CommandContext& ctx, const ast::CreateTableAsStatement& stmt,
                                     const ast::SelectStatement* query_override) {
  const ast::SelectStatement& select = query_override != nullptr ? *query_override : *stmt.query;
  StatementOutput result;
  result.command_tag = stmt.is_select_into ? "SELECT 0" : "CREATE TABLE AS";
  // PostgreSQL reports no position for CREATE TABLE AS's name errors.
  ast::RangeVar target = stmt.table;
  target.location = -1;
  const catalog::NamespaceDesc ns = NewTableNamespace(ctx, target, stmt.temporary);
  if (ctx.catalog->RelationNameTaken(ns.oid, stmt.table.name)) {
    if (stmt.if_not_exists) {
      ctx.Notice(SqlState::kDuplicateTable,
                 "relation \"" + stmt.table.name + "\" already exists, skipping");
      return result;
    }
    throw SqlError(SqlState::kDuplicateTable, "relation \"" + stmt.table.name + "\" already exists");
  }
  // CREATE TABLE AS EXECUTE reports "SELECT n" even WITH NO DATA
  // (PostgreSQL runs the portal), unless IF NOT EXISTS skipped it.
  if (stmt.execute != nullptr) result.command_tag = "SELECT 0";
  QueryRows query;
  if (stmt.with_data) {
    // Its query may have a parallel plan (plan_parallel.h): the new table
    // is written only after the query has run.
    ParallelQueryScope parallel(&select);
    query = RunQuery(ctx, select);
  } else {
    CommandContext plan_only = ctx;
    plan_only.analyze_only = true;
    query = RunQuery(plan_only, select);
  }
  if (stmt.column_names.size() > query.names.size()) {
    throw SqlError(SqlState::kSyntaxError, "too many column names were specified");
  }
  catalog::TableDesc table;
  table.namespace_oid = ns.oid;
  table.name = stmt.table.name;
  table.owner = CurrentUserOid(*ctx.catalog);
  std::set<std::string> names;
  for (size_t i = 0; i < query.names.size(); ++i) {
    catalog::ColumnDesc col;
    col.name = i < stmt.column_names.size() ? stmt.column_names[i] : query.names[i];
    if (!names.insert(col.name).second) {
      throw SqlError(SqlState::kDuplicateColumn,
                     "column \"" + col.name + "\" specified more than once");
    }
    col.type = query.types[i].oid == type_oid::kUnknown ? type_oid::kText : query.types[i].oid;
    col.typmod = query.types[i].oid == type_oid::kUnknown ? -1 : query.types[i].typmod;
    if (!StorageTypeOf(col.type).has_value()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "columns of type " + FormatTypeName(col.type) + " are not supported yet");
    }
    col.attnum = static_cast<int16_t>(i + 1);
    table.columns.push_back(std::move(col));
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  table.oid = catalog->AllocateOid(ctx.txn);
  auto tree = catalog->CreateTableTree(ctx.txn, table.oid, &table.tree_name);
  if (!tree.ok()) ThrowStatus(tree.status());
  table.tree = tree.value();
  catalog->PutTable(ctx.txn, table);
  ApplyDefaultPrivileges(ctx, 'r', table.owner, table.namespace_oid, table.oid);
  if (!stmt.with_data) return result;
  TableCodec codec(table);
  for (Row& row : query.rows) {
    if (query.types.size() != row.size()) row.resize(query.types.size());
    for (size_t i = 0; i < row.size(); ++i) {
      // Unknown-type literals hold text payloads already; retag them.
      if (query.types[i].oid == type_oid::kUnknown) {
        row[i] = row[i].is_null() ? Value::Null(type_oid::kText) : Value::Text(row[i].string_value());
      }
    }
    auto id = ctx.db->NextRowId(table.tree);
    if (!id.ok()) ThrowStatus(id.status());
    std::string key;
    AppendRowIdKey(id.value(), &key);
    ctx.txn->Put(table.tree, std::move(key), codec.EncodeValue(row));
  }
  TxnTableCounts inserted;
  inserted.inserted = static_cast<int64_t>(query.rows.size());
  CountTableWrites(ctx.txn, table.oid, inserted);
  result.command_tag = "SELECT " + std::to_string(query.rows.size());
  return result;
}

}  // namespace strata::sql
