// Parsed CREATE FUNCTION / CREATE PROCEDURE and DROP FUNCTION / PROCEDURE
// (sql/parser/transform_function.cpp). Types stay unresolved TypeNames; the
// body stays SQL text, parsed again when the function is created and called.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/ast/type_name.h"

namespace strata::sql::ast {

struct FunctionParam {
  std::string name;  // empty if unnamed
  TypeName type;
  char mode = 'i';  // 'i', 'o', 'b' (INOUT), 'v' (VARIADIC), 't' (TABLE column)
  // DEFAULT as SQL text (deparsed by libpg_query) and the parsed expression.
  std::optional<std::string> default_text;
  ExprPtr default_expr;
};

struct CreateFunctionStatement : Statement {
  CreateFunctionStatement() : Statement(StatementKind::kCreateFunction) {}
  std::vector<std::string> name;  // possibly schema-qualified
  std::vector<FunctionParam> params;
  std::optional<TypeName> return_type;  // none: a procedure, or OUT parameters only
  bool returns_table = false;           // RETURNS TABLE (...): params with mode 't'
  bool is_procedure = false;
  bool or_replace = false;
  std::string language;  // lower case; empty if not given
  // The body: AS 'text' (body_location: byte offset of the string literal's
  // text in the query, -1 if unknown), or the SQL-standard RETURN expr /
  // BEGIN ATOMIC ... END printed back as SQL statements.
  std::string body;
  int body_location = -1;
  bool sql_standard_body = false;
  char volatility = 'v';
  char parallel = 'u';
  std::optional<bool> strict;
  bool security_definer = false;
  bool leakproof = false;
  std::optional<double> cost;
  std::optional<double> rows;
  bool window = false;  // WINDOW: 0A000
  bool has_set = false;  // SET configuration_parameter: 0A000
  // DO [LANGUAGE l] 'code': an anonymous function run at once (`body`,
  // `language`, default plpgsql), not stored.
  bool do_block = false;
};

// One function of DROP FUNCTION: name and, unless args_unspecified, the
// argument types of its signature.
struct FunctionRef {
  std::vector<std::string> name;
  std::vector<TypeName> arg_types;
  bool args_unspecified = false;
  int location = -1;
};

struct DropFunctionStatement : Statement {
  DropFunctionStatement() : Statement(StatementKind::kDropFunction) {}
  std::vector<FunctionRef> functions;
  bool is_procedure = false;
  bool if_exists = false;
  bool cascade = false;
};

// ALTER FUNCTION f(args) action... | RENAME TO n | OWNER TO r (accepted:
// there is one role).
struct AlterFunctionStatement : Statement {
  AlterFunctionStatement() : Statement(StatementKind::kAlterFunction) {}
  FunctionRef function;
  bool is_procedure = false;
  std::optional<char> volatility;
  std::optional<char> parallel;
  std::optional<bool> strict;
  std::optional<bool> security_definer;
  std::optional<bool> leakproof;
  std::optional<double> cost;
  std::optional<double> rows;
  bool has_set = false;
  std::string new_name;  // RENAME TO
  bool owner_to = false;  // OWNER TO
  // OWNER TO's role: a name, or empty with owner_special set for
  // CURRENT_ROLE / CURRENT_USER / SESSION_USER ("current_user" or
  // "session_user").
  std::string new_owner;
  std::string owner_special;
};

}  // namespace strata::sql::ast
