// BindScope: the relations whose columns a statement's expressions may name
// (PostgreSQL's namespace of range-table entries). A column reference binds
// to a slot of the executor's current row (EvalContext::row()).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/types/data_type.h"

namespace strata::sql {

// Which columns of one table scan a statement reads: the binder marks a
// column whenever it makes a reference to it (Binder::MakeColumnRef, so `*`
// and whole-row expansions too, and the outer references of subqueries);
// the scan decodes only the marked ones and leaves the others NULL
// (SeqScan::SetColumnUse). Marking happens while the statement is bound,
// before any of its scans starts. Indexed by the table's attribute slot.
struct ColumnUse {
  explicit ColumnUse(size_t columns) : read(columns, false) {}
  std::vector<bool> read;
};

struct ScopeColumn {
  std::string name;
  DataType type;
  int slot = 0;  // index into the row the expression is evaluated over
  // A column of JOIN ... USING merged into the join's own column: reachable
  // only qualified (t.x) or through t.*, not by its bare name or by *.
  bool hidden = false;
  // The table column it reads, for RowDescription (PostgreSQL's
  // resorigtbl/resorigcol); 0 for computed and merged columns.
  Oid table_oid = 0;
  int16_t attnum = 0;
  // The scan this column comes from, if it prunes its columns (else null),
  // and the column's slot in that scan's row.
  std::shared_ptr<ColumnUse> use = nullptr;
  int use_slot = -1;
};

// Marks `column` read in its scan's ColumnUse (if any).
inline void MarkColumnRead(const ScopeColumn& column) {
  if (column.use != nullptr && column.use_slot >= 0) {
    column.use->read.at(static_cast<size_t>(column.use_slot)) = true;
  }
}

// A table in FROM, or the merged USING columns of a join (then schema,
// table_name and alias are empty: only bare names reach its columns).
struct ScopeRelation {
  std::string schema;      // the table's schema ("public")
  std::string table_name;  // the table's own name
  std::string alias;       // refname: the alias if given, else table_name
  std::vector<ScopeColumn> columns;
  // A table's system column tableoid: a constant (relation_oid) for a plain
  // table, or the row's slot tableoid_slot when the scan appends an
  // inheritance hierarchy (each row says which table it came from). 0 / -1
  // when the relation is no table.
  Oid relation_oid = 0;
  int tableoid_slot = -1;
};

// Relations in the order `SELECT *` lists their columns.
struct BindScope {
  std::vector<ScopeRelation> relations;
};

}  // namespace strata::sql
