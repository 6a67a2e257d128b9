// Firing a table's triggers for one statement (PostgreSQL's trigger.c):
// BEFORE STATEMENT triggers when the statement starts; BEFORE ROW triggers
// for each row, which may change the new row or skip the row; AFTER ROW
// events queued as rows are written and fired, in row order, once the
// statement's rows are written; then AFTER STATEMENT triggers. Within one
// timing and level, triggers fire in name order (strcmp), as PostgreSQL's.
// INSTEAD OF triggers (of views) fire where BEFORE ROW triggers do: one
// returning NULL means the row was not handled.
//
// A row-level trigger fires only when its WHEN condition (over OLD and NEW)
// is true and, for UPDATE OF columns, when the statement assigns one of
// them. For AFTER ROW triggers the condition is evaluated when the row is
// written, as PostgreSQL does. Disabled triggers (ALTER TABLE ... DISABLE
// TRIGGER) do not fire. Trigger functions are LANGUAGE plpgsql.
//
// Rows here are in the table's slot layout (catalog::TableDesc::columns,
// dropped slots included); the trigger function sees the live columns.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/commands/command_context.h"
#include "sql/executor/execute_select.h"  // Row
#include "sql/types/data_type.h"

namespace strata::sql {

struct TriggerInvocation;  // sql/commands/plpgsql_function.h

class TableTriggers {
 public:
  // `event`: catalog::kTriggerTypeInsert, Update, Delete or Truncate.
  // `updated_columns`: the attnums an UPDATE assigns (UPDATE OF triggers).
  // LIFETIME: ctx and table outlive this object.
  TableTriggers(const CommandContext& ctx, const catalog::TableDesc& table, int16_t event,
                std::vector<int16_t> updated_columns = {});
  ~TableTriggers();
  TableTriggers(const TableTriggers&) = delete;
  TableTriggers& operator=(const TableTriggers&) = delete;

  bool has_row_triggers() const { return !before_row_.empty() || !after_row_.empty(); }
  // Whether AfterRow wants each written row (row triggers or transition
  // tables).
  bool wants_rows() const { return has_row_triggers() || wants_old_ || wants_new_; }

  void BeforeStatement();
  // BEFORE ROW triggers of this row: `old_row` for UPDATE and DELETE,
  // `new_row` for INSERT and UPDATE (changed to what each trigger returns).
  // False when one returned NULL: the row is to be skipped.
  bool BeforeRow(const Row* old_row, Row* new_row);
  // Queues this row's AFTER ROW triggers (the row as written).
  void AfterRow(const Row* old_row, const Row* new_row);
  // Fires the queued AFTER ROW events.
  void FireQueuedRows();
  // MERGE fires the events of its INSERT, UPDATE and DELETE objects
  // interleaved, in the order their rows were written: the number of
  // events queued so far, firing the one at `index` (REQUIRES: index <
  // queued_rows()), and dropping them all once fired.
  size_t queued_rows() const;
  void FireQueuedRow(size_t index);
  void ClearQueuedRows();
  void AfterStatement();
  // Rows written through this object go to `collector`'s transition tables
  // (REFERENCING OLD / NEW TABLE) instead of its own: the statement-level
  // object when an UPDATE or DELETE writes each table of an inheritance tree
  // through one of its own. Columns are matched by name.
  void CaptureInto(TableTriggers* collector);

 private:
  struct Trigger;
  struct Event;

  // Whether `t` fires for this row (UPDATE OF columns, WHEN).
  bool Qualifies(Trigger& t, const Row* old_row, const Row* new_row);
  // Runs `t`'s function; the row it returned (in slot layout).
  std::optional<Row> Call(Trigger& t, const Row* old_row, const Row* new_row);
  // Keeps a written row for the collector's transition tables.
  void Capture(const Row* old_row, const Row* new_row);

  const CommandContext& ctx_;
  const catalog::TableDesc& table_;
  int16_t event_;
  std::vector<int16_t> updated_columns_;
  std::vector<std::unique_ptr<Trigger>> before_statement_, before_row_, after_row_,
      after_statement_;
  std::vector<Event> queued_;
  // The slots of table_'s live columns (the trigger function's fields).
  std::vector<size_t> live_slots_;
  // What every firing of this table's triggers shares (relation, columns),
  // made once when some trigger fires; each call fills in the rest.
  std::unique_ptr<TriggerInvocation> relation_;
  // Transition tables: whether this object's triggers name them, and the
  // rows (live columns of table_) written so far.
  bool wants_old_ = false;
  bool wants_new_ = false;
  std::shared_ptr<std::vector<Row>> old_rows_ = std::make_shared<std::vector<Row>>();
  std::shared_ptr<std::vector<Row>> new_rows_ = std::make_shared<std::vector<Row>>();
  TableTriggers* collector_ = this;
  // Per live column of the collector's table: the slot in table_'s rows
  // (-1: table_ has no such column).
  std::vector<int> capture_slots_;
};

// A view as the target of its triggers: a table of the view's columns
// (attnum i + 1), with the view's OID, name, schema, owner and triggers.
catalog::TableDesc ViewTriggerTarget(const catalog::ViewDesc& view);

// True unless the statement is only being described (PREPARE, EXPLAIN
// without ANALYZE): then no trigger fires.
bool StatementRunsRows(const CommandContext& ctx, const void* stmt);

}  // namespace strata::sql
