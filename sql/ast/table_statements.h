// Parsed DDL and DML statements over tables: CREATE/DROP TABLE, TRUNCATE,
// CREATE/DROP SCHEMA, INSERT, UPDATE, DELETE. Produced by
// sql/parser/transform_ddl.cpp and transform_dml.cpp.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/ast/type_name.h"

namespace strata::sql::ast {

// A CHECK constraint: the expression parsed, and as SQL text (deparsed by
// libpg_query) for the catalog.
struct SequenceOptions;  // sequence_statements.h

struct CheckDef {
  std::string name;  // CONSTRAINT name; empty = generated
  ExprPtr expr;
  std::string expr_text;
  int location = -1;
  bool no_inherit = false;  // CHECK (...) NO INHERIT
  bool not_valid = false;   // ALTER TABLE ADD CHECK (...) NOT VALID
};

struct ColumnDef {
  std::string name;
  TypeName type;
  // False for a column of CREATE TABLE ... PARTITION OF, which only adds
  // options (NOT NULL, DEFAULT, CHECK) to the inherited column.
  bool has_type = true;
  bool not_null = false;
  bool primary_key = false;
  int primary_key_location = -1;
  ExprPtr default_expr;  // null if none
  std::string default_text;
  std::vector<CheckDef> checks;
  int location = -1;
  // GENERATED ALWAYS ('a') / BY DEFAULT ('d') AS IDENTITY [(sequence
  // options)]; 0 for none.
  char identity = 0;
  std::shared_ptr<const SequenceOptions> identity_options;
  // GENERATED ALWAYS AS (expr) STORED: the expression is default_expr.
  bool generated = false;
};

// A UNIQUE constraint (column or table constraint): an index of its own.
struct UniqueDef {
  std::string name;  // CONSTRAINT name; empty = generated ("t_a_key")
  std::vector<std::string> columns;
  std::vector<std::string> include;
  bool nulls_not_distinct = false;
  // ALTER TABLE ... ADD [CONSTRAINT c] UNIQUE USING INDEX i: the index.
  std::string index_name;
  int location = -1;
};

// A FOREIGN KEY constraint: column `REFERENCES t [(col)]` or table
// `FOREIGN KEY (cols) REFERENCES t [(cols)]`. Actions and match type are
// pg_constraint's letters (catalog/foreign_key_desc.h).
struct ForeignKeyDef {
  std::string name;  // CONSTRAINT name; empty = generated ("t_a_fkey")
  std::vector<std::string> columns;
  RangeVar referenced_table;
  std::vector<std::string> referenced_columns;  // empty = the primary key
  char match = 's';
  char on_update = 'a';
  char on_delete = 'a';
  std::vector<std::string> delete_set_columns;  // ON DELETE SET NULL (cols)
  bool deferrable = false;          // DEFERRABLE
  bool initially_deferred = false;  // INITIALLY DEFERRED
  bool not_valid = false;           // ALTER TABLE ADD ... NOT VALID
  int location = -1;
};

// PARTITION BY strategy (key, ...): one key part, a column or an
// expression (parsed, and as SQL text for the catalog).
struct PartitionKeyDef {
  std::string column;  // empty for an expression
  std::string opclass;  // an operator class named after it; empty: the default
  ExprPtr expr;
  std::string expr_text;
  int location = -1;
};

// FOR VALUES ... / DEFAULT of CREATE TABLE ... PARTITION OF and ALTER
// TABLE ... ATTACH PARTITION (PostgreSQL's raw PartitionBoundSpec).
struct PartitionBoundDef {
  char strategy = 0;  // 'l' IN (...), 'r' FROM ... TO ..., 'h' WITH (...)
  bool is_default = false;
  std::vector<ExprPtr> list_values;
  // A range datum: MINVALUE / MAXVALUE (a bare column reference of that
  // name in the raw grammar), or an expression.
  struct RangeItem {
    int8_t kind = 0;  // -1 MINVALUE, 1 MAXVALUE, 0 `value`
    ExprPtr value;
    int location = -1;
  };
  std::vector<RangeItem> lower;
  std::vector<RangeItem> upper;
  int modulus = -1;
  int remainder = -1;
  int location = -1;
};

struct CreateTableStatement : Statement {
  CreateTableStatement() : Statement(StatementKind::kCreateTable) {}
  RangeVar table;
  bool if_not_exists = false;
  bool temporary = false;  // CREATE TEMP TABLE (commands/temp_namespace.h)
  std::vector<ColumnDef> columns;
  // Table-level PRIMARY KEY (col, ...): names and their locations.
  std::vector<std::string> primary_key;
  std::string primary_key_name;  // CONSTRAINT name; empty = generated
  int primary_key_location = -1;
  std::vector<CheckDef> checks;
  std::vector<UniqueDef> uniques;  // in the order written
  std::vector<ForeignKeyDef> foreign_keys;  // in the order written
  // INHERITS (parent, ...): in the order written (pg_inherits.inhseqno).
  std::vector<RangeVar> inherits;
  // LIKE source [INCLUDING | EXCLUDING ...]: the source's columns go where
  // the clause stands, before columns[position].
  struct Like {
    RangeVar table;
    uint32_t options = 0;  // PostgreSQL's CREATE_TABLE_LIKE_* bits
    size_t position = 0;
  };
  std::vector<Like> likes;
  // WITH (name = value, ...): storage parameters (reloptions), as written.
  std::vector<std::pair<std::string, std::string>> options;
  // PARTITION BY strategy (...): the strategy as written ("range", "list",
  // "hash"; empty: not partitioned) and the key.
  std::string partition_strategy;
  std::vector<PartitionKeyDef> partition_key;
  // PARTITION OF parent FOR VALUES ...: the partitioned table (then the
  // only member of `inherits`) and the bound.
  bool partition_of = false;
  PartitionBoundDef bound;
};

struct DropTableStatement : Statement {
  DropTableStatement() : Statement(StatementKind::kDropTable) {}
  std::vector<RangeVar> tables;
  bool if_exists = false;
  bool cascade = false;
};

struct TruncateStatement : Statement {
  TruncateStatement() : Statement(StatementKind::kTruncate) {}
  std::vector<RangeVar> tables;
  bool cascade = false;  // TRUNCATE ... CASCADE: referencing tables too
};

struct CreateSchemaStatement : Statement {
  CreateSchemaStatement() : Statement(StatementKind::kCreateSchema) {}
  std::string name;
  bool if_not_exists = false;
  // CREATE SCHEMA s CREATE TABLE ... CREATE VIEW ...: the elements, each
  // placed in `name`, in the order PostgreSQL runs them (sequences, tables,
  // views, then indexes), not the order written.
  std::vector<std::unique_ptr<Statement>> elements;
};

// ALTER SCHEMA name RENAME TO new_name.
struct RenameSchemaStatement : Statement {
  RenameSchemaStatement() : Statement(StatementKind::kRenameSchema) {}
  std::string name;
  std::string new_name;
};

struct DropSchemaStatement : Statement {
  DropSchemaStatement() : Statement(StatementKind::kDropSchema) {}
  std::vector<std::string> names;
  bool if_exists = false;
  bool cascade = false;
};

// A column named in INSERT's column list or UPDATE's SET.
struct TargetColumn {
  std::string name;
  int location = -1;
  // ON CONFLICT ((expr)): the inference element's expression as SQL text
  // (deparsed); `name` is then empty.
  std::string expr;
};

struct InsertStatement : Statement {
  InsertStatement() : Statement(StatementKind::kInsert) {}
  std::shared_ptr<const WithClause> with;  // leading WITH (null: none)
  RangeVar table;
  std::vector<TargetColumn> columns;  // empty = all columns in order
  // VALUES rows when the source is a plain VALUES list (a null ExprPtr is
  // DEFAULT); otherwise `select` (INSERT ... SELECT); neither = DEFAULT VALUES.
  std::vector<std::vector<ExprPtr>> values;
  std::unique_ptr<SelectStatement> select;
  std::vector<ResTarget> returning;
  // ON CONFLICT (...) DO NOTHING / DO UPDATE SET ...
  enum class OnConflict { kNone, kNothing, kUpdate } on_conflict = OnConflict::kNone;
  // OVERRIDING SYSTEM VALUE ('s') / USER VALUE ('u'); 0 for neither.
  char overriding = 0;
  std::vector<TargetColumn> conflict_columns;
  std::string conflict_constraint;  // ON CONFLICT ON CONSTRAINT name
  // ON CONFLICT (cols) WHERE predicate: the inference clause's predicate (SQL
  // text) that a partial unique index's predicate must be implied by.
  std::string conflict_index_where;
  std::vector<std::pair<TargetColumn, ExprPtr>> conflict_set;  // null expr = DEFAULT
  ExprPtr conflict_where;
  int on_conflict_location = -1;
};

struct UpdateStatement : Statement {
  UpdateStatement() : Statement(StatementKind::kUpdate) {}
  std::shared_ptr<const WithClause> with;  // leading WITH (null: none)
  RangeVar table;
  std::vector<std::pair<TargetColumn, ExprPtr>> set;  // null expr = DEFAULT
  std::vector<FromItem> from;  // UPDATE ... FROM (empty: none)
  ExprPtr where;
  std::vector<ResTarget> returning;
};

struct DeleteStatement : Statement {
  DeleteStatement() : Statement(StatementKind::kDelete) {}
  std::shared_ptr<const WithClause> with;  // leading WITH (null: none)
  RangeVar table;
  std::vector<FromItem> using_items;  // DELETE ... USING (empty: none)
  ExprPtr where;
  std::vector<ResTarget> returning;
};

}  // namespace strata::sql::ast
