// Helpers for SQL-layer tests: run one statement through SqlSession and look
// at its result or its error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "common/sqlstate.h"
#include "sql/sql_session.h"

namespace strata::sql::testing {

// Parses and executes `query`, which must hold exactly one statement.
inline StatementResult Run(const std::string& query) {
  SqlSession session;
  auto statements = session.Parse(query);
  if (statements.size() != 1) {
    throw std::runtime_error("expected one statement in: " + query);
  }
  return session.Execute(*statements[0]);
}

// The single value of a one-row, one-column result ("<NULL>" for NULL).
inline std::string Scalar(const std::string& query) {
  StatementResult r = Run(query);
  if (r.rows.size() != 1 || r.rows[0].size() != 1) {
    throw std::runtime_error("expected a single value from: " + query);
  }
  return r.rows[0][0] ? *r.rows[0][0] : "<NULL>";
}

// The first row of a result, NULLs as "<NULL>".
inline std::vector<std::string> FirstRow(const std::string& query) {
  StatementResult r = Run(query);
  std::vector<std::string> out;
  for (const auto& v : r.rows.at(0)) out.push_back(v ? *v : "<NULL>");
  return out;
}

struct ErrorInfo {
  std::string code;  // SQLSTATE
  std::string message;
  int position = 0;
  std::string hint;
  std::string detail;
};

// Runs `query` (parse and execute every statement) and returns the error it
// raised; throws if it succeeded.
inline ErrorInfo Error(const std::string& query) {
  SqlSession session;
  try {
    for (auto& statement : session.Parse(query)) session.Execute(*statement);
  } catch (const SqlError& e) {
    const auto& f = e.fields();
    return {std::string(SqlStateCode(f.sqlstate)), f.message, f.position, f.hint, f.detail};
  }
  throw std::runtime_error("expected an error from: " + query);
}

}  // namespace strata::sql::testing
