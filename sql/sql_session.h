// SqlSession: the entry point from protocol/server into SQL. One per client
// connection; not thread-safe (a session runs one statement at a time).
//
// A query string is parsed whole first (as PostgreSQL does): a syntax error
// anywhere means no statement of the string runs. Then each statement is
// executed in order; the caller sends each result before executing the next
// and stops at the first SqlError.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/sql_error.h"

namespace strata::sql {

struct ResultColumn {
  std::string name;
  uint32_t type_oid = 0;
  int16_t type_size = 0;     // pg_type.typlen
  int32_t type_modifier = -1;
};

// What one statement produced: rows (for statements that return them) and the
// CommandComplete tag ("SELECT 2", "INSERT 0 1").
struct StatementResult {
  bool returns_rows = false;   // send RowDescription + DataRows
  std::vector<ResultColumn> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;  // text format; nullopt = NULL
  std::string command_tag;
};

// One parsed statement of a query string; opaque to callers.
class ParsedStatement {
 public:
  virtual ~ParsedStatement() = default;
};

class SqlSession {
 public:
  SqlSession();
  ~SqlSession();

  // Parses a whole query string. Returns one entry per statement; empty for an
  // empty or all-whitespace/comment string (the caller sends EmptyQueryResponse).
  // Throws SqlError (42601 with PostgreSQL's message and 1-based position) on a
  // syntax error.
  std::vector<std::unique_ptr<ParsedStatement>> Parse(std::string_view query);

  // Executes one statement from Parse(). Throws SqlError; statement kinds not
  // yet supported throw 0A000 naming the statement.
  StatementResult Execute(const ParsedStatement& statement);

  // Sets a run-time parameter's session value and reset value (startup
  // packet options, server configuration such as TimeZone). Throws SqlError.
  void InitParameter(std::string_view name, const std::string& value);
  // The value of a run-time parameter as SHOW prints it. Throws SqlError.
  std::string ShowParameter(std::string_view name) const;
  // GUC_REPORT parameters (DateStyle, TimeZone, ...) whose value changed since
  // the last call: the server sends each as ParameterStatus before
  // ReadyForQuery, as PostgreSQL does.
  std::vector<std::pair<std::string, std::string>> TakeReportedParameterChanges();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strata::sql
