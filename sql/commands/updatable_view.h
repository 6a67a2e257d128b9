// Automatically updatable views (PostgreSQL's rewriteTargetView): INSERT,
// UPDATE and DELETE on a simple view run on the table underneath it.
//
// A view is automatically updatable when its query reads exactly one table
// or automatically updatable view in FROM and has no DISTINCT, GROUP BY,
// HAVING, set operation, WITH, LIMIT/OFFSET, aggregate, window function or
// set-returning function in its select list (AnalyzeView gives PostgreSQL's
// DETAIL for the first rule broken). Its columns that are plain references
// to columns of that relation are updatable; the others are not (55000).
//
// How a statement on such a view runs (UpdatableView): the chain of views
// down to the table is bound once, innermost first, each level's select
// list and WHERE over the level below. A base row is *extended* with every
// level's column values, so the extended row is
//
//   [base table's columns | innermost view's columns | ... | the view's]
//
// and the statement's own expressions (WHERE, SET, RETURNING, ON CONFLICT)
// bind to the named view's columns at their slots in it (Scope). The rows
// changed are the base rows every level's WHERE accepts (Visible); SET
// targets map to base columns (BaseSlot). WITH CHECK OPTION: after a row is
// written, the views whose check applies (LOCAL: the view's own WHERE;
// CASCADED: every WHERE below it too) test the new row, innermost first
// (CheckOptions, 44000).
//
// Privileges: the statement's role needs the privilege on the named view;
// each relation below is checked as the owner of the view above it (or as
// the statement's role for a security_invoker view).
//
// A chain may end in a view with an INSTEAD OF trigger for the statement's
// event instead of a table (PostgreSQL rewrites onto that view, whose
// trigger then runs): base() is then that view as a table of its columns
// (table_triggers.h's ViewTriggerTarget), its rows are the view's rows, and
// the trigger gets the rows to write.
//
// Not supported (0A000): column aliases in the view's FROM, system catalogs
// under a view.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/statement.h"
#include "sql/binder/bind_scope.h"
#include "sql/commands/command_context.h"
#include "sql/executor/execute_select.h"  // Row
#include "sql/expr/bound_expr.h"

namespace strata::sql {

// What AnalyzeView finds out about a view's query.
struct ViewShape {
  // PostgreSQL's DETAIL when the view is not automatically updatable
  // ("Views containing DISTINCT are not automatically updatable."); empty
  // when it is.
  std::string reason;
  // The relation in FROM (one of table / view) when reason is empty.
  const catalog::TableDesc* table = nullptr;
  const catalog::ViewDesc* view = nullptr;
  bool inh = true;  // false for FROM ONLY t
  // Per view column: the index of the column of that relation it reads as
  // a plain reference, or -1 (an expression or a system column).
  std::vector<int> source;
  // Per view column: whether it is a system column (ctid, ...).
  std::vector<bool> system;
  // The columns of that relation the view's WHERE reads (indexes as in
  // `source`), which its owner must be able to SELECT.
  std::vector<int> where_columns;
};

// Analyzes `view`'s stored query. `check_cols`: a view none of whose
// columns is updatable is not updatable (INSERT and UPDATE; not DELETE).
ViewShape AnalyzeView(const CommandContext& ctx, const catalog::ViewDesc& view, bool check_cols);

// PostgreSQL's relation_is_updatable for a view: the events (bits 1 <<
// CMD_UPDATE = 4, 1 << CMD_INSERT = 8, 1 << CMD_DELETE = 16) it supports,
// through INSTEAD OF triggers when `include_triggers`. `column` (0-based)
// >= 0 asks about that column only (pg_column_is_updatable).
int ViewUpdatableEvents(const CommandContext& ctx, const catalog::ViewDesc& view,
                        bool include_triggers, int column = -1);

// The check_option reloption of `view`: "local", "cascaded" or "".
std::string ViewCheckOption(const catalog::ViewDesc& view);
// Whether boolean reloption `name` (security_barrier, security_invoker) is
// on.
bool ViewBoolOption(const catalog::ViewDesc& view, const std::string& name);

class UpdatableView {
 public:
  // The automatically updatable view `rv` names, bound for a statement of
  // `event` (catalog::kTriggerType*); null when `rv` names no view. 55000
  // when the view (or one below it) is not automatically updatable.
  static std::unique_ptr<UpdatableView> Resolve(CommandContext& ctx, const ast::RangeVar& rv,
                                                int16_t event);
  ~UpdatableView();
  UpdatableView(const UpdatableView&) = delete;
  UpdatableView& operator=(const UpdatableView&) = delete;

