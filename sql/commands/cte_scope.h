// Common table expressions (WITH [RECURSIVE]) while a query runs.
//
// RunQuery opens a ScopedWithClause for a statement's WITH list: a CteFrame
// pushed on CommandContext::ctes (a stack linked through `parent`, so nested
// queries run with the same context -- subqueries in FROM, and any nested
// query another engineer adds -- see every enclosing WITH, innermost first).
// PlanFrom asks ResolveCteReference for each unqualified table name first:
// a CTE shadows a table of the same name.
//
// A CTE runs at its first reference, once; later references reuse its rows
// (PostgreSQL's MATERIALIZED behaviour; NOT MATERIALIZED gives the same
// results). A recursive CTE grows while it is read: each scan past its rows
// so far runs one more step, so `SELECT ... FROM endless LIMIT n` ends, as
// in PostgreSQL. Visibility is PostgreSQL's: without RECURSIVE a CTE's query sees
// the CTEs before it in the list (and enclosing ones); with RECURSIVE it sees
// the whole list, itself included.
//
// A CTE of WITH RECURSIVE that names itself (found by walking its query's
// FROM items) must be `non-recursive term UNION [ALL] recursive term`
// (42P19 otherwise); it runs as PostgreSQL's RecursiveUnion: the
// non-recursive term gives the column types and the first working table,
// the recursive term then runs with its reference reading the working
// table until a step adds no row (UNION discards rows already produced, so
// cycles end). A recursive term whose types differ from the non-recursive
// term's is 42804 with PostgreSQL's hint.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/commands/command_context.h"
#include "sql/commands/run_query.h"
#include "sql/executor/plan_node.h"

namespace strata::sql {

struct CteEntry;  // cte_scope.cpp

struct CteFrame {
  const CteFrame* parent = nullptr;
  std::vector<CteEntry*> entries;  // visible here
  // Entries of the same WITH list not visible here (forward references
  // without RECURSIVE): named in 42P01's DETAIL, as PostgreSQL does.
  std::vector<CteEntry*> hidden;
};

class ScopedWithClause {
 public:
  // Checks the list (42712 for a name given twice) and pushes its frame.
  ScopedWithClause(CommandContext& ctx, const ast::WithClause& with);
  ~ScopedWithClause();
  ScopedWithClause(const ScopedWithClause&) = delete;
  ScopedWithClause& operator=(const ScopedWithClause&) = delete;

 private:
  CommandContext& ctx_;
  const CteFrame* saved_;
  std::vector<std::unique_ptr<CteEntry>> owned_;
  CteFrame frame_;
};

// A CTE as a FROM item: its columns (the CTE's column aliases applied, not
// the reference's) and a scan of its rows. LIFETIME: the scan reads the
// CTE's rows, which live as long as the ScopedWithClause.
struct CteReference {
  std::vector<std::string> names;
  std::vector<DataType> types;
  PlanNodePtr scan;
};

// The CTE an unqualified `rv` names, or nullopt if no CTE in scope has that
// name (42P01 with PostgreSQL's DETAIL if one of the same WITH list exists
// but cannot be referenced here and no table or view has the name).
std::optional<CteReference> ResolveCteReference(CommandContext& ctx, const ast::RangeVar& rv);

}  // namespace strata::sql
