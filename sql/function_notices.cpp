// Notices raised by SQL-callable functions (see function_notices.h).
#include "sql/function_notices.h"

#include <utility>

namespace strata::sql {

namespace {
thread_local std::vector<SqlErrorFields>* current_sink = nullptr;
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