  // The table rows are written to, and whether its inheritance children
  // are reached (the innermost view's FROM, not the statement's ONLY).
  const catalog::TableDesc& base() const { return *base_; }
  bool base_inh() const { return base_inh_; }
  const catalog::ViewDesc& view() const;
  // The base relation as the innermost view's FROM names it: the table
  // name, or the alias it is given there (empty: none).
  std::string base_alias() const;

  // Width of an extended row.
  size_t width() const { return width_; }
  // The named view's columns as relation `alias` (the view's name when
  // empty) at their slots in the extended row, plus `offset`.
  BindScope Scope(const std::string& alias, size_t offset = 0) const;

  // The base slot view column `name` writes to: 42703 when the view has no
  // such column, 55000 when the column is not updatable. `verb`: "insert
  // into" or "update".
  size_t BaseSlot(const std::string& name, int location, const char* verb) const;
  // The same for the view's column `index`; -1 (no error) when it is not
  // updatable and `throw_if_not` is false.
  int BaseSlotOf(size_t index, const char* verb, bool throw_if_not = true) const;
  size_t column_count() const;

  // `base_row` (the base table's layout) with every level's columns after it.
  Row Extend(const Row& base_row) const;
  // Whether every level's WHERE accepts the extended row.
  bool Visible(const Row& extended) const;
  // WITH CHECK OPTION on a new base row (in base()'s layout, also for a
  // row of an inheritance child or partition): 44000 naming the first view
  // (innermost first) whose check it fails, the row in the DETAIL.
  void CheckOptions(const Row& base_row) const;

  // The view DEFAULT of the named view's column that writes base slot
  // `slot`, bound and coerced to that column (null when none).
  const BoundExpr* ViewDefault(size_t slot) const;

  // Privileges for `privilege` (catalog::kAcl*): on the named view for its
  // columns `assigned` (view column names: INSERT's targets, UPDATE's SET)
  // and SELECT on the view columns the statement reads (`reads`); below it
  // the same for the columns they map to, plus what each view's WHERE
  // reads, as the owner of the view above (security_invoker: the role).
  // `whole_rows_below`: ON CONFLICT DO UPDATE, whose EXCLUDED row reads
  // every column of each view from the relation below it.
  void CheckPrivileges(uint32_t privilege, const std::vector<std::string>& assigned,
                       const std::vector<const ast::Expr*>& reads,
                       bool whole_rows_below = false) const;

 private:
  struct Level;
  explicit UpdatableView(CommandContext& ctx);

  CommandContext& ctx_;
  const catalog::TableDesc* base_ = nullptr;
  // The view with INSTEAD OF triggers the chain ends in, as a table.
  std::unique_ptr<catalog::TableDesc> trigger_base_;
  bool base_inh_ = true;
  std::vector<Level> levels_;  // innermost first; back() is the named view
  size_t width_ = 0;
  std::vector<size_t> check_levels_;  // WITH CHECK OPTION, innermost first
  std::vector<BoundExprPtr> defaults_;  // per base slot (null: none)
  std::vector<std::unique_ptr<std::string>> kept_texts_;  // the defaults' texts
  std::vector<std::unique_ptr<ast::Statement>> kept_trees_;
};

}  // namespace strata::sql
