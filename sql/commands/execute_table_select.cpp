// SELECT [... FROM]: binds the select list, WHERE, GROUP BY/HAVING and
// aggregates, ORDER BY, DISTINCT [ON] and LIMIT/OFFSET/FETCH [WITH TIES], then
// runs SeqScan -> Filter -> [HashAgg, GroupAgg or GroupingSetsAgg -> Filter] ->
// [WindowAgg] -> Project -> [HashDistinct] -> Sort -> [PostSortProject] ->
// [Unique] -> Limit.
// (WITH, set operations and VALUES: run_query.cpp.)
#include <algorithm>

#include "sql/types/btree_opclass.h"
#include "sql/commands/bound_volatility.h"
#include "sql/commands/distinct_on.h"
#include "sql/commands/explain.h"
#include "sql/commands/expr_eval_cost.h"
#include "sql/commands/expr_walk.h"
#include "sql/commands/limit_clause.h"
#include "sql/commands/correlated_lookup.h"
#include "sql/commands/plan_from.h"
#include "sql/commands/plan_time_folding.h"
#include "sql/commands/plan_window.h"
#include "sql/commands/index_paths.h"
#include "sql/table/index_codec.h"
#include "sql/commands/plan_join.h"
#include "sql/commands/plan_min_max.h"
#include "sql/commands/plan_parallel.h"
#include "sql/commands/point_select.h"
#include "sql/commands/partition_pruning.h"
#include "sql/executor/node_append.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/commands/result_rows.h"
#include "sql/commands/select_locking.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_rows.h"
#include "sql/builtin/type_table.h"
#include "sql/settings/session_settings.h"
#include "sql/executor/node_conjunct_filter.h"
#include "sql/executor/node_group_agg.h"
#include "sql/executor/node_grouping_sets.h"
#include "sql/executor/node_limit_with_ties.h"
#include "sql/executor/node_one_time_false_result.h"
#include "sql/executor/node_post_sort_project.h"
#include "sql/executor/node_project_set.h"
#include "sql/executor/node_unique.h"
#include "sql/executor/node_window_agg.h"
#include "sql/executor/plan_node.h"
#include "sql/planner/agg_cost.h"
#include "sql/planner/relation_estimate.h"
#include "sql/types/geo_types.h"

