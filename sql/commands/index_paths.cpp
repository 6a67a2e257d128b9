// ChooseAccessPath (see index_paths.h).
#include "sql/commands/index_paths.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "sql/planner/relation_estimate.h"
#include "sql/planner/selectivity.h"
#include "sql/commands/stored_expr.h"
#include "sql/table/index_codec.h"

namespace strata::sql {

namespace {

// Operators a conjunct evaluates per row (PostgreSQL's cost_qual_eval
// counts one cpu_operator_cost per operator or function; `x IN (list)`
// about half the list; null tests and AND/OR nothing).
double QualOperators(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kBool: {
      double n = 0;
      for (const auto& a : static_cast<const ast::BoolExpr&>(e).args) n += QualOperators(*a);
      return n;
    }
    case ast::ExprKind::kOperator: {
      const auto& op = static_cast<const ast::OperatorExpr&>(e);
      double n = 1;
      if (op.left) n += QualOperators(*op.left);
      if (op.right) n += QualOperators(*op.right);
      return n;
    }
    case ast::ExprKind::kFuncCall: {
      double n = 1;
      for (const auto& a : static_cast<const ast::FuncCallExpr&>(e).args) n += QualOperators(*a);
      return n;
    }
    case ast::ExprKind::kNullTest:
      return QualOperators(*static_cast<const ast::NullTestExpr&>(e).arg);
    case ast::ExprKind::kInList: {
      const auto& in = static_cast<const ast::InListExpr&>(e);
      return std::max(1.0, 0.5 * static_cast<double>(in.list.size())) + QualOperators(*in.arg);
    }
    case ast::ExprKind::kBetween:
      return 2 + QualOperators(*static_cast<const ast::BetweenExpr&>(e).arg);
    case ast::ExprKind::kTypeCast: {
      const auto& cast = static_cast<const ast::TypeCastExpr&>(e);
      return IsConstant(*cast.arg) ? 0 : 1 + QualOperators(*cast.arg);
    }
    case ast::ExprKind::kConstant:
    case ast::ExprKind::kColumnRef:
    case ast::ExprKind::kParamRef:
      return 0;
    default:
      return 1;
  }
}

// The distinct expression keys of a table's indexes, parsed, each given a
// pseudo-slot past the table's columns (ncolumns, ncolumns + 1, ...), which
// the candidates' key slots, restrictions and ORDER BY keys share.
class IndexExpressionSlots {
 public:
  explicit IndexExpressionSlots(const catalog::TableDesc& table)
      : ncolumns_(static_cast<int>(table.columns.size())) {
    for (const catalog::IndexDesc& index : table.indexes) {
      for (const catalog::IndexKeyColumn& k : index.keys) {
        if (!k.is_expression() || SlotOf(k.expr) >= 0) continue;
        std::string query;
        const ast::Expr& e = ParseStoredExpr(k.expr, &parsed_, &query);
        texts_.push_back(k.expr);
        keys_.push_back(ExpressionKey{&e, ncolumns_ + static_cast<int>(keys_.size()), k.expr_type});
      }
    }
  }
  const std::vector<ExpressionKey>& keys() const { return keys_; }
  int SlotOf(const std::string& text) const {
    for (size_t i = 0; i < texts_.size(); ++i) {
      if (texts_[i] == text) return keys_[i].slot;
    }
    return -1;
  }
  Oid TypeOf(int slot) const {
    const int i = slot - ncolumns_;
    return i >= 0 && static_cast<size_t>(i) < keys_.size() ? keys_[static_cast<size_t>(i)].type : 0;
  }

