// Notices raised by SQL-callable functions while a statement runs (for
// example pg_cancel_backend's WARNING "PID n is not a PostgreSQL backend
// process"): functions have no statement context, so SqlSession::Run
// installs a sink on its thread and adds what was raised to the statement's
// notices. Without a sink (unit tests) notices are dropped.
#pragma once

#include <vector>

#include "common/sql_error.h"

namespace strata::sql {

class ScopedFunctionNotices {
 public:
  explicit ScopedFunctionNotices(std::vector<SqlErrorFields>* sink);
  ~ScopedFunctionNotices();
  ScopedFunctionNotices(const ScopedFunctionNotices&) = delete;
  ScopedFunctionNotices& operator=(const ScopedFunctionNotices&) = delete;

 private:
  std::vector<SqlErrorFields>* previous_;
};

void EmitFunctionNotice(SqlErrorFields notice);

// The notices a statement raised before it failed (a PL/pgSQL RAISE NOTICE
// followed by an error): SqlSession::Run keeps them on its thread, and the
// server sends them ahead of the ErrorResponse, in the order PostgreSQL
// sent them. Taking them empties the list.
void KeepNoticesOfFailedStatement(std::vector<SqlErrorFields> notices);
std::vector<SqlErrorFields> TakeNoticesOfFailedStatement();

}  // namespace strata::sql
