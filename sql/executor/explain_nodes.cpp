// PlanNode::Describe for the executor's nodes (see explain_writer.h): each
// prints as the PostgreSQL node that does its job. Project and the WHERE /
// HAVING Filter have no entry of their own: Project is transparent and a
// Filter becomes the "Filter:" line of the node below it, as PostgreSQL
// attaches quals to the node that evaluates them. With VERBOSE a Project
// likewise becomes the Output line of the node below (PostgreSQL projects
// in that node); nodes PostgreSQL prints VERBOSE details for that we cannot
// show faithfully yet (windows, grouping sets, LATERAL, subqueries and CTEs
// in FROM, inheritance) answer 0A000 rather than print a partial plan.
#include <algorithm>
#include <cmath>
#include <set>

#include "catalog/table_statistics.h"

#include "sql/executor/explain_writer.h"
#include "sql/executor/node_function_scan.h"
#include "sql/executor/node_group_agg.h"
#include "sql/executor/node_grouping_sets.h"
#include "sql/executor/node_hash_join.h"
#include "sql/executor/node_index_nest_loop.h"
#include "sql/executor/node_index_scan.h"
#include "sql/executor/node_lateral_loop.h"
#include "sql/executor/node_limit_with_ties.h"
#include "sql/executor/node_merge_join.h"
#include "sql/executor/node_unique.h"
#include "sql/executor/node_window_agg.h"
#include "sql/executor/plan_node.h"
#include "sql/expr/text_quote.h"

namespace strata::sql {

namespace {

const char* AggName(AggKind kind) {
  switch (kind) {
    case AggKind::kCountStar:
    case AggKind::kCount: return "count";
    case AggKind::kSum: return "sum";
    case AggKind::kAvg: return "avg";
    case AggKind::kMin: return "min";
    case AggKind::kMax: return "max";
    case AggKind::kBoolAnd: return "bool_and";
    case AggKind::kBoolOr: return "bool_or";
    case AggKind::kStringAgg: return "string_agg";
    case AggKind::kArrayAgg: return "array_agg";
    case AggKind::kJsonAgg: return "json_agg";
    case AggKind::kJsonbAgg: return "jsonb_agg";
    case AggKind::kVarSamp: return "var_samp";
    case AggKind::kVarPop: return "var_pop";
    case AggKind::kStddevSamp: return "stddev_samp";
    case AggKind::kStddevPop: return "stddev_pop";
    case AggKind::kBitAnd: return "bit_and";
    case AggKind::kBitOr: return "bit_or";
    case AggKind::kBitXor: return "bit_xor";
    case AggKind::kRangeAgg: return "range_agg";
    case AggKind::kRangeIntersectAgg: return "range_intersect_agg";
  }
  return "?";
}

std::string DeparseAgg(const ExplainWriter& w, const AggregateCall& agg,
                       const ExplainLabels& in) {
  std::string out = AggName(agg.kind);
  out += "(";
  if (agg.kind == AggKind::kCountStar) {
    out += "*";
  } else {
    if (agg.distinct) out += "DISTINCT ";
    if (agg.arg) out += w.Deparse(*agg.arg, in);
    if (agg.arg2) out += ", " + w.Deparse(*agg.arg2, in);
    for (size_t i = 0; i < agg.order.size(); ++i) {
      out += i == 0 ? " ORDER BY " : ", ";
      out += w.Deparse(*agg.order[i].expr, in);
      if (agg.order[i].descending) out += " DESC";
    }
  }
  out += ")";
  if (agg.filter) out += " FILTER (WHERE " + w.Deparse(*agg.filter, in) + ")";
  return out;
}

// A sort key as show_sort_keys prints it: the reference to the sorted
// column (computed ones in parentheses, ExplainWriter::Ref), then DESC /
// NULLS FIRST|LAST when not the default.
std::string SortKeyText(const std::string& label, const KeyColumn& key) {
  std::string out = ExplainWriter::Ref(label);
  if (key.descending) out += " DESC";
  if (key.nulls_first != key.descending) out += key.nulls_first ? " NULLS FIRST" : " NULLS LAST";
  return out;
}

bool IsPlainLabel(const std::string& label) {
  return !label.empty() && label.front() != '(' && label.find(' ') == std::string::npos;
}

std::string JoinTypeSuffix(JoinType type) {
  switch (type) {
    case JoinType::kInner: return "";
    case JoinType::kLeft: return " Left Join";
    case JoinType::kRight: return " Right Join";
    case JoinType::kFull: return " Full Join";
  }
  return "";
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  return out;
}

// The quals as one expression text: one as is, several ANDed.
std::string QualText(const ExplainWriter& w, const std::vector<const BoundExpr*>& quals,
                     const ExplainLabels& labels) {
  if (quals.size() == 1) return w.Deparse(*quals[0], labels);
  std::string out = "(";
  for (size_t i = 0; i < quals.size(); ++i) {
    if (i > 0) out += " AND ";
    out += w.Deparse(*quals[i], labels);
  }
  return out + ")";
}

// The columns a scan returns (PostgreSQL's physical target list): the FROM
// row's named slots.
ExplainLabels PhysicalColumns(const ExplainLabels& labels) {
  ExplainLabels out;
  for (const std::string& l : labels) {
    if (!l.empty()) out.push_back(l);
  }
  return out;
}

// VERBOSE: a scan's Output is its columns unless a projection above
// replaces it (Project::Describe).
// An index-only scan's physical target list is the index's columns
// (`index_slots`, in index order), not the table's.
void ScanOutput(ExplainWriter& w, ExplainEntry* e, const std::vector<int>* index_slots = nullptr) {
  if (!w.options().verbose || e == nullptr) return;
  ExplainLabels physical;
  if (index_slots != nullptr && !index_slots->empty()) {
    const ExplainLabels& labels = w.FromLabels();
    for (int slot : *index_slots) {
      if (slot >= 0 && static_cast<size_t>(slot) < labels.size()) {
        physical.push_back(labels[static_cast<size_t>(slot)]);
      }
    }
  } else {
    physical = PhysicalColumns(w.FromLabels());
  }
  w.SetOutput(e, physical);
  w.NoteScan(e, physical);
}

// "Seq Scan on t x" as VERBOSE prints it: "Seq Scan on public.t x".
std::string SchemaQualified(const ExplainWriter& w, const std::string& name,
                            const std::string& verb, const catalog::TableDesc& table) {
  const std::string prefix = verb + " " + QuoteIdentText(table.name);
  const std::string schema = w.SchemaName(table.namespace_oid);
  if (!w.options().verbose || schema.empty() || name.rfind(prefix, 0) != 0) return name;
  return verb + " " + QuoteIdentText(schema) + "." + name.substr(verb.size() + 1);
}

// A constant, or a cast of one (which the planner folds into one).
bool IsConstant(const BoundExpr& e) {
  if (e.kind() == BoundExprKind::kConstant) return true;
  if (e.kind() == BoundExprKind::kCast) {
    return static_cast<const BoundCast&>(e).arg().kind() == BoundExprKind::kConstant;
  }
  return false;
}

void VerboseNotSupported(const ExplainWriter& w, const std::string& what) {
  if (w.options().verbose) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "EXPLAIN VERBOSE of " + what + " is not supported yet");
  }
}

}  // namespace

