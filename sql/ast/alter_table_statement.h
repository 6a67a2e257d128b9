// Parsed ALTER TABLE (with RENAME and SET SCHEMA, which PostgreSQL's grammar
// makes separate statements but which share its command tag and checks):
// one table, one or more actions applied in order. Produced by
// sql/parser/transform_alter_table.cpp.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/ast/table_statements.h"
#include "sql/ast/type_name.h"

namespace strata::sql::ast {

struct AlterTableAction {
  enum class Kind {
    kAddColumn,       // column (+ its constraints), if_not_exists
    kDropColumn,      // name, if_exists, cascade
    kRenameColumn,    // name -> new_name
    kRenameTable,     // new_name
    kSetSchema,       // new_name = the schema
    kSetDefault,      // name, expr/expr_text
    kDropDefault,     // name
    kSetNotNull,      // name
    kDropNotNull,     // name
    kAlterType,       // name, type, expr = USING (may be null)
    kAddCheck,        // check
    kAddPrimaryKey,   // keys, constraint_name (or index_name: USING INDEX)
    kDropConstraint,  // name, if_exists, cascade
    kAddUnique,       // unique
    kAddForeignKey,   // foreign_key
    kInherit,         // parent: INHERIT parent
    kNoInherit,       // parent: NO INHERIT parent
    kValidateConstraint,  // name: VALIDATE CONSTRAINT name
    // ALTER COLUMN name ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY
    // [(options)]: identity ('a' / 'd') and identity_options.
    kAddIdentity,
    kSetIdentity,   // ALTER COLUMN name SET GENERATED {ALWAYS | BY DEFAULT}: identity
    kDropIdentity,  // ALTER COLUMN name DROP IDENTITY [IF EXISTS]: if_exists
    // {ENABLE [ALWAYS | REPLICA] | DISABLE} TRIGGER {name | ALL | USER}:
    // name (empty for ALL / USER), trigger_enabled (pg_trigger.tgenabled).
    kSetTriggerEnabled,
    // ATTACH PARTITION partition FOR VALUES ... / DEFAULT: partition, bound.
    kAttachPartition,
    // DETACH PARTITION partition [CONCURRENTLY | FINALIZE]: partition,
    // concurrent, finalize.
    kDetachPartition,
    // SET (name = value, ...) / RESET (name, ...) of reloptions (views:
    // check_option, security_barrier, security_invoker): options, with
    // empty values for RESET.
    kSetOptions,
    kResetOptions,
  };
  Kind kind = Kind::kAddColumn;
  std::string name;
  std::string new_name;
  ColumnDef column;
  bool if_exists = false;
  bool if_not_exists = false;
  bool cascade = false;
  ExprPtr expr;
  std::string expr_text;
  TypeName type;
  CheckDef check;
  std::vector<std::string> keys;
  std::string constraint_name;
  std::string index_name;  // kAddPrimaryKey: ADD PRIMARY KEY USING INDEX index_name
  UniqueDef unique;
  ForeignKeyDef foreign_key;
  RangeVar parent;  // kInherit, kNoInherit
  RangeVar partition;  // kAttachPartition, kDetachPartition
  PartitionBoundDef bound;  // kAttachPartition
  bool concurrent = false;  // kDetachPartition
  bool finalize = false;    // kDetachPartition
  char identity = 0;  // kAddIdentity, kSetIdentity
  char trigger_enabled = 'O';  // kSetTriggerEnabled
  std::shared_ptr<const SequenceOptions> identity_options;  // kAddIdentity
  std::vector<std::pair<std::string, std::string>> options;  // kSetOptions, kResetOptions
  int location = -1;
};

struct AlterTableStatement : Statement {
  AlterTableStatement() : Statement(StatementKind::kAlterTable) {}
  RangeVar table;
  bool if_exists = false;
  // ALTER VIEW (else ALTER TABLE, which also reaches views for RENAME, SET
  // SCHEMA, ALTER COLUMN ... DEFAULT and SET/RESET as in PostgreSQL).
  bool is_view = false;
  std::vector<AlterTableAction> actions;
};

}  // namespace strata::sql::ast