 private:
  int ncolumns_;
  std::vector<std::unique_ptr<ast::Statement>> parsed_;
  std::vector<std::string> texts_;
  std::vector<ExpressionKey> keys_;
};

struct Candidate {
  const catalog::IndexDesc* index = nullptr;  // null: the primary key
  std::vector<int> key_slots;
  std::vector<KeyColumn> key_columns;
  bool unique = false;
};

// Whether reading entries in the index's key order (`backward`: from the
// last entry to the first) gives ORDER BY's order: its keys, after the
// leading columns equalities pin, are ORDER BY's keys (ORDER BY keys on
// pinned columns need no order). Read backward, an ASC NULLS LAST column
// comes out DESC NULLS FIRST and the other way round.
// The restrictions a hash index can take: `=` (not IS NULL, ranges or IN
// lists).
std::vector<ColumnRestriction> EqualitiesOnly(const std::vector<ColumnRestriction>& all) {
  std::vector<ColumnRestriction> out;
  for (const ColumnRestriction& r : all) {
    if (r.op == ColumnRestriction::Op::kEq) out.push_back(r);
  }
  return out;
}

bool ServesOrder(const Candidate& c, const KeyRanges& ranges,
                 const std::vector<ColumnOrderKey>& order, bool backward) {
  if (order.empty()) return false;
  std::vector<int> pinned_slots(c.key_slots.begin(),
                                c.key_slots.begin() + static_cast<long>(ranges.pinned));
  size_t k = ranges.pinned;
  for (const ColumnOrderKey& o : order) {
    if (std::find(pinned_slots.begin(), pinned_slots.end(), o.slot) != pinned_slots.end()) {
      continue;
    }
    if (k >= c.key_slots.size() || c.key_slots[k] != o.slot) return false;
    const KeyColumn& key = c.key_columns[k];
    if ((key.descending != o.descending) != backward ||
        (key.nulls_first != o.nulls_first) != backward) {
      return false;
    }
    ++k;
  }
  return true;
}

// Whether restriction `q` (of the query) implies `p` (of an index
// predicate) on the same column: every value q admits, p admits too.
bool RestrictionImplies(const ColumnRestriction& q, const ColumnRestriction& p) {
  using Op = ColumnRestriction::Op;
  if (q.slot != p.slot || q.partial) return false;
  if (p.op == Op::kIsNotNull) return q.op != Op::kIsNull;  // every other form is strict
  if (p.op == Op::kIsNull) return q.op == Op::kIsNull;
  auto admits = [&p](const Value& v) {
    const std::optional<int> compared = CompareIfComparable(v, p.values[0]);
    if (!compared) return false;
    const int cmp = *compared;
    switch (p.op) {
      case Op::kEq: return cmp == 0;
      case Op::kLt: return cmp < 0;
      case Op::kLe: return cmp <= 0;
      case Op::kGt: return cmp > 0;
      case Op::kGe: return cmp >= 0;
      case Op::kIn:
        for (const Value& x : p.values) {
          if (CompareIfComparable(v, x) == 0) return true;
        }
        return false;
      default: return false;
    }
  };
  if (q.op == Op::kEq || q.op == Op::kIn) {
    for (const Value& v : q.values) {
      if (!admits(v)) return false;
    }
    return !q.values.empty();
  }
  // A one-sided bound implies a bound on the same side at or beyond it.
  const bool q_upper = q.op == Op::kLt || q.op == Op::kLe;
  const bool q_lower = q.op == Op::kGt || q.op == Op::kGe;
  const bool p_upper = p.op == Op::kLt || p.op == Op::kLe;
  const bool p_lower = p.op == Op::kGt || p.op == Op::kGe;
  if (!((q_upper && p_upper) || (q_lower && p_lower))) return false;
  const std::optional<int> compared = CompareIfComparable(q.values[0], p.values[0]);
  if (!compared) return false;
  const int cmp = *compared;
  const bool q_strict = q.op == Op::kLt || q.op == Op::kGt;
  const bool p_strict = p.op == Op::kLt || p.op == Op::kGt;
  if (q_upper) return cmp < 0 || (cmp == 0 && (q_strict || !p_strict));
  return cmp > 0 || (cmp == 0 && (q_strict || !p_strict));
}

// The btree a candidate index is (the table's rows times `fraction`).
IndexGeometry CandidateGeometry(const Candidate& c, const RelationEstimate& rel,
                                const SelectivityEstimator& selectivity, double fraction) {
  // Expression keys (pseudo-slots past the table's columns) by their type.
  double key_width = 0;
  const int ncolumns = static_cast<int>(rel.table().columns.size());
  for (size_t k = 0; k < c.key_slots.size(); ++k) {
    key_width += c.key_slots[k] < ncolumns ? rel.ColumnWidth(c.key_slots[k])
                                           : TypeAverageWidth(c.key_columns[k].type, -1);
  }
  double distinct = 0;
  if (c.key_slots.size() == 1 && c.key_slots[0] < ncolumns) {
    bool is_default = false;
    distinct = selectivity.NumDistinct(c.key_slots[0], &is_default);
    if (is_default) distinct = 0;
  }
  return EstimateIndexGeometry(rel.tuples() * fraction, key_width, distinct, c.unique);
}

// Whether the query's restrictions imply a partial index's predicate
// (PostgreSQL's predicate_implied_by, for predicates made of column
// comparisons with constants, ANDed, and ORs of them).
bool PredicateImplied(Binder& binder, const catalog::TableDesc& table,
                      const std::string& predicate, const std::vector<ColumnRestriction>& query,
                      const std::vector<Value>* params, double* selectivity_out,
                      const RelationEstimate& rel, std::vector<size_t>* implied_conjuncts) {
  std::vector<std::unique_ptr<ast::Statement>> keep;
  std::string text;
  const ast::Expr& expr = ParseStoredExpr(predicate, &keep, &text);
  std::vector<const ast::Expr*> conjuncts;
  CollectConjuncts(&expr, &conjuncts);
  // One predicate restriction, or an OR of them: implied when some query
  // restriction implies it (for an OR: one of its arms).
  auto implied = [&](const ast::Expr* e) {
    std::vector<const ast::Expr*> arms;
    if (e->kind == ast::ExprKind::kBool &&
        static_cast<const ast::BoolExpr&>(*e).op == ast::BoolExpr::Op::kOr) {
      for (const auto& a : static_cast<const ast::BoolExpr&>(*e).args) arms.push_back(a.get());
    } else {
      arms.push_back(e);
    }
    for (const ast::Expr* arm : arms) {
      const std::vector<ColumnRestriction> rs =
          ColumnRestrictions(binder, table, table.name, {arm}, params);
      if (rs.size() != 1 || rs[0].partial) continue;
      for (const ColumnRestriction& q : query) {
        if (RestrictionImplies(q, rs[0])) return true;
      }
    }
    return false;
  };
  for (const ast::Expr* c : conjuncts) {
    if (!implied(c)) return false;
  }
  const std::vector<ColumnRestriction> own =
      ColumnRestrictions(binder, table, table.name, conjuncts, params);
  const SelectivityEstimator estimator(rel, conjuncts, own, table.name);
  *selectivity_out = estimator.Of();
  // Query conjuncts the predicate implies need no check of their own
  // (PostgreSQL drops them from the scan's quals).
  std::map<size_t, bool> whole;  // query conjunct -> every restriction implied
  for (const ColumnRestriction& q : query) {
    bool by_predicate = false;
    for (const ColumnRestriction& p : own) by_predicate = by_predicate || RestrictionImplies(p, q);
    auto [it, inserted] = whole.emplace(q.conjunct, by_predicate);
    if (!inserted) it->second = it->second && by_predicate;
  }
  for (const auto& [conjunct, implied_whole] : whole) {
    if (implied_whole) implied_conjuncts->push_back(conjunct);
  }
  return true;
}

}  // namespace

