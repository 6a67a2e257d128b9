// CREATE [OR REPLACE] TRIGGER, DROP TRIGGER and ALTER TRIGGER ... RENAME TO
// (sql/ast/trigger_statements.h), with PostgreSQL 15's checks and errors.
// Triggers live in their table's catalog record (catalog/trigger_desc.h);
// table_triggers.h fires them.
#pragma once

#include "sql/ast/trigger_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteTriggerStatement(CommandContext& ctx, const ast::TriggerStatement& stmt);

// The type OID of `trigger`, a function's result type for trigger functions.
inline constexpr catalog::Oid kTriggerTypeOid = 2279;

}  // namespace strata::sql
