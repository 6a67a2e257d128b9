// Parsed statements: our own representation of one statement of a query
// string, with its byte range (RawStmt's stmt_location/stmt_len).
//
// Only SELECT is represented structurally today. Every other statement, and a
// SELECT using a feature we do not implement yet, becomes an
// UnsupportedStatement that carries the SqlError to raise when it is
// executed: the query string still parses as a whole, as in PostgreSQL, and
// the statements before it still run.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/ast/expr.h"

namespace strata::sql::ast {

enum class StatementKind { kSelect, kVariableSet, kVariableShow, kUnsupported };

struct Statement {
  explicit Statement(StatementKind k) : kind(k) {}
  virtual ~Statement() = default;

  const StatementKind kind;
  int location = 0;  // byte offset of the statement in the query string
  int length = 0;    // bytes; 0 means "to the end of the string"
  // PostgreSQL's command tag name ("SELECT", "CREATE TABLE", "BEGIN").
  std::string command_name;
};

// One entry of a SELECT list.
struct ResTarget {
  std::string name;  // AS alias; empty if none
  ExprPtr value;
  int location = -1;
};

// SELECT target_list [WHERE where], or VALUES (..), (..).
struct SelectStatement : Statement {
  SelectStatement() : Statement(StatementKind::kSelect) {}

  std::vector<ResTarget> target_list;
  ExprPtr where;
  // Non-empty for a VALUES statement (then target_list is empty).
  std::vector<std::vector<ExprPtr>> values_lists;
};

// SET / SET SESSION / SET LOCAL / RESET / RESET ALL (VariableSetStmt).
struct VariableSetStatement : Statement {
  enum class Kind { kValue, kDefault, kReset, kResetAll };
  VariableSetStatement() : Statement(StatementKind::kVariableSet) {}

  Kind set_kind = Kind::kValue;
  std::string name;  // as the parser gives it (lower case unless quoted)
  bool is_local = false;
  struct Arg {
    std::string text;        // the constant's text
    bool is_string = false;  // a string or identifier (else a number)
  };
  std::vector<Arg> args;
};

// SHOW name / SHOW ALL.
struct VariableShowStatement : Statement {
  VariableShowStatement() : Statement(StatementKind::kVariableShow) {}
  std::string name;
};

struct UnsupportedStatement : Statement {
  explicit UnsupportedStatement(SqlErrorFields e)
      : Statement(StatementKind::kUnsupported), error(std::move(e)) {}

  SqlErrorFields error;  // thrown by Execute()
};

}  // namespace strata::sql::ast