AccessPath ChooseAccessPath(Binder& binder, const CommandContext& ctx,
                            const AccessPathRequest& request) {
  const TableCodec& codec = *request.codec;
  const catalog::TableDesc& table = codec.table();
  const CostParams params = request.costs != nullptr ? *request.costs : CostParams::Current();
  const RelationEstimate rel(ctx.txn, ctx.db->catalog()->key_scope(), table);

  std::vector<const ast::Expr*> conjuncts;
  if (request.conjuncts != nullptr) {
    conjuncts = *request.conjuncts;
  } else if (request.where != nullptr) {
    CollectConjuncts(request.where, &conjuncts);
  }
  const std::vector<ColumnRestriction> restrictions =
      ColumnRestrictions(binder, table, request.scope_alias, conjuncts, request.params);
  // The indexes' expression keys, each distinct one a pseudo-slot past the
  // table's columns; the restrictions that also bound them narrow index
  // ranges (selectivity still sees only the column ones: an expression has
  // no statistics, its conjuncts take the default estimates).
  IndexExpressionSlots expression_slots(table);
  const std::vector<ColumnRestriction> key_restrictions =
      expression_slots.keys().empty()
          ? restrictions
          : ColumnRestrictions(binder, table, request.scope_alias, conjuncts, request.params,
                               expression_slots.keys());
  std::vector<ColumnOrderKey> order = request.order;
  bool wants_order = request.wants_order;
  for (ColumnOrderKey& o : order) {
    if (o.expr == nullptr) continue;
    o.slot = MatchExpressionKey(*o.expr, table, request.scope_alias, expression_slots.keys());
    if (o.slot >= 0 && expression_slots.TypeOf(o.slot) != o.type) o.slot = -1;
    // An ORDER BY expression no index holds: no path serves the order (as
    // before expression keys existed, paths are then compared without it).
    if (o.slot < 0) wants_order = false;
  }
  // Under FOR UPDATE / SHARE only the primary-key range is used; the
  // estimates then see WHERE's shape alone.
  const std::vector<ColumnRestriction> none;
  const SelectivityEstimator selectivity(rel, conjuncts,
                                         request.allow_indexes ? restrictions : none,
                                         request.scope_alias);
  std::vector<double> qual_ops(conjuncts.size());
  double all_qual_ops = 0;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    qual_ops[i] = QualOperators(*conjuncts[i]);
    all_qual_ops += qual_ops[i];
  }
  const double rows = ClampRowEstimate(selectivity.Of() * rel.tuples());

  // EXPLAIN's width: the columns needed above the scan.
  int width = rel.width();
  if (!request.columns_needed.empty()) {
    width = 0;
    for (size_t slot = 0; slot < request.columns_needed.size(); ++slot) {
      if (request.columns_needed[slot]) width += rel.ColumnWidth(static_cast<int>(slot));
    }
  }
  // How a path compares: its cost with the Sort ORDER BY needs on top, at
  // the fraction of its rows a LIMIT reads.
  auto final_cost = [&](const PathCost& scan, bool ordered) {
    PathCost c = scan;
    const double limit_tuples =
        request.limit_count >= 0 ? request.limit_count + request.limit_offset : -1;
    if (const GroupingCost* g = request.grouping; g != nullptr) {
      // The aggregate the path would feed (and ORDER BY's Sort of its
      // groups), at LIMIT's fraction of the groups.
      const double groups = EstimateNumGroups(rel, g->key_slots, c.rows);
      const int columns = static_cast<int>(g->key_slots.size());
      bool in_key_order = wants_order && ordered;
      if (g->unique && in_key_order) {
        c = UniqueCost(params, c, columns, groups);
      } else if (g->unique) {
        // Hashed, or sorted (ORDER BY's keys first) for a Unique, whichever
        // costs less.
        const PathCost hashed = AggCost(params, c, columns, 0, groups, false);
        const PathCost sorted = UniqueCost(params, SortCost(params, c, width, -1), columns, groups);
        in_key_order = sorted.total < hashed.total;
        c = in_key_order ? sorted : hashed;
      } else {
        c = AggCost(params, c, columns, g->aggregates, groups, in_key_order);
      }
      if (g->order_by && !(in_key_order && g->group_order_serves_order_by)) {
        c = SortCost(params, c, g->group_width, limit_tuples);
      }
      if (limit_tuples >= 0 && c.rows > 0) {
        return c.AtFraction(std::min(1.0, limit_tuples / c.rows));
      }
      return c.total;
    }
    if (wants_order && !ordered) c = SortCost(params, c, width, limit_tuples);
    if (limit_tuples >= 0 && c.rows > 0) {
      return c.AtFraction(std::min(1.0, limit_tuples / c.rows));
    }
    return c.total;
  };

  AccessPath best;
  best.kind = AccessPath::Kind::kSeqScan;
  best.width = width;
  best.cost.startup = 0;
  best.cost.total = SeqScanCost(params, rel, all_qual_ops * params.cpu_operator_cost);
  best.cost.rows = rows;
  double best_final = final_cost(best.cost, false);
  if (codec.has_primary_key()) {
    KeyRanges pk = KeyRangesFromRestrictions(table, codec.key_slots(), codec.key_columns(),
                                             /*exact_key=*/true, restrictions);
    if (pk.ranges.size() == 1) best.primary_key_range = std::move(pk.ranges[0]);
  }
  if (!request.allow_indexes) return best;

  std::vector<Candidate> candidates;
  if (codec.has_primary_key()) {
    candidates.push_back(Candidate{nullptr, codec.key_slots(), codec.key_columns(), true});
  }
  std::vector<double> predicate_selectivity;  // per candidate (1: not partial)
  std::vector<std::vector<size_t>> predicate_implies;  // per candidate: conjuncts it implies
  if (codec.has_primary_key()) {
    predicate_selectivity.push_back(1.0);
    predicate_implies.emplace_back();
  }
  for (const catalog::IndexDesc& index : table.indexes) {
    double fraction = 1.0;
    std::vector<size_t> implied;
    if (!index.predicate.empty() &&
        !PredicateImplied(binder, table, index.predicate, restrictions, request.params, &fraction,
                          rel, &implied)) {
      continue;  // a partial index WHERE does not confine the query to
    }
    std::vector<int> key_slots;
    std::vector<KeyColumn> key_columns;
    IndexKeyLayout(table, index, &key_slots, &key_columns);
    for (size_t k = 0; k < index.keys.size(); ++k) {
      if (index.keys[k].is_expression()) key_slots[k] = expression_slots.SlotOf(index.keys[k].expr);
    }
    candidates.push_back(Candidate{&index, std::move(key_slots), std::move(key_columns),
                                   index.unique});
    predicate_selectivity.push_back(fraction);
    predicate_implies.push_back(std::move(implied));
  }
  size_t candidate_number = 0;
  for (const Candidate& c : candidates) {
    const double index_fraction = predicate_selectivity[candidate_number];
    const std::vector<size_t>& implied = predicate_implies[candidate_number++];
    const bool partial = c.index != nullptr && !c.index->predicate.empty();
    // A hash index answers equalities alone: no order, no ranges, no
    // index-only reads (PostgreSQL's hash access method).
    const bool hash = c.index != nullptr && c.index->hash;
    KeyRanges ranges = KeyRangesFromRestrictions(
        table, c.key_slots, c.key_columns, c.index == nullptr,
        hash ? EqualitiesOnly(key_restrictions) : key_restrictions);
    if (hash && ranges.pinned != c.key_slots.size()) continue;
    // PostgreSQL costs a backward scan as a forward one.
    const bool forward = wants_order && !hash && ServesOrder(c, ranges, order, false);
    const bool backward = wants_order && !hash && !forward && ServesOrder(c, ranges, order, true);
    const bool ordered = forward || backward;
    // Index-only: the query reads nothing but the index's key columns.
    // (Not with expression keys: the scan would need the expressions'
    // columns from the entry, which holds only their values.)
    bool covered = !request.columns_read.empty() && params.enable_indexonlyscan && !hash &&
                   (c.index == nullptr || !c.index->HasExpressions());
    for (size_t slot = 0; covered && slot < request.columns_read.size(); ++slot) {
      if (request.columns_read[slot] &&
          std::find(c.key_slots.begin(), c.key_slots.end(), static_cast<int>(slot)) ==
              c.key_slots.end()) {
        covered = false;
      }
    }
    // A partial index the query is confined to is worth reading whole, and
    // so is an index holding every column the query reads (PostgreSQL's
    // build_index_paths keeps index-only paths without quals or order:
    // count(*) may read the smallest index instead of the table).
    if (ranges.ranges.empty() && !ordered && !partial && !covered) continue;
    const bool full_scan = ranges.ranges.empty();  // read whole, for its order
    if (full_scan) ranges.ranges.push_back(KeyRange{});
    std::vector<bool> in_index(conjuncts.size(), false);
    double index_ops = 0, values = 1;
    for (size_t i : ranges.used_conjuncts) {
      if (in_index[i]) continue;
      in_index[i] = true;
      index_ops += conjuncts[i]->kind == ast::ExprKind::kBetween ? 2 : 1;
    }
    for (const ColumnRestriction& r : key_restrictions) {
      if (r.op == ColumnRestriction::Op::kIn && in_index[r.conjunct]) {
        values = static_cast<double>(r.values.size());
      }
    }
    std::vector<bool> checked = in_index;  // by the index, or implied by its predicate
    for (size_t i : implied) checked[i] = true;
    double qp_ops = 0;
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      if (!checked[i]) qp_ops += qual_ops[i];
    }
    IndexScanInput in;
    // A partial index holds only the rows its predicate admits.
    in.index = CandidateGeometry(c, rel, selectivity, index_fraction);
    in.index_selectivity = selectivity.Of(in_index);
    if (partial) in.index_selectivity = std::min(selectivity.Of(checked), index_fraction);
    const bool all_pinned = ranges.pinned == c.key_slots.size();
    in.index_tuples = c.unique && all_pinned ? 1.0 : in.index_selectivity * rel.tuples();
    in.sa_scans = values;
    in.index_qual_ops = index_ops;
    in.index_qual_arg_cost =
        values > 1 ? params.cpu_operator_cost * (0.5 * values - 1) : 0;
    // Without statistics: the primary key is the table's order, another
    // index (and an expression, never analyzed) is taken as uncorrelated.
    in.correlation = c.key_slots[0] < static_cast<int>(table.columns.size())
                         ? rel.Column(c.key_slots[0]).correlation.value_or(c.index == nullptr ? 1.0 : 0.0)
                         : 0.0;
    if (c.key_slots.size() > 1 && c.index != nullptr) in.correlation *= 0.75;
    in.qpqual_cost = qp_ops * params.cpu_operator_cost;
    in.index_only = covered;
    in.all_visible_fraction = rel.all_visible_fraction();
    in.rows = rows;
    const IndexScanCosts index_costs = IndexScanCost(params, rel, in);
    // The path over this index, when it beats the best so far.
    auto consider = [&](AccessPath::Kind kind, const PathCost& cost, bool in_order) {
      const double total = final_cost(cost, in_order);
      if (total >= best_final) return false;
      best_final = total;
      best = AccessPath{};
      best.kind = kind;
      best.index = c.index;
      best.ranges = ranges.ranges;
      best.index_conjuncts = ranges.used_conjuncts;
      best.implied_conjuncts = implied;
      best.ordered = in_order;
      best.backward = in_order && backward;
      best.cost = cost;
      best.width = width;
      return true;
    };
    if (consider(c.index == nullptr ? AccessPath::Kind::kPrimaryKey : AccessPath::Kind::kIndex,
                 index_costs.scan, ordered)) {
      best.index_only = covered;
    }
    // A bitmap scan: never ordered; only with quals or a partial index's
    // predicate; not on the primary key, whose index scan reads the table
    // in order already.
    if ((!full_scan || partial) && c.index != nullptr) {
      IndexScanInput bitmap_in = in;
      bitmap_in.index_only = false;
      const PathCost bitmap =
          BitmapHeapScanCost(params, rel, bitmap_in, all_qual_ops * params.cpu_operator_cost);
      if (consider(AccessPath::Kind::kBitmap, bitmap, false)) {
        best.index_total_cost = index_costs.index_total;
        best.index_rows = ClampRowEstimate(in.index_selectivity * rel.tuples());
      }
    }
  }
  return best;
}