std::vector<std::string> PlanNode::Describe(ExplainWriter& w) const {
  const std::string& name = explain_name();
  // A Subquery Scan under VERBOSE: ExplainCapture puts the subquery's
  // captured plan in its place, or answers 0A000 (explain_subquery.h).
  if (name.rfind("CTE Scan", 0) == 0) VerboseNotSupported(w, "WITH queries");
  if (name.rfind("Function Scan", 0) == 0) VerboseNotSupported(w, "this function in FROM");
  w.BeginNode(name.empty() ? "Custom Scan" : name);
  ScanOutput(w, w.LastNode());
  w.EndNode();
  return w.FromLabels();
}

namespace {

// A table's row estimate and row width for a scan node: ANALYZE's reltuples,
// else PostgreSQL's guess for a table never analyzed (10 pages' worth);
// width: the columns' average widths.
void EstimateTableRows(txn::Transaction* txn, std::string_view scope,
                       const catalog::TableDesc& table, ExplainEntry* e) {
  double rows = -1;
  int width = 0;
  if (txn != nullptr) {
    auto stats = catalog::ReadTableStatistics(txn, scope, table.oid);
    if (stats.ok() && stats->has_value()) {
      rows = (*stats)->reltuples;
      for (const catalog::ColumnStatistics& c : (*stats)->columns) width += c.avg_width;
    }
  }
  if (width == 0) width = static_cast<int>(4 * table.columns.size());
  if (rows < 0) rows = std::max(1.0, 10.0 * 8192 / (width + 28));
  e->rows = rows;
  e->width = width;
}

}  // namespace

