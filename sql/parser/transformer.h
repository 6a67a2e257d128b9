// Transformer: converts libpg_query's protobuf parse tree (PgQuery__* structs
// unpacked by protobuf-c) into our AST. Internal to sql/parser/.
//
// A construct we cannot represent yet throws SqlError 0A000; the statement
// transform catches it and yields an UnsupportedStatement, so the error is
// raised only when that statement executes (the rest of the string still
// parses and runs, as in PostgreSQL).
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/sql_error.h"
#include "sql/ast/statement.h"
#include "sql/ast/function_statements.h"
#include "sql/ast/operator_statements.h"
#include "sql/ast/role_statements.h"
#include "sql/ast/sequence_statements.h"
#include "sql/ast/table_statements.h"

namespace strata::sql::parser {

class Transformer {
 public:
  explicit Transformer(std::string_view query) : query_(query) {}

  std::unique_ptr<ast::Statement> TransformRawStmt(const PgQuery__RawStmt& raw);

 private:
  // transform_statement.cpp
  std::unique_ptr<ast::Statement> TransformStatement(const PgQuery__Node& node);

  // transform_prepare.cpp: PREPARE, EXECUTE, DEALLOCATE.
  std::unique_ptr<ast::Statement> TransformPrepare(const PgQuery__PrepareStmt& prepare);
  std::unique_ptr<ast::Statement> TransformExecute(const PgQuery__ExecuteStmt& execute);
  std::unique_ptr<ast::Statement> TransformDeallocate(const PgQuery__DeallocateStmt& deallocate);

  // transform_select.cpp
  std::unique_ptr<ast::Statement> TransformSelect(const PgQuery__SelectStmt& select);
  std::shared_ptr<const ast::SelectStatement> TransformSetOperand(const PgQuery__SelectStmt* s);
  void TransformSelectOptions(const PgQuery__SelectStmt& s, ast::SelectStatement* select);
  std::vector<ast::SortBy> TransformSortClause(PgQuery__Node* const* nodes, size_t n);
  // transform_with.cpp: WITH [RECURSIVE] (SELECT queries only; data-modifying
  // ones and SEARCH/CYCLE are 0A000).
  std::shared_ptr<const ast::WithClause> TransformWithClause(const PgQuery__WithClause& w);
  // transform_window.cpp: OVER (...) and WINDOW name AS (...).
  std::shared_ptr<const ast::WindowDef> TransformWindowDef(const PgQuery__WindowDef& w);
  // One ORDER BY item of a window or an aggregate call (USING: 0A000).
  ast::WindowSortItem TransformSortItem(const PgQuery__SortBy& sb);
  // transform_grouping_sets.cpp: GROUP BY items into select->group_by and,
  // with GROUPING SETS / ROLLUP / CUBE, the expanded select->grouping_sets.
  void TransformGroupBy(const PgQuery__SelectStmt& s, ast::SelectStatement* select);

  // transform_ddl.cpp: CREATE/DROP TABLE, TRUNCATE, CREATE/DROP SCHEMA.
  std::unique_ptr<ast::Statement> TransformCreateTable(const PgQuery__CreateStmt& s);
  std::unique_ptr<ast::Statement> TransformDrop(const PgQuery__DropStmt& s);
  std::unique_ptr<ast::Statement> TransformTruncate(const PgQuery__TruncateStmt& s);
  std::unique_ptr<ast::Statement> TransformCreateSchema(const PgQuery__CreateSchemaStmt& s);
  std::unique_ptr<ast::Statement> TransformRenameSchema(const PgQuery__RenameStmt& s);
  ast::CheckDef TransformCheck(const PgQuery__Constraint& c);
  // A FOREIGN KEY constraint; `column`: the column of a column constraint
  // (REFERENCES). 0A000 for what is not supported yet (DEFERRABLE, NOT
  // VALID, MATCH PARTIAL).
  ast::ForeignKeyDef TransformForeignKey(const PgQuery__Constraint& c, const std::string& column);

  // transform_partition.cpp: PARTITION BY's key and a partition's bound.
  void TransformPartitionSpec(const PgQuery__PartitionSpec& spec, ast::CreateTableStatement* stmt);
  ast::PartitionBoundDef TransformPartitionBound(const PgQuery__PartitionBoundSpec& spec);

