// The thread-local pointer to the running statement's session's prepared
// statements (prepared_statement.h), set per statement by SqlSession.
#include "sql/prepared_statement.h"

namespace strata::sql {

namespace {
thread_local const PreparedStatementMap* current_prepared_statements = nullptr;
}  // namespace

const PreparedStatementMap* CurrentPreparedStatements() { return current_prepared_statements; }

ScopedPreparedStatements::ScopedPreparedStatements(const PreparedStatementMap* statements)
    : previous_(current_prepared_statements) {
  current_prepared_statements = statements;
}

ScopedPreparedStatements::~ScopedPreparedStatements() {
  current_prepared_statements = previous_;
}

}  // namespace strata::sql