namespace {

// Index conditions as PostgreSQL prints them: in index-column order (the
// order the planner lists them), ANDed.
std::string IndexCondText(const ExplainWriter& w, const std::vector<const BoundExpr*>& conds) {
  if (conds.size() == 1) return w.Deparse(*conds[0], w.ScanLabels());
  std::string text = "(";
  for (size_t i = 0; i < conds.size(); ++i) {
    if (i > 0) text += " AND ";
    text += w.Deparse(*conds[i], w.ScanLabels());
  }
  return text + ")";
}

// "Index [Only] Scan [Backward] using ".
std::string IndexScanVerb(const ScanPlanInfo& info) {
  std::string verb = info.index_only ? "Index Only Scan " : "Index Scan ";
  if (info.backward) verb += "Backward ";
  return verb + "using ";
}

// The planner's figures and index conditions on a scan's entry.
void ShowPlanInfo(ExplainWriter& w, const ScanPlanInfo& info, const char* cond_label,
                  ExplainEntry* e) {
  if (!info.index_conds.empty()) {
    e->properties.emplace_back(cond_label, IndexCondText(w, info.index_conds));
  }
  if (info.costed && w.options().costs) {
    e->startup_cost = info.startup_cost;
    e->total_cost = info.total_cost;
    e->rows = info.rows;
    e->width = info.width;
    e->costed = true;
  }
}

}  // namespace

std::vector<std::string> SeqScan::Describe(ExplainWriter& w) const {
  std::string name = explain_name();
  const bool as_index = !plan_info_.index_name.empty();
  std::string verb = as_index ? IndexScanVerb(plan_info_) +
                                    QuoteIdentText(plan_info_.index_name) + " on"
                              : "Seq Scan on";
  if (as_index || name.empty()) {
    std::string alias;
    if (!name.empty()) {
      // "Seq Scan on t x": keep the alias.
      const std::string prefix = "Seq Scan on " + QuoteIdentText(codec_->table().name);
      if (name.rfind(prefix, 0) == 0) alias = name.substr(prefix.size());
    }
    name = verb + " " + QuoteIdentText(codec_->table().name) + alias;
  }
  w.BeginNode(SchemaQualified(w, name, verb, codec_->table()));
  ExplainEntry* e = w.LastNode();
  ScanOutput(w, e);
  if (w.options().costs && !plan_info_.costed) {
    EstimateTableRows(txn_, w.options().statistics_scope, codec_->table(), e);
    if (point_) e->rows = std::min(e->rows, 1.0);
  }
  ShowPlanInfo(w, plan_info_, "Index Cond", e);
  w.EndNode();
  return w.FromLabels();
}

std::vector<std::string> IndexScan::Describe(ExplainWriter& w) const {
  std::string table = QuoteIdentText(codec_->table().name);
  if (!alias_.empty() && alias_ != codec_->table().name) table += " " + QuoteIdentText(alias_);
  if (plan_info_.bitmap) {
    // PostgreSQL's pair: the heap scan rechecks, the index scan below finds.
    w.BeginNode(SchemaQualified(w, "Bitmap Heap Scan on " + table, "Bitmap Heap Scan on",
                                codec_->table()));
    ExplainEntry* heap = w.LastNode();
    ScanOutput(w, heap);
    ShowPlanInfo(w, plan_info_, "Recheck Cond", heap);
    w.BeginNode("Bitmap Index Scan on " + QuoteIdentText(index_name_));
    ExplainEntry* index = w.LastNode();
    if (!plan_info_.index_conds.empty()) {
      index->properties.emplace_back("Index Cond", IndexCondText(w, plan_info_.index_conds));
    }
    if (plan_info_.costed && w.options().costs) {
      index->total_cost = plan_info_.index_total_cost;
      index->rows = plan_info_.index_rows;
      index->costed = true;
    }
    w.EndNode();
    w.EndNode();
    return w.FromLabels();
  }
  std::string verb = IndexScanVerb(plan_info_) + QuoteIdentText(index_name_) + " on";
  w.BeginNode(SchemaQualified(w, verb + " " + table, verb, codec_->table()));
  ExplainEntry* e = w.LastNode();
  ScanOutput(w, e, plan_info_.index_only ? &index_only_slots_ : nullptr);
  if (w.options().costs && !plan_info_.costed) {
    // Not planned by cost (UPDATE / DELETE): PostgreSQL's default
    // selectivity of an equality or range condition (0.005) of the rows.
    EstimateTableRows(txn_, w.options().statistics_scope, codec_->table(), e);
    e->rows = std::max(1.0, std::round(e->rows * 0.005));
  }
  ShowPlanInfo(w, plan_info_, "Index Cond", e);
  w.EndNode();
  return w.FromLabels();
}

std::vector<std::string> Filter::Describe(ExplainWriter& w) const {
  ExplainLabels labels = w.Describe(*child_);
  ExplainEntry* below = w.LastNode();
  // A scan's quals print unqualified, any other node's as its columns print
  // (the node computing them: bare).
  const bool scan = below != nullptr && below->name.find(" Scan") != std::string::npos &&
                    below->name.rfind("Subquery Scan", 0) != 0;
  const std::string text = scan ? w.DeparseScanQual(*predicate_, w.ScanLabels())
                                : w.Deparse(*predicate_, ExplainWriter::Bares(labels));
  if (below != nullptr) below->properties.emplace_back("Filter", text);
  return labels;
}