std::optional<IndexPath> ChooseIndexPath(Binder& binder, const CommandContext& ctx,
                                         const TableCodec& codec, const std::string& scope_alias,
                                         const ast::Expr* where, const std::vector<Value>* params) {
  if (where == nullptr || codec.table().indexes.empty()) return std::nullopt;
  AccessPathRequest request;
  request.codec = &codec;
  request.scope_alias = scope_alias;
  request.where = where;
  request.params = params;
  AccessPath path = ChooseAccessPath(binder, ctx, request);
  if (path.kind != AccessPath::Kind::kIndex && path.kind != AccessPath::Kind::kBitmap) {
    return std::nullopt;
  }
  return IndexPath{path.index, std::move(path.ranges)};
}

std::unique_ptr<IndexScan> MakeIndexScan(const CommandContext& ctx, const TableCodec& codec,
                                         IndexPath path, const std::string& alias) {
  std::vector<IndexScan::Range> ranges;
  for (KeyRange& r : path.ranges) ranges.emplace_back(std::move(r.lower), std::move(r.upper));
  auto scan = std::make_unique<IndexScan>(ctx.txn, &codec, path.index->tree, std::move(ranges),
                                          path.index->oid);
  scan->set_names(path.index->name, alias);
  return scan;
}

}  // namespace strata::sql

