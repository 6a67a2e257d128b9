// CREATE DATABASE and DROP DATABASE (sql/ast/database_statements.h), with
// PostgreSQL 15's checks and messages (dbcommands.c). Both run outside a
// transaction block (the caller checks) in their own transaction, holding
// the catalog's ddl_mutex; a database's records are catalog records in its
// key scope (catalog/catalog_records.h), so both are one atomic commit.
//
// CREATE DATABASE copies its template only while the template holds nothing
// but initdb's schemas (any user object in it: 0A000); encodings other than
// UTF8 and locales other than the cluster's are 0A000 too.
#pragma once

#include "sql/ast/database_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteDatabaseStatement(CommandContext& ctx, const ast::DatabaseStatement& stmt);

}  // namespace strata::sql
