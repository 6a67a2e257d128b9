// Portal: a prepared statement bound to parameter values, being run --
// PostgreSQL's portal, made by a Bind message or EXECUTE
// (SqlSession::CreatePortal) and run by SqlSession::Fetch, possibly a few
// rows at a time (Execute with a row limit).
//
// A SELECT is evaluated when the portal is created (PostgreSQL plans at Bind
// and folds constant expressions, parameters included, then); its rows are
// kept and handed out in order. Other statements run at the first Fetch.
// Not thread-safe; owned by one session.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/prepared_statement.h"
#include "sql/statement_output.h"

namespace strata::sql {

// What one Fetch produced.
struct PortalFetch {
  bool empty_query = false;  // EmptyQueryResponse instead of rows and a tag
  std::vector<Row> rows;
  // false: the row limit was reached (PortalSuspended); true: done, send
  // CommandComplete with `command_tag`.
  bool completed = true;
  std::string command_tag;
  // NOTICEs / WARNINGs the statement raised (first fetch only).
  std::vector<SqlErrorFields> notices;
};

class Portal {
 public:
  Portal(std::string name, std::shared_ptr<const PreparedStatement> statement,
         std::vector<Value> params)
      : name_(std::move(name)), statement_(std::move(statement)), params_(std::move(params)) {}

  const std::string& name() const { return name_; }
  const PreparedStatement& statement() const { return *statement_; }
  const std::vector<Value>& params() const { return params_; }

  // Describe of the portal: the result columns, with the types the evaluated
  // SELECT reports (folded typmods) once it ran.
  bool returns_rows() const {
    return output_ ? output_->returns_rows : statement_->returns_rows();
  }
  const std::vector<ResultColumn>& columns() const {
    return output_ ? output_->columns : statement_->columns();
  }

 private:
  friend class SqlSession;

  std::string name_;
  std::shared_ptr<const PreparedStatement> statement_;
  std::vector<Value> params_;
  std::optional<StatementOutput> output_;  // once run
  size_t next_row_ = 0;                    // rows of output_ already fetched
  bool finished_ = false;                  // a statement without rows ran
};

}  // namespace strata::sql
