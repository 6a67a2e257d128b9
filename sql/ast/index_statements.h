// Index DDL as one statement kind (kIndexDdl): CREATE INDEX, DROP INDEX,
// ALTER INDEX ... RENAME TO, REINDEX INDEX/TABLE.
#pragma once

#include <string>
#include <vector>

#include "sql/ast/statement.h"

namespace strata::sql::ast {

struct IndexColumnDef {
  // A table column; for an expression key, the name PostgreSQL derives from
  // it for the index's default name (FigureIndexColname: "lower", "expr").
  std::string name;
  std::string expr;  // an expression key's SQL text (deparsed); empty: a column
  bool descending = false;
  bool order_given = false;  // ASC or DESC written (hash takes neither)
  enum class Nulls { kDefault, kFirst, kLast } nulls = Nulls::kDefault;
  int location = -1;
  // An operator class named for the column (`int4_ops`), unqualified; empty:
  // the type's default.
  std::string opclass;
};

struct IndexStatement : Statement {
  IndexStatement() : Statement(StatementKind::kIndexDdl) {}

  enum class Action {
    kCreate,
    kDrop,
    kRename,
    kReindexIndex,
    kReindexTable,
    kReindexSchema,    // table.schema names it
    kReindexDatabase,  // new_name: the database named (may be empty)
    kReindexSystem,
  };
  Action action = Action::kCreate;

  // kCreate
  std::string name;  // empty: PostgreSQL's generated name
  RangeVar table;    // kCreate, kReindexTable
  std::vector<IndexColumnDef> columns;
  std::vector<std::string> include;
  bool unique = false;
  bool nulls_not_distinct = false;
  // USING btree (the default) or hash: an equality-only index
  // (catalog::IndexDesc::hash).
  std::string access_method = "btree";
  bool concurrently = false;
  bool if_not_exists = false;
  std::string where;  // partial index predicate as SQL text; empty = none

  // kDrop: the indexes; kRename / kReindexIndex: indexes[0]
  std::vector<RangeVar> indexes;
  bool if_exists = false;
  bool cascade = false;
  std::string new_name;  // kRename
  bool verbose = false;  // REINDEX (VERBOSE)
};

}  // namespace strata::sql::ast
