// ExtendedQuery: a session's state for the extended query protocol -- the
// unnamed prepared statement and the portals -- and the handling of Parse,
// Bind, Describe, Execute and Close (PostgreSQL's exec_*_message in
// postgres.c). Named prepared statements live in the SqlSession, because SQL
// PREPARE/EXECUTE/DEALLOCATE share them.
//
// Each handler appends its reply to *out or throws (SqlError, or
// protocol::ProtocolError for a malformed body); StatementRunner turns a throw
// into ErrorResponse and skips to Sync.
//
// Lifetimes (as in PostgreSQL without explicit transactions):
//  - the unnamed statement lives until the next unnamed Parse, a Close of it,
//    or a simple Query;
//  - portals live until the end of the implicit transaction: Sync or a
//    simple Query (EndTransaction); the unnamed portal is also replaced by
//    the next unnamed Bind.
// Not thread-safe: one per session, used by one statement at a time.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "protocol/extended_messages.h"
#include "sql/portal.h"
#include "sql/prepared_statement.h"
#include "sql/sql_session.h"

namespace strata::server {

class ExtendedQuery {
 public:
  explicit ExtendedQuery(sql::SqlSession* sql) : sql_(sql) {}

  void Parse(const protocol::ParseMessage& message, std::string* out);
  void Bind(const protocol::BindMessage& message, std::string* out);
  void Describe(const protocol::DescribeMessage& message, std::string* out);
  void Execute(const protocol::ExecuteMessage& message, std::string* out);
  void Close(const protocol::CloseMessage& message, std::string* out);

  // The implicit transaction ended (Sync, simple Query): every portal goes.
  void EndTransaction() { portals_.clear(); }
  // The query text of a portal (for log lines); empty if there is none.
  std::string PortalQuery(const std::string& portal_name) const {
    auto it = portals_.find(portal_name);
    return it == portals_.end() ? std::string() : it->second.portal->statement().query();
  }
  // A simple Query drops the unnamed statement (exec_simple_query).
  void DropUnnamedStatement() { unnamed_statement_.reset(); }

 private:
  struct PortalEntry {
    std::unique_ptr<sql::Portal> portal;
    // One raw format code per result column (Bind's none/one/each rule
    // applied); checked when rows are sent.
    std::vector<int16_t> result_formats;
  };

  // The statement a Bind or Describe names; 26000 if there is none.
  std::shared_ptr<const sql::PreparedStatement> FindStatement(const std::string& name) const;
  // The portal an Execute or Describe names; 34000 if there is none.
  PortalEntry& FindPortal(const std::string& name);
  // Converts Bind's parameter values to typed Values (text input functions or
  // binary receive functions), with PostgreSQL's error context.
  std::vector<sql::Value> ConvertParameters(const protocol::BindMessage& message,
                                            const sql::PreparedStatement& statement) const;

  sql::SqlSession* sql_;
  std::shared_ptr<const sql::PreparedStatement> unnamed_statement_;
  std::map<std::string, PortalEntry> portals_;
};

}  // namespace strata::server
