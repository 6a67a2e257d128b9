// Column privileges in statements: what PostgreSQL's ExecCheckRTEPerms
// asks of a relation whose table-level privilege the checking role lacks
// -- the privilege on every column the statement reads (SELECT), inserts
// into (INSERT) or assigns (UPDATE), or on at least one column when it
// uses none (count(*), DEFAULT VALUES). The error names the relation
// ("permission denied for table t"), as PostgreSQL's executor does.
//
// SELECT: a relation the statement scans is checked when its FROM item is
// built (CheckSelectOnRelation). Lacking SELECT on it, a role holding
// SELECT on some of its columns is let through, and the relation is noted
// in the statement's StatementColumnChecks; each column of it the binder
// then references (column_use.h: names, `*` expansions, JOIN USING) must
// hold SELECT itself. A column referenced only as a whole row (`SELECT t
// FROM t`) is not noted: such a query needs SELECT on one column only.
//
// INSERT / UPDATE / DELETE targets: the statement's own code passes the
// columns it writes and reads (ReferencedColumns: by name, from the AST).
//
// Thread safety: a StatementColumnChecks belongs to the thread that runs
// its statement.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/ast/expr.h"
#include "sql/ast/table_statements.h"
#include "sql/binder/column_use.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

// The column checks of one top-level statement. While alive it observes
// this thread's column references; a nested one (a statement inside a
// function) leaves the outer one in charge.
class StatementColumnChecks : public ColumnUseObserver {
 public:
  StatementColumnChecks();
  ~StatementColumnChecks() override;
  StatementColumnChecks(const StatementColumnChecks&) = delete;
  StatementColumnChecks& operator=(const StatementColumnChecks&) = delete;

  // 42501 if `table` was read through column privileges by the checking
  // role and column `attnum` lacks SELECT.
  void UseColumn(Oid table, int16_t attnum) override;

  // A relation the statement reads through column privileges only.
  struct Restricted {
    std::shared_ptr<const catalog::CatalogSnapshot> catalog;
    Oid relation = 0;
    Oid role = 0;  // the checking role that reads it
    char relkind = 'r';
    std::string name;
  };
  void AddRestricted(Restricted restricted);

 private:
  ColumnUseObserver* previous_ = nullptr;
  bool installed_ = false;
  std::vector<Restricted> restricted_;
};

// SELECT on a relation (table or view) a query scans: the table-level
// privilege, or else (while a StatementColumnChecks is active) SELECT on
// at least one column, the columns used being checked as they are bound.
// 42501 "permission denied for <kind> <name>" otherwise.
void CheckSelectOnRelation(const CommandContext& ctx, Oid relation, Oid owner, char relkind,
                           const std::string& name);

// An INSERT/UPDATE/DELETE target the checking role may not SELECT as a
// whole: while a StatementColumnChecks is active, each of its columns the
// binder references must hold SELECT (the reads ReferencedColumns cannot
// see: a subquery's references to the target).
void NoteTargetReads(const CommandContext& ctx, const catalog::TableDesc& table);

// The attnums of `table`'s live columns that `exprs` name: the last field
// of each column reference (so a name another relation in the statement
// shares counts too), every column for a `*`.
std::vector<int16_t> ReferencedColumns(const catalog::TableDesc& table,
                                       const std::vector<const ast::Expr*>& exprs);

// The attnums of `table`'s live columns called `names` (unknown names are
// skipped: the statement reports them itself).
std::vector<int16_t> NamedColumns(const catalog::TableDesc& table,
                                  const std::vector<std::string>& names);

// Whether the checking role may see the values of columns `attnums` of
// `table` in an error's DETAIL: SELECT on the table or on each of them
// (BuildIndexValueDescription's rule).
bool MaySeeColumns(const catalog::CatalogSnapshot& catalog, const catalog::TableDesc& table,
                   const std::vector<int16_t>& attnums);

// The attnums COPY reads or writes: those of its column list (unknown
// names skipped), or every live column without one.
std::vector<int16_t> CopiedColumns(const catalog::TableDesc& table,
                                   const std::vector<ast::TargetColumn>& columns);

}  // namespace strata::sql
