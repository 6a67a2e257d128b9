// CommandContext: what a table statement runs with — the database, its one
// transaction, the catalog snapshot it resolves names in, the query text (for
// error positions), its $n parameters and where its NOTICEs go. Plus name
// resolution shared by every table statement (search_path is "$user",
// public; no role schemas exist yet, so unqualified names resolve in public).
#pragma once

#include <memory>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "common/sql_error.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/database.h"
#include "sql/sql_session.h"
#include "txn/transaction.h"

namespace strata::sql {

struct CteFrame;  // cte_scope.h
class ExplainCapture;  // explain.h

struct CommandContext {
  Database* db = nullptr;
  txn::Transaction* txn = nullptr;
  std::shared_ptr<const catalog::CatalogSnapshot> catalog;
  std::string_view query;
  std::vector<SqlErrorFields>* notices = nullptr;
  // The types of $1..$n, shared by every Binder the statement creates (so
  // that, when a statement is prepared, a type inferred in one clause holds
  // in the others): kFixed when running, kVariable when analyzing. May be
  // null (no parameters: any $n is 42P02).
  ParameterTypes* params = nullptr;
  // The values of $1..$n when running (null: none).
  const std::vector<Value>* param_values = nullptr;
  // Parse analysis only (Parse message, PREPARE): the statement binds
  // everything -- names, types, parameters, result columns -- against
  // `catalog` and returns before reading or writing any row. `txn` is null.
  bool analyze_only = false;
  // Whether the statement runner re-runs the statement (with a fresh catalog
  // and, where the isolation level allows, snapshot) when a relation lock
  // had to wait (relation_locks.h). False: the statement goes on.
  bool rerun_after_lock_wait = false;
  // The WITH lists in scope, innermost first (cte_scope.h); RunQuery pushes
  // a statement's own. Null: none.
  const CteFrame* ctes = nullptr;
  // Inside a subquery used as an expression: resolves the columns of the
  // enclosing queries (binder/sublink.h); null at the top level.
  OuterResolver* outer = nullptr;
  // EXPLAIN: plans of the statements it targets are described, not run
  // (explain.h); null otherwise.
  ExplainCapture* explain = nullptr;

  // A Binder over the query text with the statement's parameters, the
  // enclosing queries' columns and subqueries (subquery_runner.cpp).
  Binder MakeBinder() const;
  // An evaluation context that sees the parameter values.
  EvalContext MakeEval() const { return EvalContext(param_values); }

  // 1-based character position of byte `location` (0 if unknown).
  int Position(int location) const;
  void Notice(SqlState state, std::string message,
              const std::source_location& where = std::source_location::current()) const;
};

// The schema an unqualified name resolves to or a new object is created in.
// Throws 3F000 `schema "x" does not exist` for a missing explicit schema.
const catalog::NamespaceDesc& ResolveSchema(const CommandContext& ctx, const std::string& schema,
                                           int location = -1);

// The schema a RangeVar's relation is in: the one it names, or for an
// unqualified name the first schema on the search path holding a relation
// of that name. nullptr if none.
const catalog::NamespaceDesc* RelationSchema(const CommandContext& ctx, const ast::RangeVar& rv);

// The table a RangeVar names, or nullptr.
const catalog::TableDesc* FindTable(const CommandContext& ctx, const ast::RangeVar& rv);
// The view a RangeVar names, or nullptr.
const catalog::ViewDesc* FindView(const CommandContext& ctx, const ast::RangeVar& rv);
// The table a RangeVar names; 42P01 `relation "x" does not exist` at its position.
// A view there is 0A000 (the statement cannot read or change views yet).
// A system relation (pg_class) is PostgreSQL's error for writing it; DML
// passes its `write_verb` ("insert into", "update", "delete from").
const catalog::TableDesc& LookupTable(const CommandContext& ctx, const ast::RangeVar& rv,
                                      const char* write_verb = nullptr);

// Turns a non-OK Status from txn/storage into an SqlError (XX000 / 53100 /
// XX001), once, at the txn -> sql boundary.
[[noreturn]] void ThrowStatus(const Status& status);

}  // namespace strata::sql
