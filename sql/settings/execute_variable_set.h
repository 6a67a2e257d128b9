// Execution of SET / RESET / SHOW against a session's SessionSettings, with
// PostgreSQL's argument flattening (flatten_set_variable_args), command tags
// and SHOW's result shape (one text column named after the parameter).
#pragma once

#include "sql/ast/statement.h"
#include "sql/settings/session_settings.h"
#include "sql/sql_session.h"

namespace strata::sql {

// `in_block`: inside a transaction block (SET LOCAL warns outside one).
StatementResult ExecuteVariableSet(SessionSettings& settings,
                                   const ast::VariableSetStatement& stmt, bool in_block);
// SET's argument list as one value (flatten_set_variable_args), for
// parameter `stmt.name`: what SET applies and ALTER ROLE ... SET stores.
std::string FlattenSetArguments(const SessionSettings& settings,
                                const ast::VariableSetStatement& stmt);

StatementResult ExecuteVariableShow(const SessionSettings& settings,
                                    const ast::VariableShowStatement& stmt);

}  // namespace strata::sql