namespace strata::sql {

ScanPlanInfo PathPlanInfo(const AccessPath& path) {
  ScanPlanInfo info;
  info.costed = true;
  info.startup_cost = path.cost.startup;
  info.total_cost = path.cost.total;
  info.rows = path.cost.rows;
  info.width = path.width;
  info.backward = path.backward;
  return info;
}

PathScan BuildPathScan(const CommandContext& ctx, const TableCodec& codec, AccessPath path,
                       const std::string& alias, PlanNodePtr seq_scan,
                       const std::vector<std::vector<const BoundExpr*>>& bound) {
  PathScan out;
  auto* seq = dynamic_cast<SeqScan*>(seq_scan.get());
  ScanPlanInfo info = PathPlanInfo(path);
  if (!bound.empty() && path.kind != AccessPath::Kind::kSeqScan) {
    // In index-column order (as the path lists them), then the rest.
    std::vector<bool> in_index(bound.size(), false);
    for (size_t i : path.index_conjuncts) {
      if (in_index[i]) continue;
      in_index[i] = true;
      for (const BoundExpr* b : bound[i]) info.index_conds.push_back(b);
    }
    out.conjuncts = info.index_conds;
    // Implied by a partial index's predicate: rechecked, shown nowhere.
    for (size_t i : path.implied_conjuncts) {
      if (in_index[i]) continue;
      in_index[i] = true;
      for (const BoundExpr* b : bound[i]) out.conjuncts.push_back(b);
    }
    out.silent = out.conjuncts.size();
    for (size_t i = 0; i < bound.size(); ++i) {
      if (in_index[i]) continue;
      for (const BoundExpr* b : bound[i]) out.conjuncts.push_back(b);
    }
  }
  const std::string explain_name = seq_scan->explain_name();
  auto table_scan = [&](std::optional<std::string> lower, std::optional<std::string> upper) {
    auto scan = std::make_unique<SeqScan>(ctx.txn, &codec, std::move(lower), std::move(upper));
    scan->set_explain_name(explain_name);
    if (seq != nullptr) scan->SetColumnsRead(seq->columns_read());
    return scan;
  };
  switch (path.kind) {
    case AccessPath::Kind::kIndex:
    case AccessPath::Kind::kBitmap: {
      info.bitmap = path.kind == AccessPath::Kind::kBitmap;
      info.index_total_cost = path.index_total_cost;
      info.index_rows = path.index_rows;
      info.index_only = path.index_only;
      const catalog::IndexDesc* index = path.index;
      std::unique_ptr<IndexScan> index_scan =
          MakeIndexScan(ctx, codec, IndexPath{index, std::move(path.ranges)}, alias);
      if (path.index_only) {
        // Rows from the entries alone when every column read decodes exactly.
        IndexCodec index_codec(codec.table(), *index);
        bool exact = true;
        for (int slot : index_codec.key_slots()) {
          exact = exact && KeyDecodeIsExact(codec.table().columns[static_cast<size_t>(slot)].type);
        }
        if (exact) index_scan->set_index_only(index_codec.key_slots(), index_codec.key_columns());
      }
      index_scan->set_plan_info(std::move(info));
      out.plan = std::move(index_scan);
      break;
    }
    case AccessPath::Kind::kPrimaryKey: {
      // The table tree is in primary-key order: one read between the
      // first range's start and the last one's end.
      std::optional<std::string> lower, upper;
      if (!path.ranges.empty()) {
        lower = path.ranges.front().lower;
        upper = path.ranges.back().upper;
      }
      auto pk_scan = table_scan(std::move(lower), std::move(upper));
      info.index_name = codec.table().primary_key_name;
      info.index_only = path.index_only;
      pk_scan->set_plan_info(std::move(info));
      out.plan = std::move(pk_scan);
      break;
    }
    case AccessPath::Kind::kSeqScan:
      if (std::optional<KeyRange>& range = path.primary_key_range) {
        // Still only the keys WHERE allows (shown as the sequential scan
        // the cost model chose).
        out.plan = table_scan(std::move(range->lower), std::move(range->upper));
      } else {
        out.plan = std::move(seq_scan);
      }
      if (auto* scan = dynamic_cast<SeqScan*>(out.plan.get())) scan->set_plan_info(std::move(info));
      break;
  }
  return out;
}

}  // namespace strata::sql

