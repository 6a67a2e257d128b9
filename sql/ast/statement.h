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
#include "sql/ast/type_name.h"

namespace strata::sql::ast {

enum class StatementKind {
  kSelect,
  kCreateTable,
  kDropTable,
  kTruncate,
  kCreateSchema,
  kDropSchema,
  kInsert,
  kUpdate,
  kDelete,
  kPrepare,
  kExecute,
  kDeallocate,
  kVariableSet,
  kVariableShow,
  kCopy,
  kCreateSequence,
  kAlterSequence,
  kDropSequence,
  kAlterTable,
  kCreateTableAs,
  kCreateView,
  kDropView,
  kTransaction,
  kVacuum,  // VACUUM and ANALYZE (vacuum_statement.h)
  kUnsupported,
};

struct Statement {
  explicit Statement(StatementKind k) : kind(k) {}
  virtual ~Statement() = default;

  const StatementKind kind;
  int location = 0;  // byte offset of the statement in the query string
  int length = 0;    // bytes; 0 means "to the end of the string"
  // PostgreSQL's command tag name ("SELECT", "CREATE TABLE", "BEGIN").
  std::string command_name;
};

// A table named in FROM / INSERT INTO / UPDATE / DELETE: [schema.]name [AS alias].
struct RangeVar {
  std::string schema;  // empty if unqualified
  std::string name;
  std::string alias;   // empty if none
  std::vector<std::string> column_aliases;  // FROM t AS a (x, y): renames t's first columns
  int location = -1;
};

struct SelectStatement;

// One FROM item: a table (or view), a subquery, or a join of two items
// (JoinExpr). A list of items in FROM is their cross product.
struct FromItem {
  enum class Kind { kTable, kJoin, kSubquery, kFunction };
  enum class JoinType { kInner, kLeft, kRight, kFull };

  Kind kind = Kind::kTable;
  RangeVar table;  // kTable; kSubquery: the alias in table.alias, location
  // kSubquery: (SELECT ...) AS alias [(column_aliases)]; also kFunction's.
  std::shared_ptr<const SelectStatement> subquery;
  bool lateral = false;  // kSubquery: LATERAL (SELECT ...)
  std::vector<std::string> column_aliases;
  // kJoin: left JOIN right ON on / USING (using_columns). CROSS JOIN is an
  // inner join without ON or USING.
  JoinType join_type = JoinType::kInner;
  std::unique_ptr<FromItem> left;
  std::unique_ptr<FromItem> right;
  ExprPtr on;
  std::vector<std::string> using_columns;
  int location = -1;  // of the first USING column (for USING errors)
  // kFunction: a function call [AS function_alias [(column_aliases)]].
  ExprPtr function;
  std::string function_alias;
};

// One ORDER BY item.
struct SortBy {
  ExprPtr expr;
  bool descending = false;
  enum class Nulls { kDefault, kFirst, kLast } nulls = Nulls::kDefault;
  int location = -1;
};

// SELECT's FOR <strength> [OF name, ...] [NOWAIT | SKIP LOCKED]; strengths
// from weakest to strongest, as PostgreSQL's LockClauseStrength.
struct LockingClause {
  enum class Strength { kKeyShare, kShare, kNoKeyUpdate, kUpdate };
  enum class Wait { kBlock, kSkipLocked, kNoWait };
  Strength strength = Strength::kUpdate;
  Wait wait = Wait::kBlock;
  std::vector<RangeVar> of;  // empty: every table in FROM
};

// One entry of a SELECT list.
struct ResTarget {
  std::string name;  // AS alias; empty if none
  ExprPtr value;
  int location = -1;
};

// SELECT target_list [FROM table] [WHERE where] [ORDER BY ..] [LIMIT ..]
// [OFFSET ..], or VALUES (..), (..).
struct SelectStatement : Statement {
  SelectStatement() : Statement(StatementKind::kSelect) {}

