// LANGUAGE plpgsql functions and DO blocks: validation at CREATE time and the
// interpreter that runs a body (PostgreSQL's pl_exec.c, for the subset of
// PL/pgSQL listed in plpgsql_function.cpp; other constructs are 0A000).
//
// Execution model: the body's tree (parsed once per call site) is walked
// statement by statement. Variables live in a per-call array indexed by
// datum number. Every embedded SQL expression or statement runs as a table
// statement of its own, as a LANGUAGE sql body does (user_function_call.h):
// the variables in scope are its parameters, by name (function_params.h) --
// a record variable r's fields as "r.f" -- and the function's inputs are
// also $1..$n. Errors get PostgreSQL's CONTEXT lines ("PL/pgSQL function
// f(integer) line 3 at RAISE", "SQL statement \"...\"").
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/ast/plpgsql_tree.h"
#include "sql/commands/command_context.h"
#include "sql/executor/execute_select.h"  // Row

namespace strata::sql {

// Parses `fn`'s body (a CREATE FUNCTION statement is rebuilt around it for
// libpg_query's PL/pgSQL grammar) and checks its declarations' types.
// Throws the syntax error or 0A000 of an unsupported construct.
std::shared_ptr<const ast::plpgsql::Function> CompilePlpgsqlFunction(
    const CommandContext& ctx, const catalog::FunctionDesc& fn);

// Runs `fn` (LANGUAGE plpgsql) with input values `args` (its IN / INOUT /
// VARIADIC parameters in order). The result: no rows for void; one row for
// a scalar function (its result, or the OUT parameters); every RETURN NEXT /
// RETURN QUERY row for SETOF. *tree caches the parsed body across calls.
std::vector<Row> RunPlpgsqlFunction(const CommandContext& ctx, const catalog::FunctionDesc& fn,
                                    std::shared_ptr<const ast::plpgsql::Function>* tree,
                                    std::vector<Value> args);

// One firing of a trigger, as its function sees it (PostgreSQL's
// TriggerData): the TG_ variables, NEW and OLD.
struct TriggerInvocation {
  std::string name;   // TG_NAME
  std::string when;   // TG_WHEN: BEFORE, AFTER or INSTEAD OF
  std::string level;  // TG_LEVEL: ROW or STATEMENT
  std::string op;     // TG_OP: INSERT, UPDATE, DELETE or TRUNCATE
  catalog::Oid relid = 0;
  std::string table_name;
  std::string table_schema;
  std::vector<std::string> args;  // TG_ARGV
  // The table's live columns in attnum order: the fields of NEW and OLD.
  std::vector<std::string> column_names;
  std::vector<DataType> column_types;
  std::optional<Row> old_row;  // per column; absent: OLD is NULL
  std::optional<Row> new_row;
};

// Runs trigger function `fn` (LANGUAGE plpgsql, RETURNS trigger) for one
// firing. Returns the row its RETURN gave, per column of `tg`; nullopt for
// NULL (a BEFORE ROW trigger's "skip this row").
std::optional<Row> RunPlpgsqlTrigger(const CommandContext& ctx, const catalog::FunctionDesc& fn,
                                     std::shared_ptr<const ast::plpgsql::Function>* tree,
                                     const TriggerInvocation& tg);

// DO [LANGUAGE plpgsql] 'body'.
void RunPlpgsqlDoBlock(const CommandContext& ctx, const std::string& body);

}  // namespace strata::sql
