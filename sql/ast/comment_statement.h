// COMMENT ON object IS 'text' | NULL (PostgreSQL's CommentStmt).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/ast/function_statements.h"
#include "sql/ast/operator_statements.h"
#include "sql/ast/statement.h"

namespace strata::sql::ast {

struct CommentStatement : Statement {
  CommentStatement() : Statement(StatementKind::kComment) {}

  enum class ObjectKind {
    kTable,
    kView,
    kMaterializedView,
    kIndex,
    kSequence,
    kForeignTable,
    kColumn,      // name: [schema.]table.column
    kSchema,      // name: {schema}
    kFunction,    // function
    kProcedure,   // function
    kTableConstraint,  // name: [schema.]table.constraint
    kDatabase,    // name: {database}
    kTrigger,     // name: [schema.]table.trigger
    kOperator,    // op
  };
  ObjectKind object_kind = ObjectKind::kTable;
  std::vector<std::string> name;
  FunctionRef function;                // kFunction, kProcedure
  OperatorRef op;                      // kOperator
  std::optional<std::string> comment;  // nullopt: IS NULL (removes it)
};

}  // namespace strata::sql::ast
