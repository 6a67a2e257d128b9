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

namespace strata::sql {
struct PointSelectCache;  // sql/commands/point_select.cpp
}  // namespace strata::sql

namespace strata::sql::ast {

enum class StatementKind {
  kSelect,
  kCreateTable,
  kDropTable,
  kTruncate,
  kCreateSchema,
  kRenameSchema,
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
  kLock,    // LOCK TABLE (lock_statement.h)
  kIndexDdl,  // CREATE/DROP/ALTER INDEX, REINDEX (index_statements.h)
  kExplain,  // EXPLAIN (explain_statement.h)
  kDeclareCursor,  // DECLARE ... CURSOR (cursor_statement.h)
  kFetch,          // FETCH / MOVE
  kCloseCursor,    // CLOSE
  kCreateFunction,  // CREATE FUNCTION / PROCEDURE (function_statements.h)
  kDropFunction,    // DROP FUNCTION / PROCEDURE
  kAlterFunction,   // ALTER FUNCTION: properties, RENAME TO, OWNER TO
  kAlterOwner,      // ALTER SCHEMA / TABLE / SEQUENCE / VIEW ... OWNER TO
  kComment,         // COMMENT ON (comment_statement.h)
  kRoleDdl,         // CREATE/ALTER/DROP ROLE, GRANT/REVOKE role (role_statements.h)
  kDatabaseDdl,     // CREATE / DROP DATABASE (database_statements.h)
  kTypeDdl,         // CREATE / ALTER / DROP TYPE (type_statements.h)
  kTriggerDdl,      // CREATE / DROP / ALTER TRIGGER (trigger_statements.h)
  kOperatorDdl,     // CREATE / ALTER / DROP OPERATOR, CREATE / DROP CAST (operator_statements.h)
  kMerge,           // MERGE (merge_statement.h)
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
  // false for ONLY t: the table without its inheritance children
  // (PostgreSQL's RangeVar.inh; `t*` is the default, true).
  bool inh = true;
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
  bool natural = false;  // NATURAL JOIN: USING the columns both sides name
  // An alias on a join, (a JOIN b ...) AS alias [(column_aliases)], is in
  // table.alias: the join's columns are then only reachable through it.
  int location = -1;  // of the first USING column (for USING errors)
  // kFunction: a function call [AS function_alias [(column_aliases)]].
  ExprPtr function;
  std::string function_alias;
  // kFunction: WITH ORDINALITY, a bigint column numbering the rows from 1.
  bool ordinality = false;
  // kFunction: AS [alias] (name type, ...), the column definition list of a
  // function returning record.
  struct ColumnDefinition {
    std::string name;
    TypeName type;
    int location = -1;
  };
  std::vector<ColumnDefinition> column_defs;
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

// One WITH list entry: name [(column_aliases)] AS [[NOT] MATERIALIZED] (query).
struct CommonTableExpr {
  std::string name;
  std::vector<std::string> column_aliases;
  std::shared_ptr<const SelectStatement> query;
  int location = -1;  // of the name
};

// WITH [RECURSIVE] cte, ... (PostgreSQL's WithClause).
struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpr> ctes;
  int location = -1;
};

// SELECT target_list [FROM table] [WHERE where] [ORDER BY ..] [LIMIT ..]
// [OFFSET ..], or VALUES (..), (..).
//
// A set operation is a SelectStatement too, as PostgreSQL's SelectStmt:
// set_op != kNone, `larg` set_op [ALL] `rarg`; then only `with`, `sort`,
// `limit_*` and `locking` of this node apply (to the whole result) and the
// other clauses are empty. See IsConstantSelect for who runs what.
struct SelectStatement : Statement {
  SelectStatement() : Statement(StatementKind::kSelect) {}

  enum class SetOp { kNone, kUnion, kIntersect, kExcept };
  SetOp set_op = SetOp::kNone;
  bool set_all = false;  // UNION ALL / INTERSECT ALL / EXCEPT ALL
  std::shared_ptr<const SelectStatement> larg;
  std::shared_ptr<const SelectStatement> rarg;
  // WITH [RECURSIVE] ... before this SELECT (null: none).
  std::shared_ptr<const WithClause> with;

  bool distinct = false;  // SELECT DISTINCT (not DISTINCT ON)
  // SELECT DISTINCT ON (exprs) (then `distinct` is false).
  std::vector<ExprPtr> distinct_on;
  int distinct_on_location = -1;  // of the first DISTINCT ON expression
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
  bool limit_with_ties = false;  // FETCH FIRST n ROWS WITH TIES
  // Non-empty for a VALUES statement (then target_list is empty).
  std::vector<std::vector<ExprPtr>> values_lists;
  // FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE clauses.
  std::vector<LockingClause> locking;

  // The point-select fast path's findings about this statement
  // (sql/commands/point_select.h), made at its first execution and reused by
  // the next ones of the same prepared statement. A parse tree belongs to
  // one session, so only that session's thread touches it.
  mutable std::shared_ptr<PointSelectCache> point_select_cache;
};

// Whether the constant path runs `s` (Binder::BindSelect + ExecuteSelect:
// no FROM, WITH, set operation, ORDER BY, LIMIT/OFFSET or DISTINCT ON).
// Every other SELECT is a table statement run by RunTableQuery/RunQuery
// (sql/commands/), which handle set operations and WITH themselves.
inline bool IsConstantSelect(const SelectStatement& s) {
  return s.from.empty() && s.set_op == SelectStatement::SetOp::kNone && s.with == nullptr &&
         s.sort.empty() && s.limit_count == nullptr && s.limit_offset == nullptr &&
         s.distinct_on.empty();
}

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
    kSetConstraints,      // SET CONSTRAINTS { ALL | constraints } { DEFERRED | IMMEDIATE }
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
  // SET CONSTRAINTS: the names (schema = relation's schema field; empty
  // list = ALL) and whether they become DEFERRED (else IMMEDIATE).
  std::vector<RangeVar> constraints;
  bool constraints_deferred = false;
};

struct UnsupportedStatement : Statement {
  explicit UnsupportedStatement(SqlErrorFields e)
      : Statement(StatementKind::kUnsupported), error(std::move(e)) {}

  SqlErrorFields error;  // thrown by Execute()
};

}  // namespace strata::sql::ast
