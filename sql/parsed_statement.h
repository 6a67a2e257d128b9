// ParsedStatementImpl: what SqlSession::Parse hands out behind the opaque
// ParsedStatement -- one statement's AST plus the whole query string it came
// from (error positions count characters of the whole string). Internal to
// sql/.
#pragma once

#include <memory>
#include <string>

#include "sql/ast/statement.h"
#include "sql/sql_session.h"

namespace strata::sql {

class ParsedStatementImpl final : public ParsedStatement {
 public:
  ParsedStatementImpl(std::shared_ptr<const std::string> query,
                      std::shared_ptr<const ast::Statement> statement)
      : query_(std::move(query)), statement_(std::move(statement)) {}

  const std::string& query() const { return *query_; }
  const ast::Statement& statement() const { return *statement_; }
  // Shared so that a prepared statement can keep (part of) the tree alive.
  const std::shared_ptr<const std::string>& query_ptr() const { return query_; }
  const std::shared_ptr<const ast::Statement>& statement_ptr() const { return statement_; }

 private:
  std::shared_ptr<const std::string> query_;
  std::shared_ptr<const ast::Statement> statement_;
};

}  // namespace strata::sql