  // transform_sequence.cpp
  std::unique_ptr<ast::Statement> TransformCreateSequence(const PgQuery__CreateSeqStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterSequence(const PgQuery__AlterSeqStmt& s);
  std::unique_ptr<ast::Statement> TransformDropSequence(const PgQuery__DropStmt& s);
  ast::SequenceOptions TransformSequenceOptions(PgQuery__Node* const* options, size_t n);

  // transform_query_ddl.cpp: CREATE TABLE AS, SELECT INTO, CREATE VIEW.
  std::unique_ptr<ast::SelectStatement> TransformQuery(const PgQuery__Node* node);
  std::unique_ptr<ast::Statement> TransformCreateTableAs(const PgQuery__CreateTableAsStmt& s);
  std::unique_ptr<ast::Statement> TransformSelectInto(const PgQuery__SelectStmt& s);
  std::unique_ptr<ast::Statement> TransformCreateView(const PgQuery__ViewStmt& s);

  // transform_alter_table.cpp: ALTER TABLE, ALTER TABLE RENAME, SET SCHEMA.
  std::unique_ptr<ast::Statement> TransformAlterTable(const PgQuery__AlterTableStmt& s);
  std::unique_ptr<ast::Statement> TransformRename(const PgQuery__RenameStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterObjectSchema(
      const PgQuery__AlterObjectSchemaStmt& s);

  // transform_dml.cpp: INSERT, UPDATE, DELETE and the pieces SELECT shares.
  std::unique_ptr<ast::Statement> TransformInsert(const PgQuery__InsertStmt& s);
  std::unique_ptr<ast::Statement> TransformUpdate(const PgQuery__UpdateStmt& s);
  std::unique_ptr<ast::Statement> TransformDelete(const PgQuery__DeleteStmt& s);
  ast::RangeVar TransformRangeVar(const PgQuery__RangeVar& r);
  // transform_merge.cpp: MERGE.
  std::unique_ptr<ast::Statement> TransformMerge(const PgQuery__MergeStmt& s);
  // transform_select.cpp: a FROM item (table or JoinExpr).
  ast::FromItem TransformFromItem(const PgQuery__Node& node);
  // transform_locking.cpp: FOR UPDATE / SHARE clauses.
  ast::LockingClause TransformLockingClause(const PgQuery__LockingClause& c);
  std::vector<ast::ResTarget> TransformTargetList(PgQuery__Node* const* nodes, size_t n);
  // SET a = x, b = DEFAULT (UPDATE and ON CONFLICT DO UPDATE).
  std::vector<std::pair<ast::TargetColumn, ast::ExprPtr>> TransformSetList(
      PgQuery__Node* const* nodes, size_t n);
  // transform_variable_set.cpp
  std::unique_ptr<ast::Statement> TransformVariableSet(const PgQuery__VariableSetStmt& stmt);
  std::unique_ptr<ast::Statement> TransformTransaction(const PgQuery__TransactionStmt& stmt);
  std::unique_ptr<ast::Statement> TransformConstraintsSet(const PgQuery__ConstraintsSetStmt& stmt);
  // SET TRANSACTION ... / SET SESSION CHARACTERISTICS AS TRANSACTION ...
  std::unique_ptr<ast::Statement> TransformSetTransaction(const PgQuery__VariableSetStmt& stmt);
  std::unique_ptr<ast::Statement> TransformVariableShow(const PgQuery__VariableShowStmt& stmt);

  // transform_copy.cpp: COPY.
  std::unique_ptr<ast::Statement> TransformCopy(const PgQuery__CopyStmt& s);
  // transform_vacuum.cpp
  std::unique_ptr<ast::Statement> TransformVacuum(const PgQuery__VacuumStmt& s);
  std::unique_ptr<ast::Statement> TransformLock(const PgQuery__LockStmt& s);
  // transform_index.cpp: CREATE/DROP/ALTER INDEX, REINDEX.
  std::unique_ptr<ast::Statement> TransformCreateIndex(const PgQuery__IndexStmt& s);
  std::unique_ptr<ast::Statement> TransformDropIndex(const PgQuery__DropStmt& s);
  std::unique_ptr<ast::Statement> TransformRenameIndex(const PgQuery__RenameStmt& s);
  std::unique_ptr<ast::Statement> TransformReindex(const PgQuery__ReindexStmt& s);
  // A UNIQUE constraint; `column`: the column of a column constraint.
  ast::UniqueDef TransformUnique(const PgQuery__Constraint& c, const std::string& column);
  std::unique_ptr<ast::Statement> TransformExplain(const PgQuery__ExplainStmt& s);
  // transform_function.cpp: CREATE/DROP FUNCTION and PROCEDURE.
  std::unique_ptr<ast::Statement> TransformCreateFunction(const PgQuery__CreateFunctionStmt& s);
  std::unique_ptr<ast::Statement> TransformDo(const PgQuery__DoStmt& s);
  std::unique_ptr<ast::Statement> TransformDropFunction(const PgQuery__DropStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterFunction(const PgQuery__AlterFunctionStmt& s);
  std::unique_ptr<ast::Statement> TransformRenameFunction(const PgQuery__RenameStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterFunctionOwner(const PgQuery__AlterOwnerStmt& s);
  // ALTER SCHEMA ... OWNER TO; ALTER TABLE/SEQUENCE/VIEW ... OWNER TO (the
  // one action of `s`).
  std::unique_ptr<ast::Statement> TransformAlterSchemaOwner(const PgQuery__AlterOwnerStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterRelationOwner(const PgQuery__AlterTableStmt& s);
  ast::FunctionRef TransformFunctionRef(const PgQuery__ObjectWithArgs& o);
  // transform_operator.cpp: CREATE OPERATOR / TYPE (DefineStmt), ALTER
  // OPERATOR, CREATE CAST, DROP OPERATOR / CAST.
  std::unique_ptr<ast::Statement> TransformDefine(const PgQuery__DefineStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterOperator(const PgQuery__AlterOperatorStmt& s);
  std::unique_ptr<ast::Statement> TransformCreateCast(const PgQuery__CreateCastStmt& s);
  std::unique_ptr<ast::Statement> TransformDropOperator(const PgQuery__DropStmt& s);
  std::unique_ptr<ast::Statement> TransformDropCast(const PgQuery__DropStmt& s);
  ast::OperatorRef TransformOperatorRef(const PgQuery__ObjectWithArgs& o);
  ast::DefinitionOption TransformDefinitionOption(const PgQuery__DefElem& d);
  // transform_comment.cpp
  std::unique_ptr<ast::Statement> TransformComment(const PgQuery__CommentStmt& s);
  // ASC / DESC, or ORDER BY ... USING < / > (42809 for other operators).
  bool SortDescending(const PgQuery__SortBy& sb) const;
  std::unique_ptr<ast::Statement> TransformDeclareCursor(const PgQuery__DeclareCursorStmt& d);
  std::unique_ptr<ast::Statement> TransformFetch(const PgQuery__FetchStmt& f);
  std::unique_ptr<ast::Statement> TransformCloseCursor(const PgQuery__ClosePortalStmt& c);

  // transform_sql_value_function.cpp: CURRENT_DATE, LOCALTIMESTAMP(p), ...
  // as calls of internal functions (nullptr if not supported).
  ast::ExprPtr TransformSqlValueFunction(const PgQuery__SQLValueFunction& f);

  // transform_expr.cpp
  ast::ExprPtr TransformExpr(const PgQuery__Node* node);
  std::vector<ast::ExprPtr> TransformExprList(PgQuery__Node* const* nodes, size_t n);
  ast::ExprPtr TransformConstant(const PgQuery__AConst& c);
  ast::ExprPtr TransformAExpr(const PgQuery__AExpr& e);
  ast::ExprPtr TransformFuncCall(const PgQuery__FuncCall& f);
  ast::ExprPtr TransformIndirection(const PgQuery__AIndirection& ind);
  ast::ExprPtr TransformCase(const PgQuery__CaseExpr& c);
  // transform_sublink.cpp: subqueries used as expressions.
  ast::ExprPtr TransformSubLink(const PgQuery__SubLink& s);

  // transform_type_name.cpp
  ast::TypeName TransformTypeName(const PgQuery__TypeName& t);

  // transform_type.cpp: CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD /
  // RENAME VALUE, DROP TYPE.
  std::unique_ptr<ast::Statement> TransformCreateEnum(const PgQuery__CreateEnumStmt& s);
  std::unique_ptr<ast::Statement> TransformCreateComposite(const PgQuery__CompositeTypeStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterEnum(const PgQuery__AlterEnumStmt& s);
  std::unique_ptr<ast::Statement> TransformDropType(const PgQuery__DropStmt& s);
  std::unique_ptr<ast::Statement> TransformRenameType(const PgQuery__RenameStmt& s);
  std::unique_ptr<ast::Statement> TransformCreateTrigger(const PgQuery__CreateTrigStmt& s);
  std::unique_ptr<ast::Statement> TransformDropTrigger(const PgQuery__DropStmt& s);
  std::unique_ptr<ast::Statement> TransformRenameTrigger(const PgQuery__RenameStmt& s);
  std::unique_ptr<ast::Statement> TransformCreateDomain(const PgQuery__CreateDomainStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterDomain(const PgQuery__AlterDomainStmt& s);

  // transform_role.cpp
  std::unique_ptr<ast::Statement> TransformCreateRole(const PgQuery__CreateRoleStmt& s);
  std::unique_ptr<ast::Statement> TransformCreateDatabase(const PgQuery__CreatedbStmt& s);
  std::unique_ptr<ast::Statement> TransformDropDatabase(const PgQuery__DropdbStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterDatabase(const PgQuery__AlterDatabaseStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterDatabaseSet(const PgQuery__AlterDatabaseSetStmt& s);
  // The SET / RESET of ALTER ROLE / DATABASE ... SET.
  std::shared_ptr<const ast::VariableSetStatement> TransformSettingChange(
      const PgQuery__VariableSetStmt* s);
  std::unique_ptr<ast::Statement> TransformRenameDatabase(const PgQuery__RenameStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterDatabaseOwner(const PgQuery__AlterOwnerStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterRole(const PgQuery__AlterRoleStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterRoleSet(const PgQuery__AlterRoleSetStmt& s);
  std::unique_ptr<ast::Statement> TransformDropRole(const PgQuery__DropRoleStmt& s);
  std::unique_ptr<ast::Statement> TransformGrantRole(const PgQuery__GrantRoleStmt& s);
  std::unique_ptr<ast::Statement> TransformGrant(const PgQuery__GrantStmt& s);
  std::unique_ptr<ast::Statement> TransformAlterDefaultPrivileges(
      const PgQuery__AlterDefaultPrivilegesStmt& s);
  std::unique_ptr<ast::Statement> TransformRenameRole(const PgQuery__RenameStmt& s);
  std::vector<ast::RoleOption> TransformRoleOptions(PgQuery__Node* const* nodes, size_t n);

  // A 0A000 error "<what> is not supported yet" at byte `location`.
  SqlError NotSupported(std::string_view what, int location = -1) const;

  std::string_view query_;
};

// Helpers shared by the transform files.
// Whether a parse-tree string is set and not empty.
inline bool HasText(const char* s) { return s != nullptr && *s != '\0'; }
// The string of a String node; empty for other nodes.
std::string StringValue(const PgQuery__Node* node);
// The names of a list of String nodes, e.g. {"pg_catalog", "int4"}.
std::vector<std::string> StringList(PgQuery__Node* const* nodes, size_t n);
// defGetBoolean() of an option (VACUUM, REINDEX): no value, true/false/on/off
// (any case), 1/0; 42601 "<name> requires a Boolean value" otherwise.
bool OptionBoolean(const PgQuery__DefElem& d, std::string_view query);
// A reloptions list (WITH (...), SET (...), RESET (...)) as name/value
// pairs: a bare name is "true" (as PostgreSQL's defGetString of no
// argument), numbers and booleans as written, names without qualifier.
std::vector<std::pair<std::string, std::string>> RelOptions(PgQuery__Node* const* nodes, size_t n);
// One statement node printed back as SQL by libpg_query; SqlError 0A000
// with `error` if it cannot be.
std::string DeparseStatement(const PgQuery__Node* stmt, std::string_view error);
// SQL text of an expression node, deparsed by libpg_query ("(a > 0)").
std::string DeparseExpr(const PgQuery__Node* expr);
// SQL text of a SELECT statement node (a view's query).
std::string DeparseSelect(const PgQuery__Node* select);
// PostgreSQL's command tag name for a statement node ("CREATE TABLE").
std::string CommandName(const PgQuery__Node& node);

}  // namespace strata::sql::parser
