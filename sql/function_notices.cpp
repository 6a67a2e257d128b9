// Notices raised by SQL-callable functions (see function_notices.h).
#include "sql/function_notices.h"

#include <utility>

namespace strata::sql {

namespace {
thread_local std::vector<SqlErrorFields>* current_sink = nullptr;
thread_local std::vector<SqlErrorFields> failed_statement_notices;
}  // namespace

void KeepNoticesOfFailedStatement(std::vector<SqlErrorFields> notices) {
  failed_statement_notices = std::move(notices);
}

std::vector<SqlErrorFields> TakeNoticesOfFailedStatement() {
  return std::exchange(failed_statement_notices, {});
}

ScopedFunctionNotices::ScopedFunctionNotices(std::vector<SqlErrorFields>* sink)
    : previous_(current_sink) {
  current_sink = sink;
}

ScopedFunctionNotices::~ScopedFunctionNotices() { current_sink = previous_; }

void EmitFunctionNotice(SqlErrorFields notice) {
  if (current_sink != nullptr) current_sink->push_back(std::move(notice));
}

}  // namespace strata::sql
