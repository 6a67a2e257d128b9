// PreparedStatement: a statement parsed and analyzed once, to be bound and run
// many times -- PostgreSQL's CachedPlanSource, made by a Parse message or SQL
// PREPARE (SqlSession::Prepare). Immutable after construction, so portals
// and the session's name table can share it (a portal keeps working after
// its statement is closed, as in PostgreSQL).
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sql/ast/statement.h"
#include "sql/sql_session.h"
#include "sql/types/data_type.h"

namespace strata::sql {

class PreparedStatement {
 public:
  // `statement` null = the empty query. `columns` are as PostgreSQL describes
  // a statement: types from analysis, before constant folding (so a CASE of
  // numeric(5,2) and numeric(6,1) has typmod -1 here, unlike in the portal).
  PreparedStatement(std::shared_ptr<const std::string> query,
                    std::shared_ptr<const ast::Statement> statement,
                    std::vector<Oid> parameter_types, bool returns_rows,
                    std::vector<ResultColumn> columns)
      : query_(std::move(query)),
        statement_(std::move(statement)),
        parameter_types_(std::move(parameter_types)),
        returns_rows_(returns_rows),
        columns_(std::move(columns)) {}

  const std::string& query() const { return *query_; }
  bool empty() const { return statement_ == nullptr; }
  // REQUIRES: !empty().
  const ast::Statement& statement() const { return *statement_; }
  const std::shared_ptr<const std::string>& query_ptr() const { return query_; }
  const std::shared_ptr<const ast::Statement>& statement_ptr() const { return statement_; }

  // Every parameter's type (none is 0 or unknown).
  const std::vector<Oid>& parameter_types() const { return parameter_types_; }
  // Describe: RowDescription when true, NoData otherwise.
  bool returns_rows() const { return returns_rows_; }
  const std::vector<ResultColumn>& columns() const { return columns_; }

 private:
  std::shared_ptr<const std::string> query_;
  std::shared_ptr<const ast::Statement> statement_;
  std::vector<Oid> parameter_types_;
  bool returns_rows_;
  std::vector<ResultColumn> columns_;
};

// One entry of a session's named prepared statements, as
// pg_prepared_statements lists it.
struct NamedPreparedStatement {
  std::shared_ptr<const PreparedStatement> statement;
  bool from_sql = false;      // SQL PREPARE (true) or a Parse message
  int64_t prepare_time = 0;   // timestamptz
  // Executions so far. Every execution plans the statement anew with its
  // parameter values: PostgreSQL counts that as a custom plan.
  std::shared_ptr<std::atomic<int64_t>> custom_plans = std::make_shared<std::atomic<int64_t>>(0);
};
using PreparedStatementMap = std::map<std::string, NamedPreparedStatement>;

// The running statement's session's prepared statements (null outside a
// session), for pg_prepared_statements.
const PreparedStatementMap* CurrentPreparedStatements();

class ScopedPreparedStatements {
 public:
  explicit ScopedPreparedStatements(const PreparedStatementMap* statements);
  ~ScopedPreparedStatements();
  ScopedPreparedStatements(const ScopedPreparedStatements&) = delete;
  ScopedPreparedStatements& operator=(const ScopedPreparedStatements&) = delete;

 private:
  const PreparedStatementMap* previous_;
};

}  // namespace strata::sql