  bool distinct = false;  // SELECT DISTINCT (not DISTINCT ON)
  std::vector<ResTarget> target_list;
  std::vector<FromItem> from;
  ExprPtr where;
  // GROUP BY items as written (names, positions, expressions) and HAVING.
  std::vector<ExprPtr> group_by;
  ExprPtr having;
  std::vector<std::shared_ptr<const WindowDef>> windows;  // WINDOW clause
  // GROUP BY with GROUPING SETS / ROLLUP / CUBE (has_grouping_sets): the
  // expanded sets, each a list of indexes into group_by (which then holds
  // every expression occurrence once); GROUP BY DISTINCT drops repeated sets.
  bool has_grouping_sets = false;
  bool group_distinct = false;
  std::vector<std::vector<size_t>> grouping_sets;
  std::vector<SortBy> sort;
  ExprPtr limit_count;   // null if none (LIMIT ALL is null too)
  ExprPtr limit_offset;  // null if none
  // Non-empty for a VALUES statement (then target_list is empty).
  std::vector<std::vector<ExprPtr>> values_lists;
  // FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE clauses.
  std::vector<LockingClause> locking;
};

// PREPARE name [(type, ...)] AS statement.
struct PrepareStatement : Statement {
  PrepareStatement() : Statement(StatementKind::kPrepare) {}

  std::string name;
  std::vector<TypeName> parameter_types;
  // The statement prepared. Its locations, like every location here, are
  // offsets into the whole query string (PostgreSQL keeps the PREPARE's text
  // as the statement's source text).
  std::unique_ptr<Statement> query;
};

// EXECUTE name [(expr, ...)].
struct ExecuteStatement : Statement {
  ExecuteStatement() : Statement(StatementKind::kExecute) {}

  std::string name;
  std::vector<ExprPtr> arguments;
};

// DEALLOCATE [PREPARE] name | ALL.
struct DeallocateStatement : Statement {
  DeallocateStatement() : Statement(StatementKind::kDeallocate) {}

  std::string name;  // empty for ALL
  bool all = false;
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

// Transaction control (TransactionStmt) and SET TRANSACTION / SET SESSION
// CHARACTERISTICS AS TRANSACTION (VariableSetStmt VAR_SET_MULTI).
struct TransactionStatement : Statement {
  enum class Kind {
    kBegin,        // BEGIN / START TRANSACTION (command_name tells which)
    kCommit,       // COMMIT / END
    kRollback,     // ROLLBACK / ABORT
    kSavepoint,
    kRelease,      // RELEASE [SAVEPOINT]
    kRollbackTo,   // ROLLBACK TO [SAVEPOINT]
    kSetTransaction,
    kSetSessionCharacteristics,
    kPrepareTransaction,  // PREPARE TRANSACTION 'gid' (two-phase commit is disabled)
    kFinishPrepared,      // COMMIT PREPARED / ROLLBACK PREPARED 'gid' (command_name tells)
  };
  TransactionStatement() : Statement(StatementKind::kTransaction) {}

  Kind txn_kind = Kind::kBegin;
  // Transaction modes (BEGIN, SET TRANSACTION ...), as the GUC values
  // PostgreSQL assigns: "serializable", "repeatable read", ...
  struct Mode {
    std::string name;   // transaction_isolation / transaction_read_only / transaction_deferrable
    std::string value;  // isolation level name, or "on"/"off"
  };
  std::vector<Mode> modes;
  std::string savepoint_name;
  std::string gid;     // PREPARE TRANSACTION / COMMIT PREPARED
  bool chain = false;  // COMMIT / ROLLBACK AND CHAIN
};

struct UnsupportedStatement : Statement {
  explicit UnsupportedStatement(SqlErrorFields e)
      : Statement(StatementKind::kUnsupported), error(std::move(e)) {}

  SqlErrorFields error;  // thrown by Execute()
};

}  // namespace strata::sql::ast
