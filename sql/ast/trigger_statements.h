// Statements on triggers (PostgreSQL's CreateTrigStmt, DropStmt of a
// trigger, RenameStmt of a trigger): one statement kind, told apart by
// `action`. ALTER TABLE ... ENABLE / DISABLE TRIGGER is an ALTER TABLE
// action (table_statements.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/ast/statement.h"

namespace strata::sql::ast {

struct TriggerStatement : Statement {
  TriggerStatement() : Statement(StatementKind::kTriggerDdl) {}

  enum class Action {
    // CREATE [OR REPLACE] TRIGGER name {BEFORE | AFTER | INSTEAD OF} events
    // ON table [FOR [EACH] {ROW | STATEMENT}] [WHEN (cond)]
    // EXECUTE {FUNCTION | PROCEDURE} f(args)
    kCreate,
    kDrop,    // DROP TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]
    kRename,  // ALTER TRIGGER name ON table RENAME TO new_name
  };
  Action action = Action::kCreate;
  std::string name;
  RangeVar table;
  bool replace = false;
  // kCreate: the function's name as written ([schema.]name) and its
  // arguments (string, number or identifier constants, as text).
  std::vector<std::string> function;
  std::vector<std::string> args;
  int16_t type = 0;  // catalog::kTriggerType* bits: timing, level, events
  std::vector<std::string> update_columns;  // UPDATE OF
  std::optional<std::string> when;          // WHEN condition as SQL text
  ExprPtr when_expr;  // the same, parsed (its locations for errors)
  // Not supported yet (0A000 when set): CREATE CONSTRAINT TRIGGER.
  bool is_constraint = false;
  // REFERENCING: each transition table as written, in order.
  struct Transition {
    std::string name;
    bool is_new = false;
    bool is_table = true;
  };
  std::vector<Transition> transitions;
  bool if_exists = false;  // kDrop
  bool cascade = false;    // kDrop
  std::string new_name;    // kRename
};

}  // namespace strata::sql::ast