std::vector<std::string> Project::Describe(ExplainWriter& w) const {
  // PostgreSQL puts the projection on the node below: its Output becomes
  // these expressions, evaluated there (so over its columns, bare).
  ExplainLabels in = w.Describe(*child_);
  ExplainEntry* below = w.LastNode();
  const ExplainLabels bare = ExplainWriter::Bares(in);
  ExplainLabels texts, out;
  bool identity = true;
  for (size_t i = 0; i < exprs_.size(); ++i) {
    const BoundExpr& e = *exprs_[i];
    texts.push_back(w.Deparse(e, bare));
    const int slot =
        e.kind() == BoundExprKind::kColumnRef ? static_cast<const BoundColumnRef&>(e).slot() : -1;
    if (slot >= 0 && static_cast<size_t>(slot) < in.size()) {
      out.push_back(in[static_cast<size_t>(slot)]);
    } else if (IsConstant(e)) {
      // Nodes above copy a constant rather than refer to it (setrefs.c's
      // set_dummy_tlist_references): no parentheses.
      out.push_back(texts.back());
    } else {
      out.push_back(ExplainWriter::Computed(texts.back()));
    }
    identity &= slot == static_cast<int>(i);
  }
  if (w.options().verbose && below != nullptr) {
    // GROUP BY keys the select list lacks: resjunk entries, listed last.
    const size_t group_keys = std::min(w.GroupKeysOf(below), in.size());
    for (size_t k = 0; k < group_keys; ++k) {
      const bool listed = std::any_of(exprs_.begin(), exprs_.end(), [k](const BoundExpr* e) {
        return e->kind() == BoundExprKind::kColumnRef &&
               static_cast<const BoundColumnRef*>(e)->slot() == static_cast<int>(k);
      });
      // (A key GROUP BY names twice is one entry.)
      if (listed || std::find(out.begin(), out.end(), in[k]) != out.end()) continue;
      texts.push_back(bare[k]);
      out.push_back(in[k]);
    }
    if (ExplainWriter::ProjectionCapable(*below)) {
      w.SetOutput(below, texts);
      if (w.IsJoin(below)) {
        std::vector<int> needed;
        for (const BoundExpr* e : exprs_) {
          for (int slot : w.ColumnSlots(*e)) {
            if (std::find(needed.begin(), needed.end(), slot) == needed.end()) {
              needed.push_back(slot);
            }
          }
        }
        w.ApplyJoinOutputs(below, needed);
      }
    } else if (!identity) {
      // PostgreSQL would add a Result node here; we have none to show.
      VerboseNotSupported(w, "this projection");
    }
  }
  return out;
}

std::vector<std::string> Sort::Describe(ExplainWriter& w) const {
  w.BeginNode(presorted_ > 0 ? "Incremental Sort" : "Sort");
  ExplainEntry* self = w.LastNode();
  const ExplainLabels raw = w.Describe(*child_);
  const ExplainLabels full = ExplainWriter::Refs(raw);
  std::vector<std::string> keys;
  for (const SortKey& k : keys_) {
    std::string label;
    if (k.expr != nullptr) {
      const std::string t = w.Deparse(*k.expr, raw);
      label = IsPlainLabel(t) ? t : "(" + t + ")";
    } else {
      const size_t column = static_cast<size_t>(k.column) + explain_offset_;
      label = column < full.size() ? full[column] : "?";
    }
    keys.push_back(SortKeyText(label, k.key));
  }
  self->properties.insert(self->properties.begin(), {"Sort Key", JoinList(keys)});
  if (presorted_ > 0) {
    const std::vector<std::string> presorted(keys.begin(),
                                             keys.begin() + static_cast<std::ptrdiff_t>(
                                                                std::min(presorted_, keys.size())));
    self->properties.insert(self->properties.begin() + 1, {"Presorted Key", JoinList(presorted)});
  }
  ExplainLabels in = full;
  if (w.options().verbose) {
    // A sort-only column equal to a kept one is the same target entry in
    // PostgreSQL (ORDER BY of a select-list expression): listed once, by
    // the input too.
    ExplainLabels kept, kept_raw;
    for (size_t i = 0; i < full.size(); ++i) {
      if (i >= keep_columns_ && std::find(kept.begin(), kept.end(), full[i]) != kept.end()) {
        continue;
      }
      kept.push_back(full[i]);
      kept_raw.push_back(raw[i]);
    }
    if (kept.size() < full.size()) {
      ExplainEntry* below = self->children.empty() ? nullptr : self->children.back().get();
      if (below != nullptr && ExplainWriter::ProjectionCapable(*below)) {
        w.SetOutput(below, kept_raw);  // SetOutput prints them bare
      }
      in = std::move(kept);
    }
  }
  // The sort-only columns are in PostgreSQL's Sort output too (resjunk);
  // ours drops them on the way out, but VERBOSE shows them as it does.
  w.SetOutput(self, in);
  w.EndNode();
  if (!w.options().verbose) in.resize(std::min(in.size(), keep_columns_));
  return in;
}

