// Index DDL: CREATE [UNIQUE] INDEX, DROP INDEX, ALTER INDEX ... RENAME TO,
// REINDEX INDEX/TABLE (ast::IndexStatement), and the index name lookups and
// PostgreSQL's generated index names other commands share.
#pragma once

#include <string>
#include <vector>

#include "sql/ast/index_statements.h"
#include "sql/ast/table_statements.h"
#include "sql/commands/command_context.h"
#include "sql/statement_output.h"

namespace strata::sql {

StatementOutput ExecuteIndexStatement(CommandContext& ctx, const ast::IndexStatement& stmt);

// PostgreSQL's ChooseRelationName(table, columns joined by "_", label) in
// `namespace_oid`: "t_a_b_idx", then "t_a_b_idx1", ... while the name is
// taken (or in `also_taken`); parts truncated to fit 63 bytes as
// makeObjectName does. `label` is "idx" for CREATE INDEX, "key" for UNIQUE
// constraints.
std::string ChooseIndexName(const CommandContext& ctx, catalog::Oid namespace_oid,
                            const std::string& table, const std::vector<std::string>& columns,
                            const std::string& label,
                            const std::vector<std::string>& also_taken = {});

// A UNIQUE constraint's index on `table` (CREATE TABLE, ALTER TABLE ADD
// CONSTRAINT): columns checked (42703 "column ... named in key does not
// exist"), name chosen ("t_a_key") unless given, OID and a new empty tree
// allocated. The caller appends it to the table (and builds it if the table
// has rows). `taken`: names the statement already used.
catalog::IndexDesc NewUniqueConstraintIndex(const CommandContext& ctx,
                                            const catalog::TableDesc& table,
                                            const ast::UniqueDef& def,
                                            const std::vector<std::string>& taken);

}  // namespace strata::sql