namespace strata::sql {

std::optional<ParameterizedPath> ChooseParameterizedPath(Binder& binder, const CommandContext& ctx,
                                                         const AccessPathRequest& request,
                                                         const std::vector<int>& param_slots,
                                                         double loop_count) {
  const TableCodec& codec = *request.codec;
  const catalog::TableDesc& table = codec.table();
  const CostParams params = request.costs != nullptr ? *request.costs : CostParams::Current();
  const RelationEstimate rel(ctx.txn, ctx.db->catalog()->key_scope(), table);
  std::vector<const ast::Expr*> conjuncts;
  if (request.conjuncts != nullptr) conjuncts = *request.conjuncts;
  const std::vector<ColumnRestriction> restrictions =
      ColumnRestrictions(binder, table, request.scope_alias, conjuncts, request.params);
  const SelectivityEstimator selectivity(rel, conjuncts, restrictions, request.scope_alias);
  double qual_ops = 0;
  for (const ast::Expr* c : conjuncts) qual_ops += QualOperators(*c);
  const double restricted = selectivity.Of();
  const double tuples = std::max(rel.tuples(), 1.0);

  std::vector<Candidate> candidates;
  if (codec.has_primary_key()) {
    candidates.push_back(Candidate{nullptr, codec.key_slots(), codec.key_columns(), true});
  }
  for (const catalog::IndexDesc& index : table.indexes) {
    if (!index.predicate.empty()) continue;  // partial: not matched for lookups
    bool plain = true;
    for (const catalog::IndexKeyColumn& k : index.keys) plain = plain && k.attnum > 0;
    if (!plain) continue;
    std::vector<int> key_slots;
    std::vector<KeyColumn> key_columns;
    IndexKeyLayout(table, index, &key_slots, &key_columns);
    candidates.push_back(Candidate{&index, std::move(key_slots), std::move(key_columns),
                                   index.unique});
  }
  std::optional<ParameterizedPath> best;
  for (const Candidate& c : candidates) {
    size_t pinned = 0;
    while (pinned < c.key_slots.size() &&
           std::find(param_slots.begin(), param_slots.end(), c.key_slots[pinned]) !=
               param_slots.end()) {
      ++pinned;
    }
    if (pinned == 0) continue;
    const bool all_pinned = pinned == c.key_slots.size();
    const bool hash = c.index != nullptr && c.index->hash;
    if (hash && !all_pinned) continue;  // a hash index looks up whole keys
    // Each looked-up column keeps one of its distinct values' rows.
    double lookup = 1;
    for (size_t k = 0; k < pinned; ++k) {
      bool is_default = false;
      lookup /= std::max(1.0, selectivity.NumDistinct(c.key_slots[k], &is_default));
    }
    if (c.unique && all_pinned) lookup = std::min(lookup, 1.0 / tuples);
    IndexScanInput in;
    in.index = CandidateGeometry(c, rel, selectivity, 1.0);
    in.index_selectivity = lookup;
    in.index_tuples = c.unique && all_pinned ? 1.0 : lookup * tuples;
    in.index_qual_ops = static_cast<double>(pinned);
    const ColumnEstimate& first = rel.Column(c.key_slots[0]);
    in.correlation = first.correlation.value_or(c.index == nullptr ? 1.0 : 0.0);
    if (c.key_slots.size() > 1 && c.index != nullptr) in.correlation *= 0.75;
    in.qpqual_cost = qual_ops * params.cpu_operator_cost;
    in.rows = ClampRowEstimate(tuples * lookup * restricted);
    in.loop_count = loop_count;
    bool covered = !request.columns_read.empty() && params.enable_indexonlyscan && !hash;
    for (size_t slot = 0; covered && slot < request.columns_read.size(); ++slot) {
      covered = !request.columns_read[slot] ||
                std::find(c.key_slots.begin(), c.key_slots.end(), static_cast<int>(slot)) !=
                    c.key_slots.end();
    }
    in.index_only = covered;
    in.all_visible_fraction = rel.all_visible_fraction();
    const IndexScanCosts costs = IndexScanCost(params, rel, in);
    auto consider = [&](const PathCost& cost, bool bitmap) {
      if (best && cost.total >= best->cost.total) return;
      best = ParameterizedPath{};
      best->index = c.index;
      best->key_slots.assign(c.key_slots.begin(),
                             c.key_slots.begin() + static_cast<long>(pinned));
      best->key_columns.assign(c.key_columns.begin(),
                               c.key_columns.begin() + static_cast<long>(pinned));
      best->whole_key = c.index == nullptr && all_pinned;
      best->cost = cost;
      best->unique = c.unique && all_pinned;
      best->bitmap = bitmap;
      best->index_only = covered && !bitmap;
      best->index_total_cost = costs.index_total;
      best->index_rows = ClampRowEstimate(lookup * tuples);
    };
    consider(costs.scan, false);
    // A bitmap heap scan per lookup (not on the primary key, whose index
    // scan reads the table in order already).
    if (c.index != nullptr && !(c.unique && all_pinned)) {
      IndexScanInput heap = in;
      heap.index_only = false;
      consider(BitmapHeapScanCost(params, rel, heap, qual_ops * params.cpu_operator_cost), true);
    }
  }
  return best;
}

}  // namespace strata::sql
