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
#include <functional>
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
  // With analyze: each node's SSTable work (ExplainEntry's buffer figures).
  bool buffers = false;
  // The database's catalog key scope, where ANALYZE's statistics are read.
  std::string statistics_scope;
};

// One plan node as printed.
struct ExplainEntry {
  std::string name;  // "Seq Scan on t", "Hash Join"
  std::vector<std::pair<std::string, std::string>> properties;  // label, text
  std::vector<std::unique_ptr<ExplainEntry>> children;
  // A child that is a subplan of its parent (PostgreSQL's initPlan list):
  // its heading, "InitPlan 1 (returns $0)", prints on a line of its own
  // above it, and the child two columns further right.
  std::string plan_label;
  // Estimates (COSTS) and, with ANALYZE, what happened.
  double startup_cost = 0, total_cost = 0;
  double rows = 0;
  int width = 0;
  // The planner set the figures above (scans it costed); otherwise EXPLAIN
  // derives them from the children (commands/explain.cpp).
  bool costed = false;
  // A Limit's OFFSET and count (-1: none), for its estimate.
  double limit_offset = 0, limit_count = -1;
  bool has_actual = false;
  double actual_first_ms = 0, actual_total_ms = 0;
  uint64_t actual_rows = 0;
  uint64_t loops = 0;
  // EXPLAIN (ANALYZE, BUFFERS): the storage work of the node and everything
  // below it (PostgreSQL's buffer usage is inclusive too). Block-cache hits
  // print as "shared hit", blocks read from SSTable files as "read"; the
  // SSTables consulted and the Bloom-filter skips, which PostgreSQL has no
  // word for, on an "LSM:" line of our own.
  bool has_buffers = false;
  uint64_t blocks_hit = 0, blocks_read = 0;
  uint64_t sstables = 0, bloom_skips = 0;
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
  // The labels returned by the last Describe that left `e` as LastNode():
  // how the columns of the node that made `e` print there (a Project's
  // expressions, computed ones marked, over the scan it lands on). Null if
  // none was recorded.
  const ExplainLabels* LabelsOf(const ExplainEntry* e) const;

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
  // The FROM row's labels as set (SetFromLabels' arguments).
  const ExplainLabels& QualifiedFromLabels() const { return from_qualified_; }
  const ExplainLabels& BareFromLabels() const { return from_bare_; }
  bool QualifiesFromLabels() const { return qualify_; }
  const ExplainLabels& ScanLabels() const {
    return options_.verbose ? from_qualified_ : from_bare_;
  }

  // The expression as PostgreSQL's deparser prints it, with column slots
  // named by `labels`.
  std::string Deparse(const BoundExpr& e, const ExplainLabels& labels) const;
  // A scan's qual as PostgreSQL lists it: the conjuncts of a top-level AND
  // that are `expression = constant` equalities go last, in their order
  // (the planner turns them into equivalence classes and adds them back
  // after the other restriction clauses).
  std::string DeparseScanQual(const BoundExpr& e, const ExplainLabels& labels) const;
  // The same for a qual given as its conjuncts.
  std::string DeparseScanQual(const std::vector<const BoundExpr*>& conjuncts,
                              const ExplainLabels& labels) const;

  // Computed-column marks (see the top of this file).
  static constexpr char kComputedMark = '\x01';
  static std::string Computed(std::string text) { return kComputedMark + std::move(text); }
  static bool IsComputed(const std::string& label) {
    return !label.empty() && label.front() == kComputedMark;
  }
  // How a node above prints a reference to the column.
  static std::string Ref(const std::string& label) {
    return IsComputed(label) ? "(" + label.substr(1) + ")" : label;
  }
  // How the node computing the column prints it.
  static std::string Bare(const std::string& label) {
    return IsComputed(label) ? label.substr(1) : label;
  }
  static ExplainLabels Refs(const ExplainLabels& labels);
  static ExplainLabels Bares(const ExplainLabels& labels);

