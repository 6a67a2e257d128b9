// Min/max by index (see plan_min_max.h).
#include "sql/commands/plan_min_max.h"

#include <algorithm>

#include "sql/commands/plan_join.h"
#include "sql/commands/plan_window.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/executor/node_conjunct_filter.h"
#include "sql/executor/node_min_max_result.h"
#include "sql/expr/text_quote.h"
#include "sql/planner/path_cost.h"

namespace strata::sql {

namespace {

// Types whose min() and max() order values as their index keys do (the
// aggregate's comparison and the key encoding agree, NULLs aside).
bool IndexOrderIsAggregateOrder(Oid type) {
  switch (type) {
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kInt8:
    case type_oid::kOid:
    case type_oid::kFloat4:
    case type_oid::kFloat8:
    case type_oid::kNumeric:
    case type_oid::kDate:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
    case type_oid::kText:
    case type_oid::kVarchar:
      return true;
    default:
      return false;
  }
}

// Whether the primary key or a btree index holds the column as a key: the
// only scans that can return it in order. Without one, choosing paths for
// it (an ungrouped aggregate query's every execution) would find nothing.
bool KeyOfSomeIndex(const catalog::TableDesc& table, int16_t attnum) {
  for (int16_t a : table.primary_key) {
    if (a == attnum) return true;
  }
  for (const catalog::IndexDesc& index : table.indexes) {
    if (index.hash) continue;
    for (const catalog::IndexKeyColumn& k : index.keys) {
      if (!k.is_expression() && k.attnum == attnum) return true;
    }
  }
  return false;
}

}  // namespace

MinMaxPlan PlanMinMaxAggregates(const MinMaxInput& in) {
  MinMaxPlan out;
  const CommandContext& ctx = *in.ctx;
  const TableCodec& codec = *in.codec;
  const catalog::TableDesc& table = codec.table();
  const std::vector<AggregateCall>& aggs = in.grouping->aggs;
  if (aggs.empty()) return out;

  std::vector<const ast::Expr*> where_conjuncts;
  if (in.parsed_where != nullptr) CollectConjuncts(in.parsed_where, &where_conjuncts);
  // WHERE's bound conjuncts, per parsed one (empty if they do not align:
  // then the scans show no Index Cond but still check everything).
  const std::vector<std::vector<const BoundExpr*>> aligned =
      in.where != nullptr ? AlignBoundConjuncts(in.parsed_where, in.where)
                          : std::vector<std::vector<const BoundExpr*>>{};
  std::vector<const BoundExpr*> where_bound;
  if (in.where != nullptr) CollectBoundConjuncts(in.where, &where_bound);
  // The columns WHERE reads: each scan reads them and its aggregate's
  // column (so an index holding those is read alone, index-only).
  std::vector<bool> where_columns;
  const bool where_columns_known =
      in.where == nullptr || CollectColumnSlots(*in.where, &where_columns);

  std::vector<MinMaxResult::Subplan> subplans;
  double cost = 0;
  int scans = 0;  // subplans with a scan of their own
  for (size_t j = 0; j < aggs.size(); ++j) {
    const AggregateCall& call = aggs[j];
    if ((call.kind != AggKind::kMin && call.kind != AggKind::kMax) || call.arg == nullptr ||
        call.arg2 != nullptr || call.filter != nullptr || !call.order.empty() ||
        call.arg->kind() != BoundExprKind::kColumnRef) {
      return MinMaxPlan{};
    }
    const int slot = static_cast<const BoundColumnRef&>(*call.arg).slot();
    if (slot < 0 || static_cast<size_t>(slot) >= table.columns.size()) return MinMaxPlan{};
    const catalog::ColumnDesc& column = table.columns[static_cast<size_t>(slot)];
    const Oid type = call.arg->type().oid;
    if (column.dropped || column.type != type || !IndexOrderIsAggregateOrder(type) ||
        !KeyOfSomeIndex(table, column.attnum)) {
      return MinMaxPlan{};
    }
    const bool max = call.kind == AggKind::kMax;
    // The same aggregate again (PostgreSQL's identical Aggrefs are one).
    const auto same = std::find_if(aggs.begin(), aggs.begin() + static_cast<std::ptrdiff_t>(j),
                                   [&](const AggregateCall& earlier) {
                                     return earlier.kind == call.kind &&
                                            static_cast<const BoundColumnRef&>(*earlier.arg).slot() ==
                                                slot;
                                   });
    if (same != aggs.begin() + static_cast<std::ptrdiff_t>(j)) {
      MinMaxResult::Subplan repeat;
      repeat.slot = slot;
      repeat.type = call.type;
      repeat.same_as = static_cast<int>(same - aggs.begin());
      subplans.push_back(std::move(repeat));
      continue;
    }

    // The column's rows in the aggregate's order, NULLs excluded:
    // WHERE AND col IS NOT NULL, ORDER BY col [DESC], LIMIT 1.
    auto not_null = std::make_unique<ast::NullTestExpr>(-1);
    auto ref = std::make_unique<ast::ColumnRefExpr>(-1);
    ref->fields = {column.name};
    not_null->arg = std::move(ref);
    not_null->is_not_null = true;
    // First, as PostgreSQL adds it (lcons): an index condition lists it
    // before WHERE's on the same column. Not twice if WHERE has it.
    const bool in_where = std::any_of(
        where_conjuncts.begin(), where_conjuncts.end(), [&](const ast::Expr* c) {
          if (c->kind != ast::ExprKind::kNullTest) return false;
          const auto& test = static_cast<const ast::NullTestExpr&>(*c);
          if (!test.is_not_null || test.arg->kind != ast::ExprKind::kColumnRef) return false;
          const auto& fields = static_cast<const ast::ColumnRefExpr&>(*test.arg).fields;
          return !fields.empty() && fields.back() == column.name;
        });
    std::vector<const ast::Expr*> conjuncts;
    if (!in_where) conjuncts.push_back(not_null.get());
    conjuncts.insert(conjuncts.end(), where_conjuncts.begin(), where_conjuncts.end());
    AccessPathRequest request;
    request.codec = &codec;
    request.scope_alias = in.request->scope_alias;
    request.conjuncts = &conjuncts;
    request.params = in.request->params;
    request.costs = in.request->costs;
    request.wants_order = true;
    // With NULLs excluded either NULLS order serves: the index's default
    // (DESC: NULLS FIRST, as a backward scan of an ascending index gives),
    // then the other.
    request.order = {ColumnOrderKey{slot, max, max, nullptr, type}};
    request.limit_count = 1;
    if (where_columns_known) {
      request.columns_read.assign(table.columns.size(), false);
      for (size_t c = 0; c < where_columns.size() && c < table.columns.size(); ++c) {
        request.columns_read[c] = where_columns[c];
      }
    } else {
      request.columns_read = in.request->columns_read;  // every column the query reads
    }
    if (!request.columns_read.empty()) request.columns_read[static_cast<size_t>(slot)] = true;
    request.columns_needed.assign(table.columns.size(), false);
    request.columns_needed[static_cast<size_t>(slot)] = true;
    AccessPath path = ChooseAccessPath(*in.binder, ctx, request);
    if (!path.ordered) {
      request.order[0].nulls_first = !max;
      path = ChooseAccessPath(*in.binder, ctx, request);
    }
    if (!path.ordered || path.kind == AccessPath::Kind::kSeqScan) return MinMaxPlan{};
    cost += LimitCost(path.cost, 0, 1).total;

    auto bound_not_null = std::make_unique<BoundNullTest>(
        std::make_unique<BoundColumnRef>(slot, call.arg->type(), -1), true, -1);
    std::vector<std::vector<const BoundExpr*>> bound;
    if (in.where == nullptr || !aligned.empty()) {
      if (!in_where) bound.push_back({bound_not_null.get()});
      bound.insert(bound.end(), aligned.begin(), aligned.end());
    }
    // Each scan is a relation of its own in PostgreSQL's plan, and EXPLAIN
    // names them apart: t, t_1, t_2, ...
    std::string alias = in.alias;
    if (scans > 0) alias = (alias.empty() ? table.name : alias) + "_" + std::to_string(scans);
    ++scans;
    auto seq = std::make_unique<SeqScan>(ctx.txn, &codec);
    seq->set_explain_name("Seq Scan on " + QuoteIdentText(table.name) +
                          (alias.empty() || alias == table.name ? "" : " " + QuoteIdentText(alias)));
    seq->SetColumnsRead(in.seq_scan->columns_read());
    PathScan built = BuildPathScan(ctx, codec, std::move(path), alias, std::move(seq), bound);
    std::vector<const BoundExpr*> recheck = built.conjuncts;
    size_t silent = built.silent;
    if (recheck.empty()) {
      recheck = where_bound;
      if (!in_where) recheck.push_back(bound_not_null.get());
      silent = 0;
    }
    auto filter = std::make_unique<ConjunctFilter>(std::move(built.plan), std::move(recheck), 0,
                                                   in.request->params);
    filter->set_silent_prefix(silent);
    MinMaxResult::Subplan subplan;
    subplan.plan = std::make_unique<Limit>(std::move(filter), 0, 1);
    subplan.slot = slot;
    subplan.type = call.type;
    subplan.relation = QuoteIdentText(alias.empty() ? table.name : alias);
    subplans.push_back(std::move(subplan));
    out.parsed.push_back(std::move(not_null));
    out.bound.push_back(std::move(bound_not_null));
  }
  if (cost >= in.aggregate_cost) return MinMaxPlan{};
  out.plan = std::make_unique<MinMaxResult>(std::move(subplans));
  return out;
}

}  // namespace strata::sql
