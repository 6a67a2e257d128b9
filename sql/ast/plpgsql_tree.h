// The parse tree of a LANGUAGE plpgsql function body or DO block, in our own
// types (sql/parser/plpgsql_parser.cpp builds it from libpg_query's
// PL/pgSQL parse). Statements mirror PostgreSQL's PLpgSQL_stmt_* nodes;
// embedded SQL stays as text (PLpgSQL_expr.query), bound when it runs.
//
// Variables ("datums") are numbered as PostgreSQL numbers them: the
// function's parameters first, then FOUND, then the declarations and
// implicit variables in the order the body declares them. Statements name
// variables by that number (varno).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::sql::ast {
struct Statement;
}

namespace strata::sql::ast::plpgsql {

// One embedded SQL expression or statement, as written.
struct Expr {
  std::string query;
  // The parsed form of `query` (or of "SELECT " + query), filled on first
  // use by the interpreter. A tree is used by one call at a time.
  mutable std::shared_ptr<std::vector<std::unique_ptr<Statement>>> parsed;
};

enum class StmtKind {
  kBlock,
  kAssign,
  kIf,
  kCase,
  kLoop,
  kWhile,
  kForInt,
  kForQuery,
  kForDynamic,
  kForeachArray,
  kExit,
  kReturn,
  kReturnNext,
  kReturnQuery,
  kRaise,
  kExecSql,
  kDynExecute,
  kPerform,
  kGetDiagnostics,
  kAssert,
  kUnsupported,  // `unsupported` names the construct (0A000 when it runs)
};

struct Stmt;

// One WHEN ... THEN of an exception block.
struct ExceptionHandler {
  std::vector<std::string> conditions;  // condition names or SQLSTATE codes
  std::vector<Stmt> action;
};

// One IF/ELSIF branch or CASE WHEN.
struct Branch {
  Expr cond;
  std::vector<Stmt> body;
};

struct Stmt {
  StmtKind kind = StmtKind::kUnsupported;
  int lineno = 0;
  std::string label;
  std::string unsupported;

  // Blocks: the variables declared here (initialized on each entry).
  std::vector<int> declared;
  std::vector<Stmt> body;  // block, loop and FOR bodies, IF's THEN
  bool has_exception_block = false;
  std::vector<ExceptionHandler> handlers;

  // IF: `branches` are the ELSIFs; CASE: its WHENs.
  std::optional<Expr> expr;  // assign / RETURN / RETURN NEXT / PERFORM / CASE test / FOREACH array
  std::optional<Expr> cond;  // IF / WHILE / EXIT WHEN
  std::vector<Branch> branches;
  bool have_else = false;
  std::vector<Stmt> else_body;

  int varno = -1;  // assign / FOR-integer / FOREACH / CASE test variable
  std::optional<Expr> lower, upper, step;
  bool reverse = false;
  bool is_exit = false;  // EXIT (else CONTINUE)

  // FOR over rows, SQL statements, EXECUTE, RETURN QUERY.
  std::optional<Expr> query;
  bool into = false;
  bool strict = false;
  std::vector<int> targets;  // INTO variables / FOR's loop variables
  std::vector<Expr> params;  // RAISE's % arguments / EXECUTE's USING

  // RAISE.
  int elog_level = 0;
  std::string condname;
  std::string message;
  bool has_message = false;
  std::vector<std::pair<int, Expr>> options;  // (PLpgSQL_raise_option_type, value)

  bool dynamic = false;  // RETURN QUERY EXECUTE
  bool is_stacked = false;  // GET STACKED DIAGNOSTICS
  // GET DIAGNOSTICS: (item kind, target varno).
  std::vector<std::pair<std::string, int>> diag_items;
  int return_varno = -1;  // RETURN NEXT v (a variable, not an expression)
  // FOR-integer loop variable / RETURN NEXT variable by name, while parsing.
  std::string var_name;
};

struct Datum {
  std::string name;
  // The declared type as written ("int", "text", "numeric(10,2)"); empty
  // for parameters, FOUND and implicit variables.
  std::string type_name;
  bool is_const = false;
  bool not_null = false;
  std::optional<Expr> default_value;
  int lineno = 0;
  bool is_row = false;     // an INTO / FOR target list
  // A trigger function's NEW or OLD record (filled when the trigger fires).
  bool trigger_record = false;
  // A field of record variable number recfield_parent as an assignment
  // target (NEW.f := ...); `name` is the field's name. -1 otherwise.
  int recfield_parent = -1;
  std::vector<int> fields;  // is_row: the variables it assigns

  // The resolved declared type, filled by the interpreter on first use
  // (type_name is resolved against the catalog once per parsed tree).
  struct Resolved {
    uint32_t type_oid = 0;
    int32_t typmod = -1;
    bool row_typed = false;
    std::vector<std::string> names;
    std::vector<std::pair<uint32_t, int32_t>> types;
  };
  mutable std::shared_ptr<const Resolved> resolved;
};

// libpg_query's PL/pgSQL grammar does not know a function's OUT parameters,
// so it refuses a bare RETURN NEXT; the body it parses has
// "RETURN NEXT <kOutRowMarker>" there instead, read back as a bare one.
inline constexpr std::string_view kOutRowMarker = "__strata_out_row__";

struct Function {
  std::vector<Datum> datums;
  Stmt action;  // the outermost block
  std::string source;  // the body text (line numbers count from it)
  // DECLARE name ALIAS FOR target: (name, target) lower-cased, target a
  // variable's name or "$n". libpg_query resolves aliases while parsing
  // and keeps no datum for them, so the interpreter gives embedded SQL the
  // alias as another name of its target.
  std::vector<std::pair<std::string, std::string>> aliases;
};

}  // namespace strata::sql::ast::plpgsql