std::vector<std::string> Limit::Describe(ExplainWriter& w) const {
  w.BeginNode("Limit");
  ExplainEntry* self = w.LastNode();
  self->limit_offset = static_cast<double>(offset_);
  self->limit_count = static_cast<double>(count_);
  ExplainLabels in = ExplainWriter::Refs(w.Describe(*child_));
  w.SetOutput(self, in);
  w.EndNode();
  return in;
}

std::vector<std::string> LimitWithTies::Describe(ExplainWriter& w) const {
  w.BeginNode("Limit");
  ExplainEntry* self = w.LastNode();
  self->limit_offset = static_cast<double>(offset_);
  self->limit_count = static_cast<double>(count_);
  ExplainLabels in = ExplainWriter::Refs(w.Describe(*child_));
  w.SetOutput(self, in);
  w.EndNode();
  return in;
}

namespace {

// VERBOSE: a join's sides return their own columns (until the projection
// above the top join narrows them, ExplainWriter::ApplyJoinOutputs).
void NoteJoin(ExplainWriter& w, ExplainEntry* self, ExplainEntry* outer, ExplainEntry* inner,
              ExplainEntry* hash, size_t base, size_t outer_width, size_t inner_width,
              const std::vector<const BoundExpr*>& quals, const std::vector<HashJoinKey>& keys) {
  if (!w.options().verbose) return;
  ExplainWriter::JoinOutputs j;
  j.join = self;
  j.outer = outer;
  j.inner = inner;
  j.hash = hash;
  j.outer_begin = base;
  j.outer_end = j.inner_begin = base + outer_width;
  j.inner_end = j.inner_begin + inner_width;
  auto add = [&j](const std::vector<int>& slots) {
    for (int s : slots) {
      if (std::find(j.qual_slots.begin(), j.qual_slots.end(), s) == j.qual_slots.end()) {
        j.qual_slots.push_back(s);
      }
    }
  };
  for (const HashJoinKey& k : keys) {
    add(w.ColumnSlots(*k.outer));
    add(w.ColumnSlots(*k.inner));
  }
  for (const BoundExpr* q : quals) add(w.ColumnSlots(*q));
  const ExplainLabels& labels = w.FromLabels();
  auto range = [&labels](size_t begin, size_t end) {
    ExplainLabels out;
    for (size_t i = begin; i < end && i < labels.size(); ++i) {
      if (!labels[i].empty()) out.push_back(labels[i]);
    }
    return out;
  };
  if (!w.IsJoin(outer)) w.SetOutput(outer, range(j.outer_begin, j.outer_end));
  if (!w.IsJoin(inner)) w.SetOutput(inner, range(j.inner_begin, j.inner_end));
  if (hash != nullptr) w.SetOutput(hash, range(j.inner_begin, j.inner_end));
  w.SetOutput(self, range(j.outer_begin, j.inner_end));
  w.NoteJoin(std::move(j));
}

}  // namespace

std::vector<std::string> NestLoop::Describe(ExplainWriter& w) const {
  w.BeginNode("Nested Loop" + JoinTypeSuffix(type_));
  ExplainEntry* self = w.LastNode();
  w.Describe(*outer_);
  ExplainEntry* outer = w.LastNode();
  w.Describe(*inner_);
  ExplainEntry* inner = w.LastNode();
  if (!quals_.empty()) {
    self->properties.insert(self->properties.begin(),
                            {"Join Filter", QualText(w, quals_, w.FromLabels())});
  }
  NoteJoin(w, self, outer, inner, nullptr, slot_base_, outer_width_, inner_width_, quals_, {});
  w.EndNode();
  return w.FromLabels();
}

