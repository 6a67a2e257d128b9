// EXPLAIN (PostgreSQL's ExplainQuery): the plan the statement would run,
// printed by ExplainWriter (executor/explain_writer.h) as one text column
// "QUERY PLAN". SELECT (incl. WITH and UNION ALL), VALUES, INSERT, UPDATE
// and DELETE are explained; other statements are 0A000.
//
// How a plan is captured: the statement runs through its usual path with
// CommandContext::explain set. RunSelectCore (and the UPDATE/DELETE paths)
// ask ExplainCapture::Wants(stmt) right before they would execute the plan
// they built; for the explained statement (not for subqueries planned on
// the way) they hand it to Capture() instead, which describes it -- and with
// ANALYZE first runs it with every node instrumented, discarding the rows.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sql/ast/explain_statement.h"
#include "sql/ast/statement.h"
#include "sql/binder/bind_scope.h"
#include "sql/commands/command_context.h"
#include "sql/executor/explain_writer.h"
#include "sql/executor/plan_node.h"
#include "sql/statement_output.h"

namespace strata::sql {

// VERBOSE details of an UPDATE or DELETE (ExplainCapture::CaptureModify).
struct ExplainModify {
  std::string schema;  // the target table's schema
  // UPDATE: the new values by target column slot (null: DEFAULT).
  std::vector<std::pair<size_t, const BoundExpr*>> assignments;
  bool returning = false;  // has RETURNING
  bool joined = false;     // UPDATE ... FROM / DELETE ... USING
};

class ExplainCapture {
 public:
  explicit ExplainCapture(ExplainOptions options) : options_(options) {}
  const ExplainOptions& options() const { return options_; }
  // VERBOSE: how schema names are found (by namespace OID).
  void SetSchemaNames(std::function<std::string(uint32_t)> fn) { schema_names_ = std::move(fn); }
  // Column names print qualified even in a one-relation plan (a UNION ALL
  // branch, INSERT's SELECT: PostgreSQL's range table holds more).
  void set_qualify_all(bool on) { qualify_all_ = on; }
  bool qualify_all() const { return qualify_all_; }
  // VERBOSE: the captured plan of the subquery in FROM named `alias`
  // (explain_subquery.h); the next Capture puts it in place of that
  // Subquery Scan.
  void AddSubqueryPlan(std::string alias, std::unique_ptr<ExplainEntry> plan) {
    subqueries_.emplace_back(std::move(alias), std::move(plan));
  }

  // Statements whose plans are captured (by address).
  void AddTarget(const void* stmt) { targets_[stmt] = nullptr; }
  bool Wants(const void* stmt) const {
    auto it = targets_.find(stmt);
    return it != targets_.end() && it->second == nullptr;
  }
  // Describes (with ANALYZE: runs, then describes) the plan built for
  // `stmt`, whose FROM row is named by `scope`.
  void Capture(const void* stmt, PlanNodePtr* plan, const BindScope& scope);
  // UPDATE/DELETE: "Update on t" over the scan of its target with WHERE.
  void CaptureModify(const void* stmt, const std::string& verb, const std::string& entry_name,
                     const BindScope& scope, const BoundExpr* where, int64_t rows,
                     const ExplainModify& modify);
  // The captured entry of `stmt` (null if none); the caller takes it.
  std::unique_ptr<ExplainEntry> Take(const void* stmt);

 private:
  ExplainOptions options_;
  std::function<std::string(uint32_t)> schema_names_;
  bool qualify_all_ = false;
  std::map<const void*, std::unique_ptr<ExplainEntry>> targets_;
  std::vector<std::pair<std::string, std::unique_ptr<ExplainEntry>>> subqueries_;
  // Replaces each "Subquery Scan" entry under `e` by its captured plan
  // (VERBOSE); 0A000 where PostgreSQL would keep the Subquery Scan.
  // `above`: the entries between the root and `e`.
  void SpliceSubqueries(const ExplainWriter& w, std::unique_ptr<ExplainEntry>* e,
                        std::vector<const ExplainEntry*>* above);
};

StatementOutput ExecuteExplain(CommandContext& ctx, const ast::ExplainStatement& stmt);

}  // namespace strata::sql
