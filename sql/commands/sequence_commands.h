// Sequence statements (CREATE/ALTER/DROP SEQUENCE) and the sequences other
// statements create or drop with a table: serial columns and OWNED BY.
// Like table statements, each runs in the CommandContext's transaction under
// the catalog's ddl_mutex.
#pragma once

#include <optional>

#include "sql/ast/sequence_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteCreateSequence(CommandContext& ctx, const ast::CreateSequenceStatement& stmt);
StatementOutput ExecuteAlterSequence(CommandContext& ctx, const ast::AlterSequenceStatement& stmt);
StatementOutput ExecuteDropSequence(CommandContext& ctx, const ast::DropSequenceStatement& stmt);

// serial, serial4, bigserial, serial8, smallserial, serial2 written as a
// column type: the integer type it stands for; nullopt for any other type.
std::optional<Oid> SerialColumnType(const ast::TypeName& type);

// A serial or identity column `column` (attnum) of the table being created:
// creates its sequence "table_column_seq" OWNED BY the column, AS the
// column's type, with an identity column's sequence `options` (may be null),
// and returns the column's DEFAULT expression text (nextval of it).
std::string CreateSerialSequence(CommandContext& ctx, const catalog::NamespaceDesc& ns,
                                 const std::string& table, Oid table_oid, Oid type,
                                 const std::string& column, int16_t attnum,
                                 const ast::SequenceOptions* options = nullptr);

// DROP TABLE: the sequences OWNED BY the table's columns go with it.
void DropOwnedSequences(CommandContext& ctx, Oid table_oid);

}  // namespace strata::sql