std::vector<std::string> IndexNestLoop::Describe(ExplainWriter& w) const {
  VerboseNotSupported(w, "a nested loop with an inner index scan");
  w.BeginNode("Nested Loop" + JoinTypeSuffix(type_));
  w.Describe(*outer_);
  w.Describe(*inner_);
  ExplainEntry* inner = w.LastNode();
  // The inner scan's Index Cond: its column = the outer value, as
  // PostgreSQL prints a parameterized index qual.
  std::string cond;
  for (const KeyPart& k : keys_) {
    if (!cond.empty()) cond += " AND ";
    cond += "(" + w.Deparse(*k.inner_column, w.ScanLabels()) + " = " +
            w.Deparse(*k.outer, w.FromLabels()) + ")";
  }
  if (keys_.size() > 1) cond = "(" + cond + ")";
  if (inner->name.rfind("Bitmap Heap Scan", 0) == 0 && !inner->children.empty()) {
    inner->properties.insert(inner->properties.begin(), {"Recheck Cond", cond});
    ExplainEntry& index = *inner->children.front();
    index.properties.insert(index.properties.begin(), {"Index Cond", cond});
  } else {
    inner->properties.insert(inner->properties.begin(), {"Index Cond", cond});
  }
  // The other quals are the Join Filter.
  std::vector<const BoundExpr*> rest, pending(quals_.rbegin(), quals_.rend());
  while (!pending.empty()) {
    const BoundExpr* q = pending.back();
    pending.pop_back();
    if (q->kind() == BoundExprKind::kBoolOp &&
        static_cast<const BoundBoolOp*>(q)->op() == BoundBoolOp::Op::kAnd) {
      const auto& args = static_cast<const BoundBoolOp*>(q)->args();
      for (auto it = args.rbegin(); it != args.rend(); ++it) pending.push_back(it->get());
      continue;
    }
    bool key = false;
    for (const KeyPart& k : keys_) key = key || k.qual == q;
    if (!key) rest.push_back(q);
  }
  if (!rest.empty()) {
    // Evaluated with each inner row: PostgreSQL shows them as the inner
    // scan's Filter, its own columns bare and the outer row's qualified.
    ExplainLabels labels = w.FromLabels();
    const ExplainLabels& bare = w.ScanLabels();
    for (size_t s = slot_base_ + outer_width_;
         s < slot_base_ + outer_width_ + inner_width_ && s < labels.size() && s < bare.size(); ++s) {
      labels[s] = bare[s];
    }
    ExplainEntry* scan = inner;
    auto filter = std::find_if(scan->properties.begin(), scan->properties.end(),
                               [](const auto& p) { return p.first == "Filter"; });
    if (filter == scan->properties.end()) {
      scan->properties.emplace_back("Filter", QualText(w, rest, labels));
    } else {
      std::string text = filter->second;
      if (text.front() == '(' && text.back() == ')') text = text.substr(1, text.size() - 2);
      std::string more = QualText(w, rest, labels);
      if (rest.size() > 1) more = more.substr(1, more.size() - 2);
      filter->second = "(" + text + " AND " + more + ")";
    }
  }
  w.EndNode();
  return w.FromLabels();
}

namespace {

// A hash or merge join's key condition (`label`: its equalities as
// outer = inner) and Join Filter (the conjuncts of `quals` that are not
// key equalities).
void KeyedJoinProperties(ExplainWriter& w, const std::string& label,
                         const std::vector<HashJoinKey>& keys,
                         const std::vector<const BoundExpr*>& quals, const ExplainLabels& labels) {
  std::vector<std::string> conds;
  std::set<const BoundExpr*> key_args;
  for (const HashJoinKey& k : keys) {
    conds.push_back("(" + w.Deparse(*k.outer, labels) + " = " + w.Deparse(*k.inner, labels) +
                    ")");
    key_args.insert(k.outer);
    key_args.insert(k.inner);
  }
  std::string cond = conds.size() == 1 ? conds[0] : "(";
  for (size_t i = 0; conds.size() > 1 && i < conds.size(); ++i) {
    cond += (i > 0 ? " AND " : "") + conds[i];
  }
  if (conds.size() > 1) cond += ")";
  w.Property(label, cond);
  std::vector<const BoundExpr*> rest;
  std::vector<const BoundExpr*> pending(quals.begin(), quals.end());
  while (!pending.empty()) {
    const BoundExpr* q = pending.back();
    pending.pop_back();
    if (q->kind() == BoundExprKind::kBoolOp &&
        static_cast<const BoundBoolOp*>(q)->op() == BoundBoolOp::Op::kAnd) {
      const auto& args = static_cast<const BoundBoolOp*>(q)->args();
      for (auto it = args.rbegin(); it != args.rend(); ++it) pending.push_back(it->get());
      continue;
    }
    if (q->kind() == BoundExprKind::kFunctionCall) {
      const auto& args = static_cast<const BoundFunctionCall*>(q)->args();
      if (args.size() == 2 && key_args.count(args[0].get()) > 0 &&
          key_args.count(args[1].get()) > 0) {
        continue;
      }
    }
    rest.push_back(q);
  }
  if (!rest.empty()) w.Property("Join Filter", QualText(w, rest, labels));
}

}  // namespace

