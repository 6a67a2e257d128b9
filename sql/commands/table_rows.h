// Writing rows of one table: bound column defaults and CHECK constraints
// (re-parsed from the catalog's SQL text), assignment coercion to a column's
// type, constraint enforcement with PostgreSQL's errors, and the key/value
// writes into the transaction (with the primary-key uniqueness check).
//
// Constraint order is PostgreSQL's (ExecConstraints, then the index insert):
// NOT NULL per column in attnum order, CHECK constraints by name, then the
// primary key (23505).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/binder/binder.h"
#include "sql/commands/command_context.h"
#include "sql/commands/index_maintenance.h"
#include "sql/table/table_codec.h"
#include "sql/table_stats.h"

namespace strata::sql {

class ForeignKeyEvents;  // sql/commands/foreign_keys.h
class PartitionConstraintCheck;  // sql/commands/partition_routing.h

// The scope of one table's columns (slot i = attnum i + 1), referred to by
// `alias` (the table name if empty).
BindScope TableScope(const CommandContext& ctx, const catalog::TableDesc& table,
                     const std::string& alias = "");
// The same with the schema's name given (empty: none), for code without a
// statement's context.
BindScope TableScope(const catalog::TableDesc& table, const std::string& schema,
                     const std::string& alias);

// Coerces `expr` to column `column`'s type and typmod as an assignment
// (transformAssignedExpr): 42804 "column ... is of type ... but expression is
// of type ..." when no assignment cast exists.
BoundExprPtr CoerceToColumn(Binder& binder, BoundExprPtr expr, const catalog::ColumnDesc& column);

class TableWriter {
 public:
  // LIFETIME: ctx and table outlive the writer.
  TableWriter(const CommandContext& ctx, const catalog::TableDesc& table);
  // Publishes the rows written (PublishCounts). The foreign-key events not
  // fired are dropped (the statement failed).
  ~TableWriter();
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  const TableCodec& codec() const { return codec_; }
  // The column's DEFAULT (a NULL constant if it has none), bound once.
  Value EvaluateDefault(size_t slot);

  // Computes the row's generated columns (GENERATED ALWAYS AS ... STORED)
  // from its other columns, then checks NOT NULL and CHECK constraints of
  // the complete new row, and a partition's partition constraint (23514).
  void CheckConstraints(Row& row);
  // Whether the row meets the table's partition constraint (true for a
  // table that is not a partition).
  bool MeetsPartitionConstraint(const Row& row);
  // Inserts a new row: its key must not exist (23505 otherwise). Its
  // secondary-index entries are written too (index_maintenance.h).
  // Returns the row's table key.
  std::string Insert(Row row);
  // Replaces the row stored under `old_key` with `row` (an UPDATE).
  // `old_row`: the row being replaced, if the caller has it (the indexes
  // need it; it is read otherwise). Returns the key the new row version is
  // stored under: the new primary key, or for a table without one a fresh
  // row id (the row moves to the end of the table, as in PostgreSQL's heap).
  std::string Update(const std::string& old_key, Row row, const Row* old_row = nullptr);
  // Deletes the row stored under `key` (`old_row`: that row, if the caller
  // has it).
  void Delete(const std::string& key, const Row* old_row = nullptr);
  // Runs the FOREIGN KEY checks and actions the rows written so far queued
  // (foreign_keys.h): call it once the statement's rows are written.
  void FireForeignKeys();
  // The 23505 error for a duplicate key of this table.
  SqlError DuplicateKeyError(const std::string& key) const;
  // Hands the rows inserted / updated / deleted so far to the transaction's
  // statistics (sql/table_stats.h) and starts counting from zero. Call it
  // before committing the transaction yourself; the destructor calls it.
  void PublishCounts();
  // The key `row` would be stored under (REQUIRES: a primary key).
  std::string KeyOf(const Row& row) const { return codec_.EncodeKey(row); }
  // The columns the statement inserts or updates (PostgreSQL's
  // insertedCols / updatedCols): a failing row's DETAIL shows them even to
  // a role that may not SELECT them (none by default).
  void SetModifiedColumns(std::vector<int16_t> attnums) { modified_ = std::move(attnums); }

  // "Failing row contains (...)." (ExecBuildSlotValueDescription): every
  // column for a role with SELECT on the table; else "(a, c) = (...)" of
  // the columns it may SELECT or that the statement modifies, or "" (no
  // DETAIL) when there are none, so errors do not show values the role may
  // not read. Also the DETAIL of a view's WITH CHECK OPTION failure.
  std::string FailingRowDetail(const Row& row) const;

 private:
  // The key of a new row of a table without a primary key: its next row id.
  std::string NewRowIdKey();
  // Fills the error's schema/table/constraint name fields.
  void SetObject(SqlError* e, const std::string& constraint) const;

  const CommandContext& ctx_;
  const catalog::TableDesc& table_;
  TableCodec codec_;
  // Stored expression texts are parsed into these and bound once.
  std::vector<std::unique_ptr<ast::Statement>> parsed_;
  std::vector<BoundExprPtr> defaults_;  // per slot; null until first used
  std::vector<bool> defaults_bound_;
  std::vector<std::pair<std::string, BoundExprPtr>> checks_;  // sorted by name
  std::vector<std::pair<size_t, BoundExprPtr>> generated_;  // (slot, expression)
  BindScope scope_;
  EvalContext eval_;
  IndexMaintainer indexes_;
  std::unique_ptr<ForeignKeyEvents> foreign_keys_;
  std::unique_ptr<PartitionConstraintCheck> partition_check_;  // partitions only
  TxnTableCounts counts_;  // rows written since the last PublishCounts
  std::vector<int16_t> modified_;  // SetModifiedColumns
};

}  // namespace strata::sql