namespace strata::sql {

namespace {

// Whether two select-list entries are the same column reference (so naming
// both in ORDER BY is not ambiguous, as PostgreSQL compares the expressions).
bool SameColumn(const BoundExpr& a, const BoundExpr& b) {
  return a.kind() == BoundExprKind::kColumnRef && b.kind() == BoundExprKind::kColumnRef &&
         static_cast<const BoundColumnRef&>(a).slot() == static_cast<const BoundColumnRef&>(b).slot();
}

// Whether an ORDER BY item names an output column (by name or position)
// rather than being an expression over the input.
bool IsOutputReference(const ast::Expr& e, const std::vector<ast::ResTarget>& targets) {
  if (e.kind == ast::ExprKind::kConstant) {
    return static_cast<const ast::ConstantExpr&>(e).const_kind ==
           ast::ConstantExpr::Kind::kInteger;
  }
  if (e.kind != ast::ExprKind::kColumnRef) return false;
  const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
  if (ref.fields.size() != 1) return false;
  for (const ast::ResTarget& t : targets) {
    if (!t.name.empty() && t.name == ref.fields[0]) return true;
    if (t.name.empty() && FigureColumnName(*t.value) == ref.fields[0]) return true;
  }
  return false;
}

// GROUP BY items (findTargetlistEntrySQL92): an integer constant is a
// select-list position; a bare name that is no input column but an output
// column name stands for that select-list expression; anything else is an
// expression over the input. Keys are bound over the input row.
void ResolveGroupBy(Binder& binder, const BindScope& scope, const ast::SelectStatement& stmt,
                    GroupingState* grouping) {
  binder.SetAggregatesForbidden("GROUP BY");
  for (const ast::ExprPtr& item : stmt.group_by) {
    const ast::Expr* key = item.get();
    if (item->kind == ast::ExprKind::kConstant &&
        static_cast<const ast::ConstantExpr&>(*item).const_kind ==
            ast::ConstantExpr::Kind::kInteger) {
      const int32_t pos = static_cast<const ast::ConstantExpr&>(*item).ival;
      if (pos < 1 || static_cast<size_t>(pos) > stmt.target_list.size()) {
        throw binder.ErrorAt(SqlState::kInvalidColumnReference,
                             "GROUP BY position " + std::to_string(pos) + " is not in select list",
                             item->location);
      }
      key = stmt.target_list[static_cast<size_t>(pos - 1)].value.get();
    } else if (item->kind == ast::ExprKind::kColumnRef) {
      const auto& ref = static_cast<const ast::ColumnRefExpr&>(*item);
      if (ref.fields.size() == 1) {
        bool input_column = false;
        for (const ScopeRelation& rel : scope.relations) {
          for (const ScopeColumn& c : rel.columns) input_column |= c.name == ref.fields[0];
        }
        const ast::Expr* target = nullptr;
        for (const ast::ResTarget& t : stmt.target_list) {
          if (input_column || t.name != ref.fields[0]) continue;
          if (target != nullptr && !SameAstExpr(*target, *t.value)) {
            throw binder.ErrorAt(SqlState::kAmbiguousColumn,
                                 "GROUP BY \"" + ref.fields[0] + "\" is ambiguous",
                                 ref.location);
          }
          target = t.value.get();
        }
        if (target != nullptr) key = target;
      }
    }
    grouping->key_asts.push_back(key);
    grouping->keys.push_back(binder.ResolveUnknownToText(binder.BindExpr(*key)));
    if (const Oid type = grouping->keys.back()->type().oid; LacksBtreeOpclass(type)) {
      throw binder.ErrorAt(SqlState::kUndefinedFunction,
                           "could not identify an equality operator for type " +
                               FormatTypeName(type),
                           item->location);
    }
  }
  binder.SetAggregatesForbidden(nullptr);
}

// GROUPING SETS: each expanded set (indexes into stmt.group_by, one key per
// entry) as the keys it groups; equal GROUP BY expressions are one key, so
// a set naming either groups both. GROUP BY DISTINCT drops repeated sets.
void ExpandGroupingSets(const ast::SelectStatement& stmt, GroupingState* grouping) {
  const size_t n = grouping->key_asts.size();
  std::vector<size_t> canon(n);
  for (size_t i = 0; i < n; ++i) {
    canon[i] = i;
    for (size_t j = 0; j < i; ++j) {
      if (SameAstExpr(*grouping->key_asts[i], *grouping->key_asts[j])) {
        canon[i] = canon[j];
        break;
      }
    }
  }
  for (const std::vector<size_t>& set : stmt.grouping_sets) {
    std::vector<bool> in(n, false);
    for (size_t idx : set) {
      for (size_t i = 0; i < n; ++i) in[i] = in[i] || canon[i] == canon[idx];
    }
    if (stmt.group_distinct &&
        std::find(grouping->sets.begin(), grouping->sets.end(), in) != grouping->sets.end()) {
      continue;
    }
    grouping->sets.push_back(std::move(in));
  }
}

// Whether the session turned hash aggregation off (enable_hashagg): the
// planner then implements DISTINCT by sorting.
bool HashAggDisabled() {
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  return settings != nullptr && settings->Show("enable_hashagg") == "off";
}

// SELECT DISTINCT over a path of one table: what choosing between Sort +
// Unique and hashing weighs (agg_cost.h). Nothing when the groups cannot
// be estimated (an output column this cannot see into).
std::optional<DistinctCostInput> DistinctCostOver(const CommandContext& ctx,
                                                  const catalog::TableDesc& table,
                                                  const AccessPath& path,
                                                  const std::vector<OutputTarget>& targets,
                                                  bool order_by) {
  const CostParams params = CostParams::Current();
  DistinctCostInput in;
  in.input = path.cost;
  in.width = path.width;
  in.columns = static_cast<int>(targets.size());
  in.order_by = order_by;
  bool is_volatile = false;
  std::vector<bool> used;
  for (const OutputTarget& t : targets) {
    is_volatile = is_volatile || ContainsVolatileCall(*t.expr);
    if (!CollectColumnSlots(*t.expr, &used)) return std::nullopt;
    in.output_cost += EvalCostPerTuple(params, *t.expr);
  }
  // The columns the outputs read (none: constants, one group; or, with a
  // volatile call, every row a group of its own, as estimate_num_groups has
  // it for a variable-free volatile expression).
  if (is_volatile && std::none_of(used.begin(), used.end(), [](bool u) { return u; })) {
    in.groups = path.cost.rows;
    return in;
  }
  std::vector<int> slots;
  for (size_t slot = 0; slot < used.size(); ++slot) {
    if (!used[slot]) continue;
    if (slot >= table.columns.size()) return std::nullopt;
    slots.push_back(static_cast<int>(slot));
  }
  const RelationEstimate rel(ctx.txn, ctx.db->catalog()->key_scope(), table);
  in.groups = EstimateNumGroups(rel, slots, path.cost.rows);
  return in;
}

}  // namespace

TableQueryResult RunSelectCore(CommandContext& ctx, const ast::SelectStatement& stmt,
                               const QueryRowSink* sink, const std::vector<size_t>* join_order) {
  Binder binder = ctx.MakeBinder();
  FromPlan from = PlanFrom(ctx, binder, stmt.from, /*defer_comma_joins=*/true, join_order);
  const BindScope& scope = from.scope;
  binder.SetScope(&scope);

  // Pass 1 (see grouping.h): bind as if ungrouped, noting aggregate calls.
  GroupingState probe;
  binder.SetGrouping(&probe);
  // Window calls (window.h): collected in `window` by the binding whose
  // expressions are kept; `scratch` takes those of throw-away bindings.
  WindowState window, scratch;
  window.named = scratch.named = &stmt.windows;
  binder.SetWindow(&window);
  // Set-returning calls in the select list (set_returning_targets.h).
  SetReturningState srf;
  binder.SetSetReturningTargets(&srf);
  std::vector<OutputTarget> targets = BindTargetList(binder, scope, stmt.target_list);
  binder.SetSetReturningTargets(nullptr);
  scratch.forbidden = "HAVING";
  binder.SetWindow(&scratch);
  if (stmt.having) binder.BindExpr(*stmt.having);
  scratch.forbidden = nullptr;
  // ORDER BY expressions too (PostgreSQL analyzes ORDER BY before GROUP BY,
  // so its errors come first, and an aggregate there makes the query
  // grouped); output names and positions are resolved later.
  for (const ast::SortBy& sb : stmt.sort) {
    if (!IsOutputReference(*sb.expr, stmt.target_list)) binder.BindExpr(*sb.expr);
  }
  binder.SetGrouping(nullptr);
  binder.SetWindow(&window);
  BoundExprPtr where;
  if (stmt.where) {
    binder.SetAggregatesForbidden("WHERE");
    where = binder.CoerceToBoolean(binder.BindExpr(*stmt.where), "WHERE");
    binder.SetAggregatesForbidden(nullptr);
  }
  const bool grouped = !stmt.group_by.empty() || stmt.has_grouping_sets || stmt.having ||
                       !probe.aggs.empty();
  CheckSelectLocking(stmt, grouped, !probe.aggs.empty());
  GroupingState grouping;
  BoundExprPtr having;
  if (grouped) {
    ResolveGroupBy(binder, scope, stmt, &grouping);
    if (stmt.has_grouping_sets) ExpandGroupingSets(stmt, &grouping);
    grouping.grouped = true;
    binder.SetGrouping(&grouping);
    window.calls.clear();  // pass 1 bound them over the input row
    srf.calls.clear();
    binder.SetWindow(&window);
    binder.SetSetReturningTargets(&srf);
    std::vector<OutputTarget> grouped_targets = BindTargetList(binder, scope, stmt.target_list);
    binder.SetSetReturningTargets(nullptr);
    // Origins are those of the ungrouped targets (PostgreSQL marks them
    // before grouping turns column references into group keys).
    for (size_t i = 0; i < grouped_targets.size() && i < targets.size(); ++i) {
      grouped_targets[i].table_oid = targets[i].table_oid;
      grouped_targets[i].attnum = targets[i].attnum;
    }
    targets = std::move(grouped_targets);
    window.forbidden = "HAVING";
    if (stmt.having) having = binder.CoerceToBoolean(binder.BindExpr(*stmt.having), "HAVING");
    window.forbidden = nullptr;
  }

  // ORDER BY: output columns by name or position, else expressions over the
  // scanned row evaluated as extra (junk) columns after the output ones.
  std::vector<const BoundExpr*> project;
  for (const OutputTarget& t : targets) project.push_back(t.expr.get());
  std::vector<BoundExprPtr> junk;
  std::vector<SortKey> sort_keys;
  int junk_location = -1;  // of the first ORDER BY expression not in the select list
  for (const ast::SortBy& sb : stmt.sort) {
    int column = -1;
    const ast::Expr& e = *sb.expr;
    if (e.kind == ast::ExprKind::kColumnRef) {
      const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
      if (ref.fields.size() == 1 && ref.fields[0] != "*") {
        for (size_t i = 0; i < targets.size(); ++i) {
          if (targets[i].name != ref.fields[0]) continue;
          if (column >= 0 && !SameColumn(*targets[static_cast<size_t>(column)].expr,
                                         *targets[i].expr)) {
            throw binder.ErrorAt(SqlState::kAmbiguousColumn,
                                 "ORDER BY \"" + ref.fields[0] + "\" is ambiguous", ref.location);
          }
          if (column < 0) column = static_cast<int>(i);
        }
      }
    } else if (e.kind == ast::ExprKind::kConstant &&
               static_cast<const ast::ConstantExpr&>(e).const_kind ==
                   ast::ConstantExpr::Kind::kInteger) {
      const int32_t pos = static_cast<const ast::ConstantExpr&>(e).ival;
      if (pos < 1 || static_cast<size_t>(pos) > targets.size()) {
        throw binder.ErrorAt(SqlState::kInvalidColumnReference,
                             "ORDER BY position " + std::to_string(pos) + " is not in select list",
                             e.location);
      }
      column = pos - 1;
    }
    Oid type = 0;
    if (column < 0) {
      BoundExprPtr bound = binder.ResolveUnknownToText(binder.BindExpr(e));
      type = bound->type().oid;
      column = static_cast<int>(project.size());
      if (junk_location < 0) junk_location = e.location;
      project.push_back(bound.get());
      junk.push_back(std::move(bound));
    } else {
      type = targets[static_cast<size_t>(column)].expr->type().oid;
    }
    if (LacksBtreeOpclass(type)) {  // no btree opclass: PostgreSQL's parse-time error
      throw binder
          .ErrorAt(SqlState::kUndefinedFunction,
                   "could not identify an ordering operator for type " + FormatTypeName(type),
                   e.location)
          .WithHint("Use an explicit ordering operator or modify the query.");
    }
    const NullsOrder nulls = sb.nulls == ast::SortBy::Nulls::kFirst  ? NullsOrder::kFirst
                             : sb.nulls == ast::SortBy::Nulls::kLast ? NullsOrder::kLast
                                                                     : NullsOrder::kDefault;
    sort_keys.push_back(SortKey{
        column,
        KeyColumn(type, sb.descending ? SortDirection::kDescending : SortDirection::kAscending,
                  nulls)});
  }

  // DISTINCT ON: more sort keys, and the Unique node's (distinct_on.h).
  std::vector<SortKey> unique_keys;
  if (!stmt.distinct_on.empty()) {
    unique_keys = PlanDistinctOn(binder, stmt, targets, &project, &junk, &sort_keys);
  }
  // Set-returning select-list columns no sort key reads run after the Sort
  // (make_sort_input_target's postponed SRFs): a ProjectSet above it, so
  // ORDER BY may also come from an index. Every select-list column must be
  // one whose slots we can see (to know which read the calls' values).
  bool srf_after_sort = false;
  const int srf_base = grouped ? static_cast<int>(grouping.keys.size() + grouping.aggs.size())
                               : static_cast<int>(from.width);
  auto reads_srf = [&srf_base](const BoundExpr& e, bool* known) {
    std::vector<bool> used;
    *known = CollectColumnSlots(e, &used);
    for (size_t s = static_cast<size_t>(srf_base); s < used.size(); ++s) {
      if (used[s]) return true;
    }
    return false;
  };
  if (!srf.calls.empty() && window.calls.empty() && !sort_keys.empty() && !stmt.distinct &&
      unique_keys.empty() && !stmt.limit_with_ties && stmt.locking.empty()) {
    FinishSetReturningSlots(srf, srf_base);
    srf_after_sort = true;
    for (const BoundExpr* e : project) {
      bool known = false;
      reads_srf(*e, &known);
      srf_after_sort = srf_after_sort && known;
    }
    for (const SortKey& k : sort_keys) {
      bool known = false;
      if (reads_srf(*project[static_cast<size_t>(k.column)], &known)) srf_after_sort = false;
    }
  }
  const LimitClause limit = EvaluateLimitClause(ctx, stmt);
  const int64_t offset = limit.offset, count = limit.count;

  TableQueryResult result;
  if (ctx.analyze_only) {
    result.targets = std::move(targets);
    return result;
  }

  // Plan-time constant folding (plan_time_folding.h), in the order of
  // PostgreSQL's preprocess_expression: the select list (ORDER BY's
  // expressions are junk entries of it), then WHERE, then HAVING. A WHERE
  // that folds to FALSE or NULL replaces the FROM clause's plan below.
  for (const OutputTarget& t : targets) FoldAtPlanTime(*t.expr);
  for (const BoundExprPtr& j : junk) FoldAtPlanTime(*j);
  bool where_false = false;
  if (where) {
    const std::optional<Value> folded = FoldAtPlanTime(*where);
    where_false = folded && (folded->is_null() || !folded->bool_value());
  }
  if (having) FoldAtPlanTime(*having);

  // Primary-key equalities or bounds narrow the scan (WHERE still applies).
  binder.SetGrouping(nullptr);
  // Comma joins: WHERE's conjuncts become hash keys and per-item filters;
  // what is left applies above the joins.
  // Explicit JOINs: conjuncts over one input of a join (not on its nullable
  // side) filter that input below the join. Not under FOR UPDATE/SHARE,
  // whose re-check of changed rows reads the WHERE above the joins.
  if (!stmt.locking.empty()) from.join_inputs.clear();
  // Another join order is planned by binding the statement again over
  // that layout: only when binding has no effects to repeat (LIMIT and
  // OFFSET constants; FROM's items are tables, which JoinPendingFromItems
  // checks).
  bool may_reorder = join_order == nullptr &&
                     (stmt.limit_count == nullptr || IsConstant(*stmt.limit_count)) &&
                     (stmt.limit_offset == nullptr || IsConstant(*stmt.limit_offset));
  {
    // Nor with subqueries or volatile calls anywhere: their planning is
    // not repeated.
    auto plain = [](const ast::Expr* e) {
      return e == nullptr || (!HasSubLink(*e) && !CallsVolatileFunction(*e));
    };
    may_reorder = may_reorder && plain(stmt.where.get()) && plain(stmt.having.get());
    for (const ast::ResTarget& t : stmt.target_list) may_reorder = may_reorder && plain(t.value.get());
    for (const ast::SortBy& sb : stmt.sort) may_reorder = may_reorder && plain(sb.expr.get());
    for (const ast::ExprPtr& g : stmt.group_by) may_reorder = may_reorder && plain(g.get());
    for (const FromPlan::JoinCondition& c : from.join_conditions) {
      may_reorder = may_reorder && plain(c.parsed);
    }
  }
  const std::optional<std::vector<const BoundExpr*>> residual =
      JoinPendingFromItems(&from, where.get(), ctx.param_values,
                           stmt.locking.empty() ? &ctx : nullptr,
                           stmt.locking.empty() ? &binder : nullptr, stmt.where.get(),
                           may_reorder && stmt.locking.empty());
  if (!from.join_order.empty()) {
    const std::vector<size_t> order = from.join_order;
    return RunSelectCore(ctx, stmt, sink, &order);
  }
  PlanNodePtr plan = std::move(from.plan);
  // One table: the access path the cost model prefers (index_paths.h).
  bool presorted = false;  // the scan returns rows in ORDER BY's order
  // GROUP BY: the scan returns rows in the group keys' order (GroupAgg).
  bool group_sorted = false;
  GroupingCost grouping_cost;
  bool group_serves_order_by = false;  // the groups come out in ORDER BY's order
  std::vector<const BoundExpr*> scan_conjuncts;  // WHERE's, index conditions first
  size_t scan_index_conds = 0;
  // A sequential scan of the whole table (parallel query may replace it).
  bool whole_seq_scan = false;
  PathCost seq_scan_cost;
  int seq_scan_width = 0;
  // SELECT DISTINCT over the one table's path: sort or hash (agg_cost.h),
  // or a Unique over a path in the keys' order.
  std::optional<DistinctCostInput> distinct_cost;
  GroupingCost distinct_grouping;
  bool distinct_presorted = false;
  std::optional<PlanNode::Estimate> distinct_estimate;  // its Unique's
  // A scan of the whole table that parallel query may put in place of an
  // index-only scan of it (whose cost, `serial_index_cost`, it must beat).
  std::unique_ptr<SeqScan> whole_table_alternative;
  std::optional<PathCost> serial_index_cost;
  // min()/max() read from indexes instead of the aggregate (plan_min_max.h).
  MinMaxPlan min_max;
  // (A partitioned table with one partition has one codec too, the
  // partition's: its Append maps the partition's columns to the parent's
  // and adds tableoid, so it is not replaced by a scan of the partition.)
  if (stmt.from.size() == 1 && stmt.from[0].kind == ast::FromItem::Kind::kTable &&
      from.codecs.size() == 1 && !residual &&  // a table, not a view
      dynamic_cast<InheritanceAppend*>(plan.get()) == nullptr) {
    const TableCodec& codec = *from.codecs.at(0);
    AccessPathRequest request;
    request.codec = &codec;
    request.scope_alias = scope.relations[0].alias;
    request.where = stmt.where.get();
    request.params = ctx.param_values;
    request.allow_indexes = stmt.locking.empty();
    // ORDER BY over plain columns, when nothing between scan and Sort
    // reorders rows.
    if (!sort_keys.empty() && !grouped && window.calls.empty() &&
        (srf.calls.empty() || srf_after_sort) &&
        !stmt.distinct && unique_keys.empty() && !stmt.limit_with_ties) {
      request.wants_order = true;
      for (size_t i = 0; i < sort_keys.size(); ++i) {
        const SortKey& k = sort_keys[i];
        const BoundExpr* e = project[static_cast<size_t>(k.column)];
        if (e->kind() != BoundExprKind::kColumnRef) {
          // An expression an index may hold (ChooseAccessPath matches it).
          const ast::Expr* written = i < stmt.sort.size() ? stmt.sort[i].expr.get() : nullptr;
          if (written != nullptr && written->kind != ast::ExprKind::kConstant) {
            request.order.push_back(
                ColumnOrderKey{-1, k.key.descending, k.key.nulls_first, written, k.key.type});
            continue;
          }
          request.wants_order = false;
          break;
        }
        const int slot = static_cast<const BoundColumnRef&>(*e).slot();
        if (slot < 0 || static_cast<size_t>(slot) >= codec.table().columns.size() ||
            codec.table().columns[static_cast<size_t>(slot)].type != k.key.type) {
          request.wants_order = false;
          break;
        }
        request.order.push_back(
            ColumnOrderKey{slot, k.key.descending, k.key.nulls_first, nullptr, k.key.type});
      }
      if (!request.wants_order) request.order.clear();
    }
    // GROUP BY over plain columns: a path in the keys' order may feed a
    // GroupAggregate instead (the cost model weighs it, agg_cost.h).
    if (grouped && grouping.sets.empty() && grouping.grouping_funcs.empty() &&
        !grouping.keys.empty() && window.calls.empty()) {
      grouping_cost.aggregates = static_cast<int>(grouping.aggs.size());
      bool plain = true;
      std::vector<int> key_slots;
      for (const BoundExprPtr& k : grouping.keys) {
        const int slot = k->kind() == BoundExprKind::kColumnRef
                             ? static_cast<const BoundColumnRef&>(*k).slot()
                             : -1;
        plain = plain && slot >= 0 && static_cast<size_t>(slot) < codec.table().columns.size() &&
                codec.table().columns[static_cast<size_t>(slot)].type == k->type().oid;
        key_slots.push_back(slot);
      }
      if (plain) {
        grouping_cost.key_slots = key_slots;
        // ORDER BY's keys first when each names a group key (PostgreSQL
        // orders GROUP BY's keys to match), then the other keys ascending.
        std::vector<bool> placed(key_slots.size(), false);
        bool order_by_keys = !sort_keys.empty();
        std::vector<ColumnOrderKey> order;
        for (const SortKey& k : sort_keys) {
          const BoundExpr* e = project[static_cast<size_t>(k.column)];
          const int key = e->kind() == BoundExprKind::kColumnRef
                              ? static_cast<const BoundColumnRef&>(*e).slot()
                              : -1;
          if (key < 0 || static_cast<size_t>(key) >= key_slots.size()) {
            order_by_keys = false;
            break;
          }
          if (placed[static_cast<size_t>(key)]) continue;
          placed[static_cast<size_t>(key)] = true;
          order.push_back(ColumnOrderKey{key_slots[static_cast<size_t>(key)], k.key.descending,
                                         k.key.nulls_first, nullptr, k.key.type});
        }
        if (!order_by_keys) {
          order.clear();
          placed.assign(key_slots.size(), false);
        }
        for (size_t i = 0; i < key_slots.size(); ++i) {
          if (placed[i]) continue;
          order.push_back(ColumnOrderKey{key_slots[i], false, false, nullptr,
                                         grouping.keys[i]->type().oid});
        }
        grouping_cost.order_by = !sort_keys.empty();
        group_serves_order_by = order_by_keys && srf.calls.empty() && !stmt.distinct &&
                                unique_keys.empty() && !stmt.limit_with_ties;
        grouping_cost.group_order_serves_order_by = group_serves_order_by;
        grouping_cost.group_width = 8 * static_cast<int>(project.size());
        request.order = std::move(order);
        request.wants_order = true;
        request.grouping = &grouping_cost;
      }
    }
    // SELECT DISTINCT over plain columns: a path in their order (ORDER BY's
    // keys first when each names one) may feed a Unique, weighed against
    // sorting or hashing any other path (agg_cost.h).
    if (stmt.distinct && !grouped && window.calls.empty() && srf.calls.empty() &&
        unique_keys.empty() && !stmt.limit_with_ties && project.size() == targets.size()) {
      const auto table_slot = [&](size_t column) {
        const BoundExpr* e = project[column];
        if (e->kind() != BoundExprKind::kColumnRef) return -1;
        const int slot = static_cast<const BoundColumnRef&>(*e).slot();
        // (A type without btree ordering is the DISTINCT block's error.)
        return slot >= 0 && static_cast<size_t>(slot) < codec.table().columns.size() &&
                       codec.table().columns[static_cast<size_t>(slot)].type == e->type().oid &&
                       !LacksBtreeOpclass(e->type().oid)
                   ? slot
                   : -1;
      };
      std::vector<ColumnOrderKey> order;
      std::vector<int> slots;
      bool plain = true;
      auto add = [&](int slot, const KeyColumn& key) {
        for (const ColumnOrderKey& o : order) {
          if (o.slot == slot) return;  // a column listed twice sorts once
        }
        order.push_back(ColumnOrderKey{slot, key.descending, key.nulls_first, nullptr, key.type});
      };
      for (size_t i = 0; plain && i < targets.size(); ++i) {
        slots.push_back(table_slot(i));
        plain = slots.back() >= 0;
      }
      bool order_by_keys = plain;
      for (const SortKey& k : sort_keys) {
        order_by_keys = order_by_keys && static_cast<size_t>(k.column) < targets.size();
        if (order_by_keys) add(slots[static_cast<size_t>(k.column)], k.key);
      }
      if (!order_by_keys) order.clear();
      for (size_t i = 0; plain && i < targets.size(); ++i) {
        add(slots[i], KeyColumn(targets[i].expr->type().oid));
      }
      if (plain) {
        distinct_grouping.key_slots = slots;
        distinct_grouping.unique = true;
        distinct_grouping.order_by = !sort_keys.empty();
        distinct_grouping.group_order_serves_order_by = order_by_keys && !sort_keys.empty();
        distinct_grouping.group_width = 8 * static_cast<int>(targets.size());
        request.order = std::move(order);
        request.wants_order = true;
        request.grouping = &distinct_grouping;
      }
    }
    // The columns the statement reads, and those it needs above the scan.
    const ScopeRelation& relation = scope.relations[0];
    if (!relation.columns.empty() && relation.columns[0].use != nullptr) {
      request.columns_read = relation.columns[0].use->read;
      request.columns_needed = request.columns_read;
      std::vector<bool> in_where, above;
      bool known = where == nullptr || CollectColumnSlots(*where, &in_where);
      if (!grouped) {
        for (const BoundExpr* e : project) known = known && CollectColumnSlots(*e, &above);
      }
      for (size_t slot = 0; known && slot < in_where.size() && slot < request.columns_needed.size();
           ++slot) {
        if (in_where[slot] && (slot >= above.size() || !above[slot])) {
          request.columns_needed[slot] = false;
        }
      }
    }
    if (count >= 0) {
      request.limit_count = static_cast<double>(count);
      request.limit_offset = static_cast<double>(offset);
    }
    AccessPath path = ChooseAccessPath(binder, ctx, request);
    if (grouped && grouping.keys.empty() && grouping.sets.empty() &&
        grouping.grouping_funcs.empty() && !grouping.aggs.empty() && window.calls.empty() &&
        unique_keys.empty() && stmt.locking.empty() &&
        !where_false && dynamic_cast<const SeqScan*>(plan.get()) != nullptr &&
        (stmt.where == nullptr ||
         (!HasSubLink(*stmt.where) && !CallsVolatileFunction(*stmt.where)))) {
      MinMaxInput in;
      in.ctx = &ctx;
      in.binder = &binder;
      in.codec = &codec;
      in.request = &request;
      in.grouping = &grouping;
      in.parsed_where = stmt.where.get();
      in.where = where.get();
      in.alias = stmt.from[0].table.alias;
      in.seq_scan = static_cast<const SeqScan*>(plan.get());
      in.aggregate_cost = AggCost(CostParams::Current(), path.cost, 0,
                                  static_cast<int>(grouping.aggs.size()), 1, false)
                              .total;
      min_max = PlanMinMaxAggregates(in);
    }
    if (stmt.distinct && !grouped && window.calls.empty() && srf.calls.empty() &&
        !path.ordered) {
      distinct_cost = DistinctCostOver(ctx, codec.table(), path, targets, !sort_keys.empty());
    }
    if (request.grouping == &distinct_grouping) {
      distinct_presorted = path.ordered;
      if (path.ordered) {
        const RelationEstimate rel(ctx.txn, ctx.db->catalog()->key_scope(), codec.table());
        const PathCost unique =
            UniqueCost(CostParams::Current(), path.cost, static_cast<int>(targets.size()),
                       EstimateNumGroups(rel, distinct_grouping.key_slots, path.cost.rows));
        distinct_estimate = PlanNode::Estimate{unique.startup, unique.total, unique.rows, path.width};
      }
      presorted = path.ordered && distinct_grouping.group_order_serves_order_by;
    } else if (request.grouping != nullptr) {
      group_sorted = path.ordered;
      presorted = path.ordered && group_serves_order_by;
    } else {
      presorted = path.ordered;
    }
    const bool plain_seq_scan =
        path.kind == AccessPath::Kind::kSeqScan && !path.primary_key_range;
    whole_seq_scan = plain_seq_scan;
    seq_scan_cost = path.cost;
    seq_scan_width = path.width;
    // The whole table read through a smaller index, for no order and no
    // condition (count(*)): parallel query may still scan the table
    // instead, there being no Parallel Index Only Scan here.
    // (Or in the DISTINCT columns' order for a Unique, when that is not
    // ORDER BY's too.)
    if (path.index_only && (!path.ordered || (distinct_presorted && !presorted)) &&
        where == nullptr && path.kind != AccessPath::Kind::kSeqScan &&
        path.kind != AccessPath::Kind::kBitmap) {
      if (const auto* seq = dynamic_cast<const SeqScan*>(plan.get())) {
        auto table_scan = std::make_unique<SeqScan>(ctx.txn, &codec);
        table_scan->set_explain_name(seq->explain_name());
        table_scan->SetColumnsRead(seq->columns_read());
        const RelationEstimate rel(ctx.txn, ctx.db->catalog()->key_scope(), codec.table());
        whole_table_alternative = std::move(table_scan);
        serial_index_cost = path.cost;
        seq_scan_cost = PathCost{0, SeqScanCost(CostParams::Current(), rel, 0), path.cost.rows};
      }
    }
    PathScan built = BuildPathScan(ctx, codec, std::move(path), stmt.from[0].table.alias,
                                   std::move(plan),
                                   AlignBoundConjuncts(stmt.where.get(), where.get()));
    plan = std::move(built.plan);
    scan_conjuncts = std::move(built.conjuncts);
    scan_index_conds = built.silent;
    if (plain_seq_scan && stmt.locking.empty()) {
      // Inside a correlated subquery: `column = outer column` by hash.
      if (PlanNodePtr lookup = CorrelatedLookupScan(ctx, binder, codec, stmt.where.get())) {
        plan = std::move(lookup);
        whole_seq_scan = false;
      }
    }
  }
  SeqScan* scan = dynamic_cast<SeqScan*>(plan.get());
  // One table with inheritance children or partitions: WHERE prunes the
  // partitions it rules out and filters each member's rows inside the
  // Append, as PostgreSQL pushes the quals down to the child scans.
  bool filtered_in_append = false;
  if (auto* append = dynamic_cast<InheritanceAppend*>(plan.get());
      append != nullptr && where && !residual && stmt.locking.empty() && stmt.from.size() == 1 &&
      stmt.from[0].kind == ast::FromItem::Kind::kTable) {
    const catalog::TableDesc& root = LookupTable(ctx, stmt.from[0].table);
    if (root.partition_key && stmt.from[0].table.inh) {
      const std::set<Oid> keep = UnprunedPartitions(ctx, binder, root, scope.relations[0].alias,
                                                    stmt.where.get());
      append->KeepMembers([&keep](Oid oid) { return keep.count(oid) != 0; });
    }
    append->SetFilter(where.get(), ctx.param_values);
    filtered_in_append = true;
  }
  if (residual) {
    if (!residual->empty()) {
      plan = std::make_unique<ConjunctFilter>(std::move(plan), *residual, 0, ctx.param_values);
    }
  } else if (scan_index_conds > 0 && !filtered_in_append) {
    // The index conditions are rechecked (an index range can take in NULLs
    // at an open end) but shown by the scan; the rest is the Filter.
    auto filter = std::make_unique<ConjunctFilter>(std::move(plan), scan_conjuncts, 0,
                                                   ctx.param_values);
    filter->set_silent_prefix(scan_index_conds);
    plan = std::move(filter);
  } else if (where && !filtered_in_append) {
    plan = std::make_unique<Filter>(std::move(plan), where.get(), ctx.param_values);
  }
  if (where_false && stmt.locking.empty()) {
    plan = std::make_unique<OneTimeFalseResult>();
  }
  if (!stmt.locking.empty()) plan = AddLockRows(ctx, stmt, from, scan, std::move(plan));
  if (grouped && grouping.keys.empty() && grouping.aggs.empty()) {
    // Degenerate grouping (HAVING without GROUP BY or aggregates): one group
    // whatever the input, so PostgreSQL never scans it -- nor evaluates WHERE.
    plan = std::make_unique<Limit>(std::move(plan), 0, 0);
  }
  // What a parallel plan (plan_parallel.h) starts from: the whole-table
  // scan and WHERE.
  auto parallel_input = [&] {
    ParallelSelectInput in;
    in.ctx = &ctx;
    in.scan = whole_table_alternative != nullptr ? whole_table_alternative.get() : scan;
    in.scan_cost = seq_scan_cost;
    in.serial_scan_cost = serial_index_cost;
    in.serial_unique = distinct_presorted;
    in.scan_width = seq_scan_width;
    in.where = where.get();
    return in;
  };
  const bool parallel_scan_possible =
      (whole_seq_scan && scan != nullptr) || whole_table_alternative != nullptr;
  if (grouped) {
    if (min_max.plan != nullptr) {
      // The scan planned above is not run: each aggregate has its own.
      plan = std::move(min_max.plan);
      scan = nullptr;
    } else if (!grouping.sets.empty() || !grouping.grouping_funcs.empty()) {
      plan = std::make_unique<GroupingSetsAgg>(std::move(plan), &grouping, ctx.param_values);
    } else {
      // Parallel aggregation (plan_parallel.h): Finalize Aggregate ->
      // Gather -> Partial Aggregate (or Aggregate -> Gather) over a plain
      // one-table scan.
      ParallelAggPlan parallel;
      if (!group_sorted && parallel_scan_possible && stmt.locking.empty() && !residual &&
          scan_index_conds == 0 && !where_false &&
          (!grouping.keys.empty() || !grouping.aggs.empty()) &&
          ParallelQueryScope::Allows(&stmt)) {
        ParallelSelectInput in = parallel_input();
        for (const OutputTarget& t : targets) in.project.push_back(t.expr.get());
        in.other.push_back(having.get());
        // ORDER BY the GROUP BY keys in their order: the sorted form.
        // (Descending: one key, NULLS FIRST as DESC has by default.)
        bool by_keys = !sort_keys.empty() && sort_keys.size() == grouping.keys.size() &&
                       window.calls.empty() && srf.calls.empty() && !stmt.distinct &&
                       unique_keys.empty();
        in.keys_descending = by_keys && sort_keys.size() == 1 && sort_keys[0].key.descending &&
                             sort_keys[0].key.nulls_first;
        for (size_t i = 0; by_keys && i < sort_keys.size(); ++i) {
          const BoundExpr* e = project[static_cast<size_t>(sort_keys[i].column)];
          by_keys = e->kind() == BoundExprKind::kColumnRef &&
                    static_cast<const BoundColumnRef&>(*e).slot() == static_cast<int>(i) &&
                    (in.keys_descending ||
                     (!sort_keys[i].key.descending && !sort_keys[i].key.nulls_first));
        }
        parallel = PlanParallelAggregate(in, &grouping.keys, &grouping.aggs, by_keys);
      }
      if (group_sorted) {
        plan = std::make_unique<GroupAgg>(std::move(plan), &grouping.keys, &grouping.aggs,
                                          ctx.param_values);
      } else if (parallel.plan != nullptr && parallel.gather_only) {
        plan = std::make_unique<HashAgg>(std::move(parallel.plan), &grouping.keys,
                                         &grouping.aggs, ctx.param_values);
        scan = nullptr;
      } else if (parallel.plan != nullptr) {
        plan = std::move(parallel.plan);
        scan = nullptr;
        presorted = parallel.sorted;  // rows in ORDER BY's (the keys') order
      } else {
        plan = std::make_unique<HashAgg>(std::move(plan), &grouping.keys, &grouping.aggs,
                                         ctx.param_values);
      }
    }
    if (having) plan = std::make_unique<Filter>(std::move(plan), having.get(), ctx.param_values);
  }
  int width = grouped ? static_cast<int>(grouping.keys.size() + grouping.aggs.size())
                      : static_cast<int>(from.width);
  size_t order_by_presorted = 0;  // ORDER BY keys the rows already arrive ordered by
  if (!window.calls.empty()) {
    FinishWindowSlots(window, width);
    // What the nodes above read of the window's input: the select list and
    // sort columns (set-returning calls: not looked into).
    std::vector<bool> used_above;
    bool known = srf.calls.empty();
    for (const BoundExpr* e : project) known = known && CollectColumnSlots(*e, &used_above);
    WindowPlanInput in;
    in.used_above = known ? &used_above : nullptr;
    for (const SortKey& k : sort_keys) {
      in.order_by.emplace_back(project[static_cast<size_t>(k.column)], k.key);
    }
    if (grouped) in.group_keys = static_cast<int>(grouping.keys.size());
    WindowPlan planned = PlanWindowAggs(std::move(plan), window.calls, width, ctx.param_values, in);
    plan = std::move(planned.node);
    if (IncrementalSortEnabled()) order_by_presorted = planned.order_by_presorted;
    // The windows' order is ORDER BY's: no Sort (PostgreSQL's
    // pathkeys_contained_in), when nothing between needs the sort-only
    // columns or another order.
    if (planned.serves_order_by && !stmt.distinct && unique_keys.empty() &&
        !stmt.limit_with_ties && srf.calls.empty()) {
      sort_keys.clear();
      project.resize(targets.size());
    }
    width += static_cast<int>(window.calls.size());
  }
  // The set-returning calls run here unless the Sort below them is needed
  // (the scan's order is not ORDER BY's).
  const bool postpone_srf = srf_after_sort && !presorted;
  if (!srf.calls.empty() && !postpone_srf) {
    FinishSetReturningSlots(srf, width);
    plan = std::make_unique<ProjectSet>(std::move(plan), &srf.calls, ctx.param_values);
  }
  if (presorted) {  // the scan's order is ORDER BY's: no Sort, no sort-only columns
    sort_keys.clear();
    project.resize(targets.size());
  }
  // Volatile select-list columns no sort key names are evaluated after the
  // Sort (make_sort_input_target): the pre-sort projection carries the input
  // row instead (placeholders in their columns), PostSortProject above the
  // Sort computes them. Not with DISTINCT [ON] or WITH TIES (every column, or
  // the sort keys, are needed before), nor with set-returning columns.
  std::vector<const BoundExpr*> postponed;
  std::vector<BoundExprPtr> postponed_owned;  // placeholders and carried columns
  size_t carried_base = 0;
  if (!sort_keys.empty() && !stmt.distinct && unique_keys.empty() && !stmt.limit_with_ties &&
      (srf.calls.empty() || postpone_srf)) {
    postponed.assign(targets.size(), nullptr);
    bool any = false;
    for (size_t i = 0; i < targets.size(); ++i) {
      const bool sort_column = std::any_of(sort_keys.begin(), sort_keys.end(),
                                           [&](const SortKey& k) { return k.column == static_cast<int>(i); });
      bool known = false;
      const bool srf_column = postpone_srf && reads_srf(*targets[i].expr, &known);
      if (sort_column || !(srf_column || ContainsVolatileCall(*targets[i].expr))) continue;
      postponed[i] = targets[i].expr.get();
      const DataType type = targets[i].expr->type();
      postponed_owned.push_back(std::make_unique<BoundConstant>(Value::Null(type.oid), type, -1));
      project[i] = postponed_owned.back().get();
      any = true;
    }
    if (any) {
      carried_base = project.size();
      for (int slot = 0; slot < width; ++slot) {
        postponed_owned.push_back(
            std::make_unique<BoundColumnRef>(slot, DataType{type_oid::kUnknown}, -1));
        project.push_back(postponed_owned.back().get());
      }
    } else {
      postponed.clear();
    }
  }
  // Parallel query (plan_parallel.h): the scan [and DISTINCT's first pass]
  // in workers under a Gather, for a plain one-table SELECT.
  bool parallel_distinct = false, parallel_projected = false;
  if (parallel_scan_possible && !grouped && window.calls.empty() &&
      srf.calls.empty() && stmt.locking.empty() && !residual && scan_index_conds == 0 &&
      !where_false && postponed.empty() && unique_keys.empty() && !stmt.limit_with_ties &&
      (stmt.distinct ? project.size() == targets.size() : sort_keys.empty()) &&
      ParallelQueryScope::Allows(&stmt)) {
    ParallelSelectInput in = parallel_input();
    in.project = project;
    for (const BoundExpr* e : project) in.project_cost += EvalCostPerTuple(CostParams::Current(), *e);
    in.distinct = stmt.distinct;
    if (count >= 0) in.limit_rows = static_cast<double>(offset + count);
    ParallelSelectPlan parallel = PlanParallelSelect(in);
    if (parallel.plan != nullptr) {
      plan = std::move(parallel.plan);
      scan = nullptr;
      parallel_distinct = stmt.distinct;
      parallel_projected = parallel.projected;
    }
  }
  if (!parallel_projected) {
    plan = std::make_unique<Project>(std::move(plan), project, ctx.param_values);
  }
  bool distinct_sorted = false;
  if (stmt.distinct) {
    if (project.size() > targets.size()) {
      throw binder.ErrorAt(SqlState::kInvalidColumnReference,
                           "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                           junk_location);
    }
    std::vector<KeyColumn> columns;
    for (const OutputTarget& t : targets) {
      const Oid type = t.expr->type().oid;
      if (LacksBtreeOpclass(type)) {
        throw binder.ErrorAt(SqlState::kUndefinedFunction,
                             "could not identify an equality operator for type " +
                                 FormatTypeName(type),
                             t.expr->location());
      }
      columns.emplace_back(type);
    }
    const bool by_sort =
        HashAggDisabled() || parallel_distinct ||
        (distinct_cost && DistinctBySort(CostParams::Current(), *distinct_cost));
    if (distinct_presorted && !parallel_distinct) {
      // The scan returns rows in the distinct columns' order: equal rows
      // are adjacent, a Unique drops the repeats.
      std::vector<SortKey> keys;
      for (size_t i = 0; i < targets.size(); ++i) keys.push_back(SortKey{static_cast<int>(i), columns[i]});
      plan = std::make_unique<Unique>(std::move(plan), std::move(keys));
      if (distinct_estimate) plan->set_estimate(*distinct_estimate);
      distinct_sorted = presorted;
    } else if (by_sort) {
      // enable_hashagg = off, over a parallel plan's gathered rows, or when
      // it costs less (volatile outputs: as many groups as rows): Sort +
      // Unique, PostgreSQL's choice there. The distinct columns sort in
      // ORDER BY's order first (transformDistinctClause puts ORDER BY's
      // items first), so that sort also serves ORDER BY.
      std::vector<SortKey> keys = sort_keys;
      for (size_t i = 0; i < targets.size(); ++i) {
        const bool listed = std::any_of(keys.begin(), keys.end(), [&](const SortKey& k) {
          return k.column == static_cast<int>(i);
        });
        if (!listed) keys.push_back(SortKey{static_cast<int>(i), columns[i]});
      }
      plan = std::make_unique<Sort>(std::move(plan), keys, targets.size());
      plan = std::make_unique<Unique>(std::move(plan), std::move(keys));
      if (distinct_cost && !parallel_distinct) {
        const CostParams params = CostParams::Current();
        const PathCost unique =
            UniqueCost(params, SortCost(params, distinct_cost->input, distinct_cost->width, -1),
                       distinct_cost->columns, distinct_cost->groups);
        plan->set_estimate({unique.startup, unique.total, unique.rows, distinct_cost->width});
      }
      distinct_sorted = true;  // rows are already in ORDER BY's order
    } else {
      plan = std::make_unique<HashDistinct>(std::move(plan), std::move(columns));
      if (distinct_cost && !parallel_distinct) {
        PathCost hashed = AggCost(CostParams::Current(), distinct_cost->input,
                                  distinct_cost->columns, 0, distinct_cost->groups, false);
        hashed.total += distinct_cost->output_cost * distinct_cost->groups;
        plan->set_estimate({hashed.startup, hashed.total, hashed.rows, distinct_cost->width});
      }
    }
  }
  // Unique and WITH TIES compare sort keys, so Sort keeps junk columns then.
  const bool keep_junk = !unique_keys.empty() || stmt.limit_with_ties;
  if (!sort_keys.empty() && !distinct_sorted) {
    auto sort = std::make_unique<Sort>(std::move(plan), sort_keys,
                                       keep_junk || !postponed.empty() ? project.size()
                                                                       : targets.size());
    if (!stmt.distinct) sort->set_presorted_keys(order_by_presorted);
    plan = std::move(sort);
  }
  if (!postponed.empty()) {
    std::vector<const BoundExpr*> calls;
    if (postpone_srf) {
      // Over the carried input row (after the Sort's columns): its values
      // follow it, where the select list's references to them point.
      auto project_set = std::make_unique<ProjectSet>(std::move(plan), &srf.calls,
                                                      ctx.param_values);
      project_set->set_input_base(carried_base);
      plan = std::move(project_set);
      for (const SetReturningTarget& t : srf.calls) calls.push_back(t.call.get());
    }
    auto post = std::make_unique<PostSortProject>(std::move(plan), postponed, carried_base,
                                                  ctx.param_values);
    if (postpone_srf) post->set_project_set(std::move(calls));
    plan = std::move(post);
  }
  if (!unique_keys.empty()) plan = std::make_unique<Unique>(std::move(plan), std::move(unique_keys));
  if (stmt.limit_with_ties) {
    plan = std::make_unique<LimitWithTies>(std::move(plan), offset, count, std::move(sort_keys));
  } else if (offset > 0 || count >= 0) {
    plan = std::make_unique<Limit>(std::move(plan), offset, count);
  }

  if (ctx.explain != nullptr && ctx.explain->Wants(&stmt)) {  // EXPLAIN: describe, do not run
    ctx.explain->Capture(&stmt, &plan, scope);
    result.targets = std::move(targets);
    return result;
  }
  plan->Init();
  Row row;
  while (plan->Next(&row)) {
    if (keep_junk) row.resize(targets.size());
    if (sink != nullptr) {
      (*sink)(std::move(row));
    } else {
      result.rows.push_back(std::move(row));
    }
  }
  plan->Close();
  result.targets = std::move(targets);
  return result;
}

StatementOutput ExecuteTableSelect(CommandContext& ctx, const ast::SelectStatement& stmt) {
  if (std::optional<StatementOutput> point = TryPointSelect(ctx, stmt)) return std::move(*point);
  ParallelQueryScope parallel(&stmt);  // a top-level SELECT (plan_parallel.h)
  TableQueryResult query = RunTableQuery(ctx, stmt);
  StatementOutput result;
  SetResultColumns(query.targets, &result);
  for (const Row& row : query.rows) AppendResultRow(row, &result);
  result.command_tag = "SELECT " + std::to_string(result.rows.size());
  return result;
}

}  // namespace strata::sql