  // VERBOSE only (a no-op otherwise): sets e's Output line to `texts`
  // (marks removed), replacing one set before.
  void SetOutput(ExplainEntry* e, const ExplainLabels& texts) const;
  // VERBOSE: a scan's entry, with the Output it has when nothing above
  // projects onto it (all its columns: PostgreSQL's physical target list).
  void NoteScan(ExplainEntry* e, const ExplainLabels& physical) {
    scan_physical_.emplace_back(e, physical);
  }
  // Gives a scan entry back its physical Output (PostgreSQL scans below an
  // aggregate whose keys are plain columns return all columns). False if
  // `e` is not a scan.
  bool RestorePhysicalOutput(ExplainEntry* e) const;
  // Whether scan entry `e` prints its physical Output (or none where that
  // is empty): nothing above projected onto it.
  bool ShowsPhysicalOutput(const ExplainEntry* e) const;
  // Whether PostgreSQL could put a projection on the node `e` (the entry of
  // a Sort, Limit, Unique, Append, Hash or ModifyTable cannot).
  static bool ProjectionCapable(const ExplainEntry& e);

  // VERBOSE joins. PostgreSQL's scans below a join return only the columns
  // needed above them, in the order the query first mentions them (its
  // select list, then the join conditions bottom up), and a join below
  // another returns its outer side's needed columns, then its inner's.
  // An outer side that is a scan returns all its columns.
  // A join notes itself here once its children are described (so lower
  // joins first); the projection that lands on the top join calls
  // ApplyJoinOutputs with the FROM-row slots its expressions use.
  struct JoinOutputs {
    ExplainEntry* join = nullptr;
    ExplainEntry* outer = nullptr;
    ExplainEntry* inner = nullptr;  // the inner side's top entry (below a Hash)
    ExplainEntry* hash = nullptr;   // Hash Join: the Hash between them
    size_t outer_begin = 0, outer_end = 0, inner_begin = 0, inner_end = 0;
    std::vector<int> qual_slots;  // FROM-row slots the join conditions use
  };
  void NoteJoin(JoinOutputs join) { joins_.push_back(std::move(join)); }
  bool IsJoin(const ExplainEntry* e) const;
  // `set_top`: the top join's Output becomes the needed columns too (an
  // aggregate above it; a projection sets its own).
  void ApplyJoinOutputs(const ExplainEntry* top, const std::vector<int>& needed,
                        bool set_top = false) const;
  // The FROM-row slots `e` refers to, in order of first mention.
  std::vector<int> ColumnSlots(const BoundExpr& e) const;

  // VERBOSE: an aggregate's entry and its number of group keys (its first
  // output columns). PostgreSQL's target list holds a GROUP BY key the
  // select list lacks as a resjunk entry after the others, so a projection
  // onto the aggregate lists it too (Project::Describe).
  void NoteGroupKeys(const ExplainEntry* e, size_t keys) { group_keys_.emplace_back(e, keys); }
  size_t GroupKeysOf(const ExplainEntry* e) const {
    for (const auto& [entry, keys] : group_keys_) {
      if (entry == e) return keys;
    }
    return 0;
  }

  // The schema name of a namespace (VERBOSE prints scans as schema.table).
  void SetSchemaNames(std::function<std::string(uint32_t)> fn) { schema_names_ = std::move(fn); }
  std::string SchemaName(uint32_t namespace_oid) const {
    return schema_names_ ? schema_names_(namespace_oid) : std::string();
  }

  // Numbers of the plan's subplans ("InitPlan 1") and of the parameters
  // they return ("$0"), in the order they are described.
  int TakePlanId() { return next_plan_id_++; }
  int TakeParamId() { return next_param_id_++; }
  // Moves every InitPlan (an entry with a plan_label) below the root up to
  // the root, first among its children in the order described: PostgreSQL
  // attaches a query level's InitPlans to its top plan node.
  void HoistInitPlans();

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
  std::vector<std::pair<ExplainEntry*, ExplainLabels>> scan_physical_;
  std::vector<JoinOutputs> joins_;
  std::vector<std::pair<const ExplainEntry*, ExplainLabels>> described_;
  std::vector<std::pair<const ExplainEntry*, size_t>> group_keys_;
  std::function<std::string(uint32_t)> schema_names_;
  int next_plan_id_ = 1;
  int next_param_id_ = 0;
};

// VERBOSE: copies the Output lines of `from` into `to`, entry by entry (two
// descriptions of one plan, `from` made with unqualified column names:
// PostgreSQL qualifies Output columns only when the query has more than one
// relation, but other expressions always under VERBOSE).
void CopyOutputLines(const ExplainEntry& from, ExplainEntry* to);

// Text of a millisecond figure as EXPLAIN ANALYZE prints it ("0.012").
std::string FormatExplainMs(double ms);

}  // namespace strata::sql
