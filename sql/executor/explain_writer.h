// ExplainWriter: builds the plan tree EXPLAIN prints and renders it in
// PostgreSQL's text format (explain.c): the root node's line, its
// properties ("Filter: ..."), its children as "->  Name" lines indented six
// more columns, properties two columns right of their node's name.
//
// Nodes add themselves through PlanNode::Describe (plan_node.h): a node
// opens its entry with BeginNode, adds properties, describes its children
// with Describe(child) and closes with EndNode; a node PostgreSQL has no
// counterpart for (our Project, a WHERE Filter) adds nothing of its own and
// instead decorates the entry its child made (LastNode()). Describe returns
// how the node's output columns print, so the nodes above can deparse their
// expressions (Deparse) over them.
//
// Thread safety: one writer per EXPLAIN.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/expr/bound_expr.h"

namespace strata::sql {

class PlanNode;

struct ExplainOptions {
  bool analyze = false;
  bool verbose = false;
  bool costs = true;
  bool timing = true;  // only with analyze
  bool summary = false;  // defaults to analyze
  // The database's catalog key scope, where ANALYZE's statistics are read.
  std::string statistics_scope;
};

// One plan node as printed.
struct ExplainEntry {
  std::string name;  // "Seq Scan on t", "Hash Join"
  std::vector<std::pair<std::string, std::string>> properties;  // label, text
  std::vector<std::unique_ptr<ExplainEntry>> children;
  // Estimates (COSTS) and, with ANALYZE, what happened.
  double startup_cost = 0, total_cost = 0;
  double rows = 0;
  int width = 0;
  bool has_actual = false;
  double actual_first_ms = 0, actual_total_ms = 0;
  uint64_t actual_rows = 0;
  uint64_t loops = 0;
};

// Column labels of a node's output (or of the FROM row), by slot.
using ExplainLabels = std::vector<std::string>;

class ExplainWriter {
 public:
  explicit ExplainWriter(ExplainOptions options) : options_(options) {}
  const ExplainOptions& options() const { return options_; }

  void BeginNode(std::string name);
  void EndNode();
  void Property(std::string label, std::string text);
  // The entry most recently opened or closed (for decorators such as Filter).
  ExplainEntry* LastNode() { return last_; }
  // Describes `child` under the open entry (or as the root).
  ExplainLabels Describe(const PlanNode& child);

  // The FROM row's columns: qualified ("t.x") and bare ("x"). Scans and
  // joins of the FROM clause print expressions over these.
  void SetFromLabels(ExplainLabels qualified, ExplainLabels bare, bool qualify) {
    from_qualified_ = std::move(qualified);
    from_bare_ = std::move(bare);
    qualify_ = qualify;
  }
  // PostgreSQL qualifies column names outside scan quals when the query has
  // more than one range table entry (or with VERBOSE).
  const ExplainLabels& FromLabels() const {
    return qualify_ || options_.verbose ? from_qualified_ : from_bare_;
  }
  const ExplainLabels& ScanLabels() const {
    return options_.verbose ? from_qualified_ : from_bare_;
  }

  // The expression as PostgreSQL's deparser prints it, with column slots
  // named by `labels`.
  std::string Deparse(const BoundExpr& e, const ExplainLabels& labels) const;

  // The rendered lines (without psql's leading space).
  std::vector<std::string> Render() const;
  const ExplainEntry* root() const { return root_.get(); }
  std::unique_ptr<ExplainEntry> TakeRoot() { return std::move(root_); }
  void SetRoot(std::unique_ptr<ExplainEntry> root) { root_ = std::move(root); }

 private:
  void RenderEntry(const ExplainEntry& e, int indent, bool child,
                   std::vector<std::string>* out) const;

  ExplainOptions options_;
  std::unique_ptr<ExplainEntry> root_;
  std::vector<ExplainEntry*> open_;
  ExplainEntry* last_ = nullptr;
  ExplainLabels from_qualified_, from_bare_;
  bool qualify_ = false;
};

// Text of a millisecond figure as EXPLAIN ANALYZE prints it ("0.012").
std::string FormatExplainMs(double ms);

}  // namespace strata::sql
