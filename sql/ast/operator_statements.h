// Statements on operators and casts (PostgreSQL's DefineStmt of an
// operator, AlterOperatorStmt, CreateCastStmt and DropStmt of operators and
// casts): one statement kind, told apart by `action`. Types stay unresolved
// TypeNames (sql/commands/operator_commands.cpp, cast_commands.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/ast/definition_option.h"
#include "sql/ast/statement.h"
#include "sql/ast/type_name.h"

namespace strata::sql::ast {

// An operator named with its argument types: `name (left, right)`; NONE is
// an absent type (prefix operators have no left one).
struct OperatorRef {
  std::vector<std::string> name;  // [schema.]operator
  std::optional<TypeName> left;
  std::optional<TypeName> right;
  int location = -1;
};

struct OperatorStatement : Statement {
  OperatorStatement() : Statement(StatementKind::kOperatorDdl) {}

  enum class Action {
    kCreateOperator,  // CREATE OPERATOR name (options)
    kAlterOperator,   // ALTER OPERATOR name (left, right) SET (options)
    kDropOperator,    // DROP OPERATOR [IF EXISTS] name (left, right), ... [CASCADE]
    kCreateCast,      // CREATE CAST (source AS target) WITH FUNCTION f(args) | ...
    kDropCast,        // DROP CAST [IF EXISTS] (source AS target) [CASCADE]
  };
  Action action = Action::kCreateOperator;

  // kCreateOperator: the name; kAlterOperator: `operators[0]`.
  std::vector<std::string> name;
  std::vector<DefinitionOption> options;  // kCreateOperator, kAlterOperator
  std::vector<OperatorRef> operators;     // kAlterOperator, kDropOperator
  bool if_exists = false;
  bool cascade = false;

  // kCreateCast / kDropCast.
  TypeName source;
  TypeName target;
  char cast_method = 'f';  // 'f' WITH FUNCTION, 'b' WITHOUT FUNCTION, 'i' WITH INOUT
  char cast_context = 'e';  // 'e' explicit, 'a' AS ASSIGNMENT, 'i' AS IMPLICIT
  std::vector<std::string> function_name;
  std::vector<TypeName> function_args;
  bool function_args_given = false;
};

}  // namespace strata::sql::ast