std::vector<std::string> HashJoin::Describe(ExplainWriter& w) const {
  w.BeginNode("Hash" + std::string(type_ == JoinType::kInner ? " Join" : "") +
              JoinTypeSuffix(type_));
  const ExplainLabels& labels = w.FromLabels();
  // Hash Cond: the hashed equalities as outer = inner; Join Filter: the rest.
  KeyedJoinProperties(w, "Hash Cond", keys_, quals_, labels);
  ExplainEntry* self = w.LastNode();
  w.Describe(*outer_);
  ExplainEntry* outer = w.LastNode();
  w.BeginNode("Hash");
  ExplainEntry* hash = w.LastNode();
  w.Describe(*inner_);
  ExplainEntry* inner = w.LastNode();
  w.EndNode();
  NoteJoin(w, self, outer, inner, hash, slot_base_, outer_width_, inner_width_, quals_, keys_);
  w.EndNode();
  return labels;
}

std::vector<std::string> MergeJoin::Describe(ExplainWriter& w) const {
  w.BeginNode("Merge Join");
  const ExplainLabels& labels = w.FromLabels();
  // Merge Cond: the merge clauses as outer = inner; Join Filter: the rest.
  KeyedJoinProperties(w, "Merge Cond", keys_, quals_, labels);
  ExplainEntry* self = w.LastNode();
  w.Describe(*outer_);
  ExplainEntry* outer = w.LastNode();
  w.Describe(*inner_);
  ExplainEntry* inner = w.LastNode();
  NoteJoin(w, self, outer, inner, nullptr, slot_base_, outer_width_, inner_width_, quals_, keys_);
  w.EndNode();
  return labels;
}

std::vector<std::string> DescribeAggregate(ExplainWriter& w, const std::string& name,
                                           const PlanNode& child,
                                           const std::vector<BoundExprPtr>& keys,
                                           const std::vector<AggregateCall>& aggs) {
  w.BeginNode(name);
  ExplainEntry* self = w.LastNode();
  ExplainLabels in = w.Describe(child);
  ExplainEntry* below = w.LastNode();
  // Output (until a projection replaces it): the keys, then the aggregates.
  // Group Key: the keys as the input computes them (show_agg_keys).
  ExplainLabels out, texts;
  std::vector<std::string> key_texts;
  bool plain_keys = true;
  for (const BoundExprPtr& k : keys) {
    // A key GROUP BY names twice is grouped on once (transformGroupClause).
    const std::string key_text = w.Deparse(*k, ExplainWriter::Bares(in));
    if (std::find(key_texts.begin(), key_texts.end(), key_text) == key_texts.end()) {
      key_texts.push_back(key_text);
    }
    texts.push_back(w.Deparse(*k, in));
    const int slot =
        k->kind() == BoundExprKind::kColumnRef ? static_cast<const BoundColumnRef&>(*k).slot() : -1;
    if (slot >= 0 && static_cast<size_t>(slot) < in.size()) {
      out.push_back(in[static_cast<size_t>(slot)]);
    } else {
      out.push_back(ExplainWriter::Computed(texts.back()));
    }
    plain_keys &= slot >= 0 && !ExplainWriter::IsComputed(out.back());
  }
  if (!key_texts.empty()) {
    self->properties.insert(self->properties.begin(), {"Group Key", JoinList(key_texts)});
  }
  for (const AggregateCall& a : aggs) {
    texts.push_back(DeparseAgg(w, a, in));
    out.push_back(ExplainWriter::Computed(texts.back()));
  }
  w.SetOutput(self, texts);
  w.NoteGroupKeys(self, keys.size());
  // Below an aggregate over plain columns PostgreSQL's scan returns all its
  // columns rather than projecting.
  if (plain_keys && below != self) w.RestorePhysicalOutput(below);
  // A join below returns what the keys and aggregates use.
  if (w.options().verbose && below != self && w.IsJoin(below)) {
    std::vector<int> needed;
    auto add = [&](const BoundExpr* e) {
      if (e == nullptr) return;
      for (int slot : w.ColumnSlots(*e)) {
        if (std::find(needed.begin(), needed.end(), slot) == needed.end()) needed.push_back(slot);
      }
    };
    for (const BoundExprPtr& k : keys) add(k.get());
    for (const AggregateCall& a : aggs) {
      add(a.arg.get());
      add(a.arg2.get());
      add(a.filter.get());
      for (const auto& o : a.order) add(o.expr.get());
    }
    w.ApplyJoinOutputs(below, needed, true);
  }
  w.EndNode();
  return out;
}

std::vector<std::string> HashAgg::Describe(ExplainWriter& w) const {
  return DescribeAggregate(w, keys_->empty() ? "Aggregate" : "HashAggregate", *child_, *keys_,
                           *aggs_);
}

std::vector<std::string> GroupingSetsAgg::Describe(ExplainWriter& w) const {
  VerboseNotSupported(w, "grouping sets");
  w.BeginNode("MixedAggregate");
  ExplainLabels in = w.Describe(*child_);
  ExplainLabels out;
  for (const BoundExprPtr& k : grouping_->keys) out.push_back(w.Deparse(*k, in));
  for (const AggregateCall& a : grouping_->aggs) out.push_back(DeparseAgg(w, a, in));
  w.EndNode();
  return out;
}

