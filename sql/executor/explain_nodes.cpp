// PlanNode::Describe for the executor's nodes (see explain_writer.h): each
// prints as the PostgreSQL node that does its job. Project and the WHERE /
// HAVING Filter have no entry of their own: Project is transparent and a
// Filter becomes the "Filter:" line of the node below it, as PostgreSQL
// attaches quals to the node that evaluates them.
#include <algorithm>
#include <cmath>
#include <set>

#include "catalog/table_statistics.h"

#include "sql/executor/explain_writer.h"
#include "sql/executor/node_function_scan.h"
#include "sql/executor/node_grouping_sets.h"
#include "sql/executor/node_hash_join.h"
#include "sql/executor/node_index_scan.h"
#include "sql/executor/node_lateral_loop.h"
#include "sql/executor/node_limit_with_ties.h"
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

// A sort key as show_sort_keys prints it: expressions other than a plain
// column in parentheses, then DESC / NULLS FIRST|LAST when not the default.
std::string SortKeyText(const std::string& expr, bool plain, const KeyColumn& key) {
  std::string out = plain ? expr : "(" + expr + ")";
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

}  // namespace

std::vector<std::string> PlanNode::Describe(ExplainWriter& w) const {
  w.BeginNode(explain_name().empty() ? "Custom Scan" : explain_name());
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

std::vector<std::string> SeqScan::Describe(ExplainWriter& w) const {
  std::string name = explain_name();
  if (name.empty()) name = "Seq Scan on " + codec_->table().name;
  w.BeginNode(std::move(name));
  ExplainEntry* e = w.LastNode();
  if (w.options().costs) {
    EstimateTableRows(txn_, w.options().statistics_scope, codec_->table(), e);
    if (point_) e->rows = std::min(e->rows, 1.0);
  }
  w.EndNode();
  return w.FromLabels();
}

std::vector<std::string> IndexScan::Describe(ExplainWriter& w) const {
  // PostgreSQL's name for the node; the WHERE it re-checks prints as the
  // Filter above it (not yet split into Index Cond and Filter).
  std::string name = "Index Scan using " + QuoteIdentText(index_name_) + " on " +
                     QuoteIdentText(codec_->table().name);
  if (!alias_.empty() && alias_ != codec_->table().name) name += " " + QuoteIdentText(alias_);
  w.BeginNode(std::move(name));
  ExplainEntry* e = w.LastNode();
  if (w.options().costs) {
    // Without a cost model: PostgreSQL's default selectivity of an
    // equality or range condition (0.005) of the table's rows.
    EstimateTableRows(txn_, w.options().statistics_scope, codec_->table(), e);
    e->rows = std::max(1.0, std::round(e->rows * 0.005));
  }
  w.EndNode();
  return w.FromLabels();
}

std::vector<std::string> Filter::Describe(ExplainWriter& w) const {
  ExplainLabels labels = w.Describe(*child_);
  ExplainEntry* below = w.LastNode();
  // A scan's quals print unqualified, any other node's as its columns print.
  const bool scan = below != nullptr && below->name.find(" Scan") != std::string::npos &&
                    below->name.rfind("Subquery Scan", 0) != 0;
  const std::string text = w.Deparse(*predicate_, scan ? w.ScanLabels() : labels);
  if (below != nullptr) below->properties.emplace_back("Filter", text);
  return labels;
}

std::vector<std::string> Project::Describe(ExplainWriter& w) const {
  ExplainLabels in = w.Describe(*child_);
  ExplainLabels out;
  out.reserve(exprs_.size());
  for (const BoundExpr* e : exprs_) out.push_back(w.Deparse(*e, in));
  return out;
}

std::vector<std::string> Sort::Describe(ExplainWriter& w) const {
  w.BeginNode("Sort");
  ExplainEntry* self = w.LastNode();
  ExplainLabels in = w.Describe(*child_);
  std::vector<std::string> keys;
  for (const SortKey& k : keys_) {
    const std::string label =
        static_cast<size_t>(k.column) < in.size() ? in[static_cast<size_t>(k.column)] : "?";
    keys.push_back(SortKeyText(label, IsPlainLabel(label), k.key));
  }
  self->properties.insert(self->properties.begin(), {"Sort Key", JoinList(keys)});
  w.EndNode();
  in.resize(std::min(in.size(), keep_columns_));
  return in;
}

std::vector<std::string> Limit::Describe(ExplainWriter& w) const {
  w.BeginNode("Limit");
  ExplainLabels in = w.Describe(*child_);
  w.EndNode();
  return in;
}

std::vector<std::string> LimitWithTies::Describe(ExplainWriter& w) const {
  w.BeginNode("Limit");
  ExplainLabels in = w.Describe(*child_);
  w.EndNode();
  return in;
}

std::vector<std::string> NestLoop::Describe(ExplainWriter& w) const {
  w.BeginNode("Nested Loop" + JoinTypeSuffix(type_));
  ExplainEntry* self = w.LastNode();
  w.Describe(*outer_);
  w.Describe(*inner_);
  if (!quals_.empty()) {
    self->properties.insert(self->properties.begin(),
                            {"Join Filter", QualText(w, quals_, w.FromLabels())});
  }
  w.EndNode();
  return w.FromLabels();
}

std::vector<std::string> HashJoin::Describe(ExplainWriter& w) const {
  w.BeginNode("Hash" + std::string(type_ == JoinType::kInner ? " Join" : "") +
              JoinTypeSuffix(type_));
  const ExplainLabels& labels = w.FromLabels();
  // Hash Cond: the hashed equalities as outer = inner; Join Filter: the rest.
  std::vector<std::string> conds;
  for (const HashJoinKey& k : keys_) {
    conds.push_back("(" + w.Deparse(*k.outer, labels) + " = " + w.Deparse(*k.inner, labels) +
                    ")");
  }
  w.Property("Hash Cond", conds.size() == 1 ? conds[0] : "(" + [&] {
    std::string s;
    for (size_t i = 0; i < conds.size(); ++i) s += (i > 0 ? " AND " : "") + conds[i];
    return s;
  }() + ")");
  // Conjuncts that are not hash keys.
  std::vector<const BoundExpr*> rest;
  std::set<const BoundExpr*> key_args;
  for (const HashJoinKey& k : keys_) {
    key_args.insert(k.outer);
    key_args.insert(k.inner);
  }
  std::vector<const BoundExpr*> pending(quals_.begin(), quals_.end());
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
  w.Describe(*outer_);
  w.BeginNode("Hash");
  w.Describe(*inner_);
  w.EndNode();
  w.EndNode();
  return labels;
}

std::vector<std::string> HashAgg::Describe(ExplainWriter& w) const {
  w.BeginNode(keys_->empty() ? "Aggregate" : "HashAggregate");
  ExplainEntry* self = w.LastNode();
  ExplainLabels in = w.Describe(*child_);
  ExplainLabels out;
  std::vector<std::string> keys;
  for (const BoundExprPtr& k : *keys_) {
    keys.push_back(w.Deparse(*k, in));
    out.push_back(keys.back());
  }
  if (!keys.empty()) self->properties.insert(self->properties.begin(), {"Group Key", JoinList(keys)});
  for (const AggregateCall& a : *aggs_) out.push_back(DeparseAgg(w, a, in));
  w.EndNode();
  return out;
}

std::vector<std::string> GroupingSetsAgg::Describe(ExplainWriter& w) const {
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
  std::vector<std::string> keys(in.begin(),
                                in.begin() + static_cast<std::ptrdiff_t>(
                                                 std::min(in.size(), columns_.size())));
  self->properties.insert(self->properties.begin(), {"Group Key", JoinList(keys)});
  w.EndNode();
  return in;
}

std::vector<std::string> Unique::Describe(ExplainWriter& w) const {
  w.BeginNode("Unique");
  ExplainLabels in = w.Describe(*child_);
  w.EndNode();
  return in;
}

std::vector<std::string> WindowAgg::Describe(ExplainWriter& w) const {
  // One WindowAgg per distinct window (first one outermost), each with the
  // Sort PostgreSQL puts below it when the window has keys.
  struct Win {
    std::vector<std::string> keys;
  };
  std::vector<Win> windows;
  std::vector<std::string> specs;
  // The input labels are needed to deparse the keys: describe the child
  // into a scratch writer first.
  ExplainWriter scratch(w.options());
  scratch.SetFromLabels(w.FromLabels(), w.ScanLabels(), true);
  ExplainLabels in = scratch.Describe(*child_);
  for (const WindowCall& call : *calls_) {
    std::vector<std::string> keys;
    for (const BoundExprPtr& p : call.window.partition) {
      const std::string t = w.Deparse(*p, in);
      keys.push_back(IsPlainLabel(t) ? t : "(" + t + ")");
    }
    for (const WindowOrderKey& o : call.window.order) {
      const std::string t = w.Deparse(*o.expr, in);
      std::string k = IsPlainLabel(t) ? t : "(" + t + ")";
      if (o.descending) k += " DESC";
      keys.push_back(k);
    }
    const std::string spec = JoinList(keys);
    bool seen = false;
    for (const std::string& s : specs) seen |= s == spec;
    if (seen) continue;
    specs.push_back(spec);
    windows.push_back({std::move(keys)});
  }
  for (const Win& win : windows) {
    w.BeginNode("WindowAgg");
    if (!win.keys.empty()) {
      w.BeginNode("Sort");
      w.Property("Sort Key", JoinList(win.keys));
    }
  }
  in = w.Describe(*child_);
  for (const Win& win : windows) {
    if (!win.keys.empty()) w.EndNode();
    w.EndNode();
  }
  ExplainLabels out = in;
  for (const WindowCall& call : *calls_) {
    (void)call;
    out.push_back("window");
  }
  return out;
}

std::vector<std::string> LateralLoop::Describe(ExplainWriter& w) const {
  w.BeginNode(left_join_ ? "Nested Loop Left Join" : "Nested Loop");
  w.Describe(*outer_);
  w.BeginNode("Subquery Scan");
  w.EndNode();
  w.EndNode();
  return w.FromLabels();
}

std::vector<std::string> FunctionScan::Describe(ExplainWriter& w) const {
  w.BeginNode(explain_name().empty() ? "Function Scan" : explain_name());
  w.EndNode();
  return w.FromLabels();
}

}  // namespace strata::sql