std::vector<std::string> HashDistinct::Describe(ExplainWriter& w) const {
  w.BeginNode("HashAggregate");
  ExplainEntry* self = w.LastNode();
  ExplainLabels in = w.Describe(*child_);
  ExplainEntry* below = w.LastNode();
  // Group Key: the columns as the input computes them (show_agg_keys).
  std::vector<std::string> keys;
  bool plain_keys = true;
  for (size_t i = 0; i < std::min(in.size(), columns_.size()); ++i) {
    keys.push_back(ExplainWriter::Bare(in[i]));
    plain_keys &= !ExplainWriter::IsComputed(in[i]);
    // The same column twice among the keys: PostgreSQL's scan cannot label
    // one physical column as both, so it projects (use_physical_tlist).
    plain_keys &= std::find(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(i), in[i]) ==
                  in.begin() + static_cast<std::ptrdiff_t>(i);
  }
  self->properties.insert(self->properties.begin(), {"Group Key", JoinList(keys)});
  in = ExplainWriter::Refs(in);
  w.SetOutput(self, in);
  if (plain_keys && below != self) w.RestorePhysicalOutput(below);
  w.EndNode();
  return in;
}

std::vector<std::string> Unique::Describe(ExplainWriter& w) const {
  w.BeginNode("Unique");
  ExplainEntry* self = w.LastNode();
  ExplainLabels in = ExplainWriter::Refs(w.Describe(*child_));
  w.SetOutput(self, in);
  w.EndNode();
  return in;
}

std::vector<std::string> WindowAgg::Describe(ExplainWriter& w) const {
  // One node per window; the planner put the Sort (if any) below it.
  VerboseNotSupported(w, "window functions");
  w.BeginNode("WindowAgg");
  ExplainLabels in = w.Describe(*child_);
  w.EndNode();
  // The input's columns, then every call's slot (this window's and the
  // others', which are filled above or below it), as PostgreSQL prints a
  // window function without VERBOSE: `rank() OVER (?)`.
  in.resize(static_cast<size_t>(base_));
  const ExplainLabels input = in;
  for (const WindowCall& call : *calls_) {
    std::string text;
    switch (call.kind) {
      case WindowFuncKind::kAggregate: text = DeparseAgg(w, call.agg, input); break;
      case WindowFuncKind::kRowNumber: text = "row_number("; break;
      case WindowFuncKind::kRank: text = "rank("; break;
      case WindowFuncKind::kDenseRank: text = "dense_rank("; break;
      case WindowFuncKind::kPercentRank: text = "percent_rank("; break;
      case WindowFuncKind::kCumeDist: text = "cume_dist("; break;
      case WindowFuncKind::kNtile: text = "ntile("; break;
      case WindowFuncKind::kLag: text = "lag("; break;
      case WindowFuncKind::kLead: text = "lead("; break;
      case WindowFuncKind::kFirstValue: text = "first_value("; break;
      case WindowFuncKind::kLastValue: text = "last_value("; break;
      case WindowFuncKind::kNthValue: text = "nth_value("; break;
    }
    if (call.kind != WindowFuncKind::kAggregate) {
      for (size_t i = 0; i < call.args.size(); ++i) {
        text += (i == 0 ? "" : ", ") + w.Deparse(*call.args[i], input);
      }
      text += ")";
    }
    if (call.filter) text += " FILTER (WHERE " + w.Deparse(*call.filter, input) + ")";
    in.push_back(ExplainWriter::Computed(text + " OVER (?)"));
  }
  return in;
}

std::vector<std::string> LateralLoop::Describe(ExplainWriter& w) const {
  VerboseNotSupported(w, "LATERAL");
  w.BeginNode(left_join_ ? "Nested Loop Left Join" : "Nested Loop");
  w.Describe(*outer_);
  w.BeginNode("Subquery Scan");
  w.EndNode();
  w.EndNode();
  return w.FromLabels();
}

std::vector<std::string> FunctionScan::Describe(ExplainWriter& w) const {
  std::string name = explain_name().empty() ? "Function Scan" : explain_name();
  // Functions here are built in: VERBOSE names them in pg_catalog.
  const std::string verb = "Function Scan on ";
  if (w.options().verbose && name.rfind(verb, 0) == 0) {
    name = verb + "pg_catalog." + name.substr(verb.size());
  }
  w.BeginNode(std::move(name));
  ExplainEntry* e = w.LastNode();
  ScanOutput(w, e);
  if (w.options().verbose && call_ != nullptr) {
    w.Property("Function Call", w.Deparse(*call_, w.ScanLabels()));
  }
  w.EndNode();
  return w.FromLabels();
}

}  // namespace strata::sql
