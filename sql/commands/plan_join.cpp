// MakeJoinNode and the comma-join planning of JoinPendingFromItems (see
// plan_join.h).
#include "sql/commands/plan_join.h"

#include <algorithm>
#include <map>

#include "sql/database.h"
#include "sql/executor/hash_join_keys.h"
#include "sql/executor/node_column_reorder.h"
#include "sql/planner/relation_estimate.h"
#include "sql/executor/node_conjunct_filter.h"
#include "sql/executor/node_hash_join.h"
#include "sql/executor/node_index_nest_loop.h"
#include "sql/executor/node_merge_join.h"
#include "sql/commands/index_paths.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/planner/join_cost.h"
#include "sql/planner/selectivity.h"
#include "sql/table/index_codec.h"
#include "sql/commands/stored_expr.h"
#include "sql/executor/explain_writer.h"
#include "sql/expr/text_quote.h"

namespace strata::sql {

void CollectBoundConjuncts(const BoundExpr* e, std::vector<const BoundExpr*>* out) {
  if (e->kind() == BoundExprKind::kBoolOp) {
    const auto& op = static_cast<const BoundBoolOp&>(*e);
    if (op.op() == BoundBoolOp::Op::kAnd) {
      for (const BoundExprPtr& a : op.args()) CollectBoundConjuncts(a.get(), out);
      return;
    }
  }
  out->push_back(e);
}

std::vector<std::vector<const BoundExpr*>> AlignBoundConjuncts(const ast::Expr* parsed_where,
                                                               const BoundExpr* where) {
  if (parsed_where == nullptr || where == nullptr) return {};
  std::vector<const ast::Expr*> parsed;
  CollectConjuncts(parsed_where, &parsed);
  std::vector<std::vector<const BoundExpr*>> bound(parsed.size());
  if (parsed.size() == 1) {
    CollectBoundConjuncts(where, &bound[0]);
    return bound;
  }
  if (where->kind() != BoundExprKind::kBoolOp) return {};
  const auto& op = static_cast<const BoundBoolOp&>(*where);
  if (op.op() != BoundBoolOp::Op::kAnd || op.args().size() != parsed.size()) return {};
  for (size_t i = 0; i < parsed.size(); ++i) CollectBoundConjuncts(op.args()[i].get(), &bound[i]);
  return bound;
}

PlanNodePtr MakeJoinNode(PlanNodePtr outer, PlanNodePtr inner, JoinType type,
                         std::vector<const BoundExpr*> quals, size_t outer_width,
                         size_t inner_width, std::vector<const BoundExpr*> extra,
                         size_t slot_base, const std::vector<Value>* params) {
  std::vector<HashJoinKey> keys = FindHashJoinKeys(quals, slot_base, outer_width, inner_width);
  if (!keys.empty()) {
    auto join = std::make_unique<HashJoin>(std::move(outer), std::move(inner), type,
                                           std::move(quals), std::move(keys), outer_width,
                                           inner_width, std::move(extra), params);
    join->set_slot_base(slot_base);
    return join;
  }
  auto loop = std::make_unique<NestLoop>(std::move(outer), std::move(inner), type,
                                         std::move(quals), outer_width, inner_width,
                                         std::move(extra), params);
  loop->set_slot_base(slot_base);
  return loop;
}

namespace {

// Collects the FROM slots `e` reads; false if it may not move below a join
// (a volatile call, a subquery, an outer query's column, an array node).
bool PushableSlots(const BoundExpr& e, std::vector<int>* slots) {
  const auto all = [&](const std::vector<BoundExprPtr>& args) {
    for (const BoundExprPtr& a : args) {
      if (!PushableSlots(*a, slots)) return false;
    }
    return true;
  };
  switch (e.kind()) {
    case BoundExprKind::kColumnRef:
      slots->push_back(static_cast<const BoundColumnRef&>(e).slot());
      return true;
    case BoundExprKind::kConstant:
    case BoundExprKind::kParam:
    case BoundExprKind::kCaseTest:
      return true;
    case BoundExprKind::kFunctionCall: {
      const auto& call = static_cast<const BoundFunctionCall&>(e);
      if (call.function() == nullptr) return false;
      static const char* const kVolatile[] = {
          "random", "setseed", "nextval", "setval", "currval", "lastval", "clock_timestamp",
          "timeofday", "pg_sleep", "gen_random_uuid", "txid_current", "txid_current_if_assigned",
          "pg_cancel_backend", "pg_terminate_backend", "set_config", "random_normal"};
      for (const char* name : kVolatile) {
        if (call.function()->name == name) return false;
      }
      return all(call.args());
    }
    case BoundExprKind::kCast:
      return PushableSlots(static_cast<const BoundCast&>(e).arg(), slots);
    case BoundExprKind::kTypmodCoercion:
      return PushableSlots(static_cast<const BoundTypmodCoercion&>(e).arg(), slots);
    case BoundExprKind::kBoolOp:
      return all(static_cast<const BoundBoolOp&>(e).args());
    case BoundExprKind::kNullTest:
      return PushableSlots(static_cast<const BoundNullTest&>(e).arg(), slots);
    case BoundExprKind::kBooleanTest:
      return PushableSlots(static_cast<const BoundBooleanTest&>(e).arg(), slots);
    case BoundExprKind::kCoalesce:
      return all(static_cast<const BoundCoalesce&>(e).args());
    case BoundExprKind::kMinMax:
      return all(static_cast<const BoundMinMax&>(e).args());
    case BoundExprKind::kNullIf: {
      const auto& n = static_cast<const BoundNullIf&>(e);
      return PushableSlots(n.left(), slots) && PushableSlots(n.right(), slots);
    }
    case BoundExprKind::kDistinct: {
      const auto& d = static_cast<const BoundDistinct&>(e);
      return PushableSlots(d.left(), slots) && PushableSlots(d.right(), slots);
    }
    case BoundExprKind::kScalarArrayOp: {
      const auto& a = static_cast<const BoundScalarArrayOp&>(e);
      return PushableSlots(a.left(), slots) && all(a.elements());
    }
    case BoundExprKind::kCase: {
      const auto& c = static_cast<const BoundCase&>(e);
      if (c.arg() != nullptr && !PushableSlots(*c.arg(), slots)) return false;
      for (const BoundCaseWhen& w : c.whens()) {
        if (!PushableSlots(*w.condition, slots) || !PushableSlots(*w.result, slots)) return false;
      }
      return PushableSlots(c.default_result(), slots);
    }
    default:
      return false;
  }
}

// Replaces the node `target` somewhere under `*root` (itself included) by
// a ConjunctFilter over it; false if it is not there.
bool FilterNode(PlanNodePtr* root, const PlanNode* target, std::vector<const BoundExpr*>* preds,
                size_t offset, const std::vector<Value>* params) {
  if (root->get() == target) {
    *root = std::make_unique<ConjunctFilter>(std::move(*root), std::move(*preds), offset, params);
    return true;
  }
  bool found = false;
  (*root)->ForEachChild([&](PlanNodePtr& child) {
    if (!found) found = FilterNode(&child, target, preds, offset, params);
  });
  return found;
}

// Moves each conjunct over the slots of one input of an explicit JOIN (the
// innermost such input not on a nullable side) below that join, as
// PostgreSQL's planner distributes WHERE quals to the relations they
// mention. Marks what it moved in `used`.
void PushIntoJoinInputs(FromPlan* from, const std::vector<const BoundExpr*>& conjuncts,
                        std::vector<bool>* used, const std::vector<Value>* params) {
  std::vector<std::vector<const BoundExpr*>> filters(from->join_inputs.size());
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    std::vector<int> slots;
    if (!PushableSlots(*conjuncts[i], &slots) || slots.empty()) continue;
    const FromPlan::JoinInput* best = nullptr;
    size_t best_index = 0;
    for (size_t j = 0; j < from->join_inputs.size(); ++j) {
      const FromPlan::JoinInput& in = from->join_inputs[j];
      if (in.nullable) continue;
      const bool inside = std::all_of(slots.begin(), slots.end(), [&](int s) {
        return s >= 0 && static_cast<size_t>(s) >= in.offset &&
               static_cast<size_t>(s) < in.offset + in.width;
      });
      if (inside && (best == nullptr || in.width < best->width)) {
        best = &in;
        best_index = j;
      }
    }
    if (best == nullptr) continue;
    filters[best_index].push_back(conjuncts[i]);
    (*used)[i] = true;
  }
  for (size_t j = 0; j < filters.size(); ++j) {
    if (filters[j].empty()) continue;
    const FromPlan::JoinInput& in = from->join_inputs[j];
    bool placed = FilterNode(&from->plan, in.node, &filters[j], in.offset, params);
    for (FromPlan::PendingItem& p : from->pending) {
      if (placed) break;
      if (p.plan) placed = FilterNode(&p.plan, in.node, &filters[j], in.offset, params);
    }
    if (!placed) {
      // Not found (cannot happen for a plan PlanFrom built): keep the
      // conjuncts above the joins.
      for (size_t i = 0; i < conjuncts.size(); ++i) {
        if (std::find(filters[j].begin(), filters[j].end(), conjuncts[i]) != filters[j].end()) {
          (*used)[i] = false;
        }
      }
    }
  }
  from->join_inputs.clear();
}

}  // namespace

namespace {

// What the cost model knows of one FROM item that is a plain table read
// whole (a SeqScan PlanFrom built): its restriction conjuncts, the access
// path they make cheapest, and the estimates a join step needs.
struct BaseRelation {
  bool planned = false;
  const TableCodec* codec = nullptr;
  std::string alias;  // how WHERE names it
  std::optional<RelationEstimate> estimate;
  std::vector<const ast::Expr*> parsed;                // its WHERE conjuncts, parsed
  std::vector<std::vector<const BoundExpr*>> bound;    // ... and bound (per parsed one)
  std::vector<const BoundExpr*> loose;  // its filters with no parsed counterpart
  AccessPathRequest request;
  AccessPath path;
};

// The scope relation whose columns start at `offset`'s item.
const ScopeRelation* RelationAt(const BindScope& scope, size_t offset, size_t width) {
  for (const ScopeRelation& r : scope.relations) {
    for (const ScopeColumn& c : r.columns) {
      if (c.slot >= 0 && static_cast<size_t>(c.slot) >= offset &&
          static_cast<size_t>(c.slot) < offset + width) {
        return &r;
      }
    }
  }
  return nullptr;
}

// The hash join's inner key statistics (the first key's).
void SetInnerKey(const JoinColumn& c, JoinInputs* in) {
  if (in->inner_distinct > 0 || c.default_distinct) return;
  in->inner_distinct = c.table_distinct;
  in->inner_table_rows = c.table_rows;
  if (c.stats != nullptr) {
    in->inner_null_frac = c.stats->null_frac;
    if (!c.stats->most_common_freqs.empty()) {
      in->inner_top_frequency = c.stats->most_common_freqs.front();
    }
  }
}

// The smallest and largest values a column's statistics know of: the
// histogram's ends and the most common values (PostgreSQL's
// get_variable_range); false without either.
bool StatisticsRange(const ColumnEstimate& c, Value* min, Value* max) {
  if (!c.analyzed) return false;
  bool have = false;
  auto consider = [&](const Value& v) {
    if (v.is_null()) return;
    if (!have) {
      *min = v;
      *max = v;
      have = true;
      return;
    }
    if (CompareIfComparable(v, *min).value_or(0) < 0) *min = v;
    if (CompareIfComparable(v, *max).value_or(0) > 0) *max = v;
  };
  if (!c.histogram_bounds.empty()) {
    consider(c.histogram_bounds.front());
    consider(c.histogram_bounds.back());
  }
  for (const Value& v : c.most_common_vals) consider(v);
  return have;
}

// Types an outer value can be looked up in an index column of (exactly,
// through ExactKeyValue).
bool LookupCompatible(Oid outer, Oid inner) {
  if (outer == inner) return true;
  auto integer = [](Oid t) {
    return t == type_oid::kInt2 || t == type_oid::kInt4 || t == type_oid::kInt8;
  };
  auto text = [](Oid t) { return t == type_oid::kText || t == type_oid::kVarchar; };
  return (integer(outer) && integer(inner)) || (text(outer) && text(inner));
}

}  // namespace

namespace {

// One FROM item being joined: its plan (null for a LATERAL item), where its
// columns lie in the FROM row, and the conjuncts over them alone.
struct Item {
  PlanNodePtr* plan;
  size_t offset, width;
  std::vector<const BoundExpr*> filters;
};

// The constant `slot` is equated to by one of `filters` through the
// operator `fn` (`slot = constant` or `constant = slot`), or null.
const BoundConstant* EquatedConstant(const std::vector<const BoundExpr*>& filters, int slot,
                                     const BuiltinFunction* fn) {
  for (const BoundExpr* f : filters) {
    if (f->kind() != BoundExprKind::kFunctionCall) continue;
    const auto& call = static_cast<const BoundFunctionCall&>(*f);
    if (call.function() != fn || call.args().size() != 2) continue;
    for (int side = 0; side < 2; ++side) {
      const BoundExpr& column = *call.args()[static_cast<size_t>(side)];
      const BoundExpr& constant = *call.args()[static_cast<size_t>(1 - side)];
      if (column.kind() == BoundExprKind::kColumnRef &&
          static_cast<const BoundColumnRef&>(column).slot() == slot &&
          constant.kind() == BoundExprKind::kConstant &&
          !static_cast<const BoundConstant&>(constant).value().is_null()) {
        return &static_cast<const BoundConstant&>(constant);
      }
    }
  }
  return nullptr;
}

// PostgreSQL's equivalence classes, for constants: a join equality
// `a.x = b.y` (an operator that hashes, hence transitive) where one side is
// also equated to a constant restricts the other side to that constant as
// well -- a new conjunct, written as SQL and bound like the others, so the
// table's access path can use it -- and the join equality, implied by the
// two restrictions, is dropped (marked used). Only plain tables get new
// restrictions.
void DeriveConstantEqualities(FromPlan* from, Binder& binder,
                              const std::vector<const BoundExpr*>& conjuncts,
                              std::vector<bool>* used, std::vector<Item>* items,
                              std::vector<const ast::Expr*>* parsed,
                              std::vector<std::vector<const BoundExpr*>>* bound) {
  auto item_of = [&](int slot) -> int {
    for (size_t k = 0; k < items->size(); ++k) {
      const Item& item = (*items)[k];
      if (slot >= static_cast<int>(item.offset) &&
          slot < static_cast<int>(item.offset + item.width)) {
        return static_cast<int>(k);
      }
    }
    return -1;
  };
  auto plain_table = [&](int k) {
    const Item& item = (*items)[static_cast<size_t>(k)];
    auto* seq = item.plan != nullptr ? dynamic_cast<SeqScan*>(item.plan->get()) : nullptr;
    return seq != nullptr && seq->reads_whole_table();
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      if ((*used)[i] || conjuncts[i]->kind() != BoundExprKind::kFunctionCall) continue;
      const auto& eq = static_cast<const BoundFunctionCall&>(*conjuncts[i]);
      if (eq.function() == nullptr || eq.args().size() != 2) continue;
      const BoundExpr& l = *eq.args()[0];
      const BoundExpr& r = *eq.args()[1];
      if (l.kind() != BoundExprKind::kColumnRef || r.kind() != BoundExprKind::kColumnRef ||
          l.type().oid != r.type().oid) {
        continue;
      }
      const int slots[2] = {static_cast<const BoundColumnRef&>(l).slot(),
                            static_cast<const BoundColumnRef&>(r).slot()};
      const int ks[2] = {item_of(slots[0]), item_of(slots[1])};
      if (ks[0] < 0 || ks[1] < 0 || ks[0] == ks[1]) continue;
      const Item& later = (*items)[static_cast<size_t>(std::max(ks[0], ks[1]))];
      if (FindHashJoinKeys({conjuncts[i]}, 0, later.offset, later.width).empty()) continue;
      const BoundConstant* constants[2] = {
          EquatedConstant((*items)[static_cast<size_t>(ks[0])].filters, slots[0], eq.function()),
          EquatedConstant((*items)[static_cast<size_t>(ks[1])].filters, slots[1], eq.function())};
      if (constants[0] == nullptr && constants[1] == nullptr) continue;
      const int to = constants[0] == nullptr ? 0 : constants[1] == nullptr ? 1 : -1;
      if (to < 0 && CompareIfComparable(constants[0]->value(), constants[1]->value()) != 0) {
        continue;  // equated to different constants: the equality must still run
      }
      if (to >= 0) {
        if (!plain_table(ks[to])) continue;
        // `alias.column = constant`, as SQL, then parsed and bound.
        const ScopeColumn* column = nullptr;
        const ScopeRelation* relation = nullptr;
        for (const ScopeRelation& rel : from->scope.relations) {
          for (const ScopeColumn& c : rel.columns) {
            if (c.slot == slots[to] && !c.hidden) {
              column = &c;
              relation = &rel;
            }
          }
        }
        if (column == nullptr) continue;
        ExplainWriter writer{ExplainOptions{}};
        auto text = std::make_unique<std::string>(
            QuoteIdentText(relation->alias) + "." + QuoteIdentText(column->name) + " = " +
            writer.Deparse(*constants[1 - to], {}));
        auto query = std::make_unique<std::string>();
        BoundExprPtr restriction;
        const ast::Expr* expr = nullptr;
        try {
          expr = &ParseStoredExpr(*text, &from->parsed, query.get());
          restriction = binder.BindExpr(*expr);
        } catch (const SqlError&) {
          continue;  // not expressible: keep the join equality
        }
        if (restriction->kind() != BoundExprKind::kFunctionCall ||
            static_cast<const BoundFunctionCall&>(*restriction).function() != eq.function()) {
          continue;
        }
        (*items)[static_cast<size_t>(ks[to])].filters.push_back(restriction.get());
        if (!bound->empty() || parsed->empty()) {
          parsed->push_back(expr);
          bound->push_back({restriction.get()});
        }
        from->exprs.push_back(std::move(restriction));
        from->texts.push_back(std::move(text));
        from->texts.push_back(std::move(query));
      }
      (*used)[i] = true;
      changed = true;
    }
  }
}

}  // namespace

std::optional<std::vector<const BoundExpr*>> JoinPendingFromItems(
    FromPlan* from, const BoundExpr* where, const std::vector<Value>* params,
    const CommandContext* ctx, Binder* binder, const ast::Expr* parsed_where, bool may_reorder) {
  if (from->pending.empty() && (from->join_inputs.empty() || where == nullptr)) {
    return std::nullopt;
  }
  std::vector<const BoundExpr*> conjuncts;
  if (where != nullptr) CollectBoundConjuncts(where, &conjuncts);
  for (const FromPlan::JoinCondition& c : from->join_conditions) {
    CollectBoundConjuncts(c.bound, &conjuncts);
  }
  std::vector<bool> used(conjuncts.size(), false);
  PushIntoJoinInputs(from, conjuncts, &used, params);

  // The items: the first (from->plan) and the pending ones, with offsets.
  std::vector<Item> items;
  items.push_back({&from->plan, 0, from->pending_first_width, {}});
  size_t offset = from->pending_first_width;
  for (FromPlan::PendingItem& p : from->pending) {
    items.push_back({p.lateral ? nullptr : &p.plan, offset, p.width, {}});
    offset += p.width;
  }
  // Conjuncts over one item's columns filter that item.
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (used[i]) continue;
    std::vector<int> slots;
    if (!PushableSlots(*conjuncts[i], &slots) || slots.empty()) continue;
    for (Item& item : items) {
      const bool inside = std::all_of(slots.begin(), slots.end(), [&](int s) {
        return s >= 0 && static_cast<size_t>(s) >= item.offset &&
               static_cast<size_t>(s) < item.offset + item.width;
      });
      if (!inside) continue;
      if (item.plan != nullptr) {
        item.filters.push_back(conjuncts[i]);
        used[i] = true;
      }
      break;
    }
  }

  // The cost settings, read once for every path and join step weighed.
  const CostParams cost_params = CostParams::Current();
  // Plain tables: their cheapest access path by the cost model.
  const bool costed = ctx != nullptr && binder != nullptr && from->pending.size() < 64;
  std::vector<BaseRelation> rels(items.size());
  if (costed) {
    // WHERE's and the flattened joins' conditions, parsed and bound.
    std::vector<std::vector<const BoundExpr*>> bound = AlignBoundConjuncts(parsed_where, where);
    std::vector<const ast::Expr*> parsed;
    if (!bound.empty()) CollectConjuncts(parsed_where, &parsed);
    for (const FromPlan::JoinCondition& c : from->join_conditions) {
      std::vector<std::vector<const BoundExpr*>> on = AlignBoundConjuncts(c.parsed, c.bound);
      if (on.empty()) continue;
      CollectConjuncts(c.parsed, &parsed);
      for (auto& b : on) bound.push_back(std::move(b));
    }
    if (bound.empty()) parsed.clear();
    DeriveConstantEqualities(from, *binder, conjuncts, &used, &items, &parsed, &bound);
    for (size_t k = 0; k < items.size(); ++k) {
      Item& item = items[k];
      if (item.plan == nullptr) continue;
      auto* seq = dynamic_cast<SeqScan*>(item.plan->get());
      if (seq == nullptr || !seq->reads_whole_table()) continue;
      const ScopeRelation* relation = RelationAt(from->scope, item.offset, item.width);
      if (relation == nullptr) continue;
      BaseRelation& r = rels[k];
      r.codec = seq->codec();
      r.alias = relation->alias;
      std::vector<bool> covered(item.filters.size(), false);
      for (size_t i = 0; i < parsed.size(); ++i) {
        bool mine = !bound[i].empty();
        std::vector<size_t> at;
        for (const BoundExpr* b : bound[i]) {
          auto pos = std::find(item.filters.begin(), item.filters.end(), b);
          if (pos == item.filters.end()) {
            mine = false;
            break;
          }
          at.push_back(static_cast<size_t>(pos - item.filters.begin()));
        }
        if (!mine) continue;
        for (size_t a : at) covered[a] = true;
        r.parsed.push_back(parsed[i]);
        r.bound.push_back(bound[i]);
      }
      for (size_t f = 0; f < item.filters.size(); ++f) {
        if (!covered[f]) r.loose.push_back(item.filters[f]);
      }
      r.request.codec = r.codec;
      r.request.scope_alias = r.alias;
      r.request.conjuncts = &r.parsed;
      r.request.params = params;
      r.request.costs = &cost_params;
      if (seq->columns_read() != nullptr) {
        r.request.columns_read = *seq->columns_read();
        r.request.columns_needed = r.request.columns_read;
      }
      r.path = ChooseAccessPath(*binder, *ctx, r.request);
      r.estimate.emplace(ctx->txn, ctx->db->catalog()->key_scope(), r.codec->table());
      r.planned = true;
    }
  }
  // An item's own scan (its access path) with its filters.
  auto build_item = [&](size_t k) {
    Item& item = items[k];
    BaseRelation& r = rels[k];
    if (r.planned) {
      PathScan scan = BuildPathScan(*ctx, *r.codec, r.path, r.alias, std::move(*item.plan),
                                    r.bound);
      *item.plan = std::move(scan.plan);
      if (!scan.conjuncts.empty()) {
        item.filters = std::move(scan.conjuncts);
        item.filters.insert(item.filters.end(), r.loose.begin(), r.loose.end());
        auto filter = std::make_unique<ConjunctFilter>(std::move(*item.plan), item.filters,
                                                       item.offset, params);
        filter->set_silent_prefix(scan.silent);
        *item.plan = std::move(filter);
        return;
      }
    }
    if (item.filters.empty()) return;
    *item.plan = std::make_unique<ConjunctFilter>(std::move(*item.plan), std::move(item.filters),
                                                  item.offset, params);
  };

  size_t width = from->pending_first_width;
  // Two plain tables, no condition at all: a cross join. PostgreSQL's
  // nested loop puts the table with more estimated rows outside (its cost,
  // outer rows x inner rows, differs only in materializing the inner side,
  // cheaper for the smaller); the rows come out in that order.
  if (ctx != nullptr && where == nullptr && from->join_conditions.empty() &&
      from->pending.size() == 1 &&
      !from->pending[0].lateral && from->codecs.size() == 2 &&
      dynamic_cast<SeqScan*>(from->plan.get()) != nullptr &&
      dynamic_cast<SeqScan*>(from->pending[0].plan.get()) != nullptr) {
    const std::string scope = ctx->db->catalog()->key_scope();
    const RelationEstimate first(ctx->txn, scope, from->codecs[0]->table());
    const RelationEstimate second(ctx->txn, scope, from->codecs[1]->table());
    if (second.tuples() > first.tuples()) {
      FromPlan::PendingItem& next = from->pending[0];
      const size_t first_width = width;
      PlanNodePtr joined =
          MakeJoinNode(std::move(next.plan), std::move(from->plan), JoinType::kInner, {},
                       next.width, first_width, {}, 0, params);
      std::vector<size_t> sources;
      for (size_t i = 0; i < first_width; ++i) sources.push_back(next.width + i);
      for (size_t i = 0; i < next.width; ++i) sources.push_back(i);
      from->plan = std::make_unique<ColumnReorder>(std::move(joined), std::move(sources));
      from->pending.clear();
      return std::vector<const BoundExpr*>{};
    }
  }
  // Item 0's scan, built when the first join takes it (a merge join may
  // read it in key order); the others are built when they are joined.
  PlanNodePtr plan;
  auto take_first = [&] {
    if (plan) return;
    build_item(0);
    plan = std::move(from->plan);
  };
  // The joined items' estimate so far (unknown once an item has none).
  std::optional<PathCost> so_far;
  int so_far_width = 0;
  if (rels[0].planned) {
    so_far = rels[0].path.cost;
    so_far_width = rels[0].path.width;
  }
  // A FROM-row slot's column statistics, when it is a planned table's
  // (worked out once per slot: the join order search asks again and again).
  std::map<int, std::optional<JoinColumn>> join_columns;
  auto join_column = [&](const BoundExpr* e, JoinColumn* out) {
    if (e->kind() != BoundExprKind::kColumnRef) return false;
    const int slot = static_cast<const BoundColumnRef&>(*e).slot();
    auto [known, inserted] = join_columns.try_emplace(slot);
    if (!inserted) {
      if (known->second) *out = *known->second;
      return known->second.has_value();
    }
    for (size_t k = 0; k < items.size(); ++k) {
      const Item& item = items[k];
      if (!rels[k].planned || slot < 0 || static_cast<size_t>(slot) < item.offset ||
          static_cast<size_t>(slot) >= item.offset + item.width) {
        continue;
      }
      const BaseRelation& r = rels[k];
      const int column = slot - static_cast<int>(item.offset);
      static const std::vector<const ast::Expr*> kNoConjuncts;
      static const std::vector<ColumnRestriction> kNoRestrictions;
      const SelectivityEstimator estimator(*r.estimate, kNoConjuncts, kNoRestrictions, r.alias);
      out->stats = &r.estimate->Column(column);
      out->n_distinct = estimator.NumDistinct(column, &out->default_distinct);
      out->table_distinct = out->n_distinct;
      out->table_rows = r.estimate->tuples();
      out->unique = !out->default_distinct && out->n_distinct >= r.estimate->tuples() &&
                    r.estimate->tuples() > 0;
      // No more distinct values than the rows the item keeps.
      out->n_distinct = std::min(out->n_distinct, std::max(1.0, r.path.cost.rows));
      known->second = *out;
      return true;
    }
    return false;
  };
  // PostgreSQL's mergejoinscansel for `a = b` (a the outer side's column,
  // b the inner's), both read ascending with NULLs last: the share of each
  // side read before the first pair (the part below the other side's
  // minimum) and up to the last (up to the other side's maximum), from the
  // columns' statistics; 0 and 1 without them.
  auto column_of = [&](const BoundExpr* e, size_t* item, int* column) {
    if (e->kind() != BoundExprKind::kColumnRef) return false;
    const int slot = static_cast<const BoundColumnRef&>(*e).slot();
    for (size_t k = 0; k < items.size(); ++k) {
      if (rels[k].planned && slot >= static_cast<int>(items[k].offset) &&
          slot < static_cast<int>(items[k].offset + items[k].width)) {
        *item = k;
        *column = slot - static_cast<int>(items[k].offset);
        return true;
      }
    }
    return false;
  };
  auto MergeScanFractions = [&](const BoundExpr* a, const BoundExpr* b, MergeInputs* m) {
    size_t ka = 0, kb = 0;
    int ca = 0, cb = 0;
    if (!column_of(a, &ka, &ca) || !column_of(b, &kb, &cb)) return;
    Value amin, amax, bmin, bmax;
    if (!StatisticsRange(rels[ka].estimate->Column(ca), &amin, &amax) ||
        !StatisticsRange(rels[kb].estimate->Column(cb), &bmin, &bmax)) {
      return;
    }
    static const std::vector<const ast::Expr*> kNoConjuncts;
    static const std::vector<ColumnRestriction> kNoRestrictions;
    const SelectivityEstimator ea(*rels[ka].estimate, kNoConjuncts, kNoRestrictions,
                                  rels[ka].alias);
    const SelectivityEstimator eb(*rels[kb].estimate, kNoConjuncts, kNoRestrictions,
                                  rels[kb].alias);
    // Only estimates from statistics count (not the default guess).
    auto known = [](double sel, double fallback) {
      return sel == kDefaultIneqSel ? fallback : sel;
    };
    double a_end = known(ea.InequalitySelectivity(ca, false, true, bmax), 1.0);
    double b_end = known(eb.InequalitySelectivity(cb, false, true, amax), 1.0);
    // Only one side can stop early: the one whose estimate is smaller.
    if (a_end > b_end) {
      a_end = 1.0;
    } else if (a_end < b_end) {
      b_end = 1.0;
    } else {
      a_end = b_end = 1.0;
    }
    double a_start = known(ea.InequalitySelectivity(ca, false, false, bmin), 0.0);
    double b_start = known(eb.InequalitySelectivity(cb, false, false, amin), 0.0);
    // Only one side can skip rows first: the one whose estimate is larger.
    if (a_start < b_start) {
      a_start = 0.0;
    } else if (a_start > b_start) {
      b_start = 0.0;
    } else {
      a_start = b_start = 0.0;
    }
    auto clamp = [](double v) { return std::clamp(v, 0.0, 1.0); };
    a_start = clamp(a_start), a_end = clamp(a_end), b_start = clamp(b_start), b_end = clamp(b_end);
    if (a_start >= a_end) a_start = 0.0, a_end = 1.0;
    if (b_start >= b_end) b_start = 0.0, b_end = 1.0;
    m->outer_start = a_start;
    m->outer_end = a_end;
    m->inner_start = b_start;
    m->inner_end = b_end;
  };
  // A merge join of `outer` (rows of `outer_width`, sorted by a Sort, or
  // -- when it is the one table `outer_item` -- read in key order) with
  // item k (sorted by a Sort, or read in key order by an ordered access
  // path) on the equalities `pairs` (outer column, item k's column; both
  // plain columns of one type, so each side's sort order is the order the
  // join compares keys in). `in` has the join's other figures;
  // `key_selectivity` is the equalities' own selectivity.
  struct MergeOption {
    PathCost cost;
    PathCost outer_sorted, inner_sorted;
    std::optional<AccessPath> ordered_outer;  // else the outer side is sorted
    std::optional<AccessPath> ordered_inner;  // else the inner side is sorted
    std::vector<size_t> used;  // the pairs that are merge clauses (the rest filter)
  };
  std::map<std::pair<size_t, std::vector<int>>, AccessPath> ordered_paths;
  auto ordered_path = [&](size_t k, const std::vector<int>& slots,
                          std::vector<ColumnOrderKey> order) -> const AccessPath& {
    auto found = ordered_paths.find({k, slots});
    if (found == ordered_paths.end()) {
      AccessPathRequest request = rels[k].request;
      request.order = std::move(order);
      request.wants_order = true;
      found = ordered_paths.emplace(std::make_pair(k, slots),
                                    ChooseAccessPath(*binder, *ctx, request)).first;
    }
    return found->second;
  };
  auto merge_with = [&](const PathCost& outer, int outer_width, int outer_item, size_t k,
                        const std::vector<std::pair<const BoundExpr*, const BoundExpr*>>& pairs,
                        const JoinInputs& in,
                        double key_selectivity) -> std::optional<MergeOption> {
    if (pairs.empty() || !rels[k].planned) return std::nullopt;
    std::vector<int> inner_slots, outer_slots;
    std::vector<ColumnOrderKey> inner_order, outer_order;
    for (const auto& [o, i] : pairs) {
      if (o->kind() != BoundExprKind::kColumnRef || i->kind() != BoundExprKind::kColumnRef ||
          o->type().oid != i->type().oid || o->type().oid == type_oid::kUnknown) {
        return std::nullopt;
      }
      const int local =
          static_cast<const BoundColumnRef&>(*i).slot() - static_cast<int>(items[k].offset);
      if (local < 0 || local >= static_cast<int>(items[k].width)) return std::nullopt;
      inner_slots.push_back(local);
      inner_order.push_back(ColumnOrderKey{local, false, false, nullptr, i->type().oid});
      if (outer_item >= 0) {
        const size_t from_item = static_cast<size_t>(outer_item);
        const int outer_local = static_cast<const BoundColumnRef&>(*o).slot() -
                                static_cast<int>(items[from_item].offset);
        if (outer_local < 0 || outer_local >= static_cast<int>(items[from_item].width)) {
          outer_item = -1;
        } else {
          outer_slots.push_back(outer_local);
          outer_order.push_back(ColumnOrderKey{outer_local, false, false, nullptr, o->type().oid});
        }
      }
    }
    MergeOption m;
    m.outer_sorted = SortCost(cost_params, outer, outer_width, -1);
    m.inner_sorted = SortCost(cost_params, rels[k].path.cost, rels[k].path.width, -1);
    const AccessPath& inner_path = ordered_path(k, inner_slots, std::move(inner_order));
    if (inner_path.ordered && inner_path.cost.total < m.inner_sorted.total) {
      m.inner_sorted = inner_path.cost;
      m.ordered_inner = inner_path;
    }
    if (outer_item >= 0 && rels[static_cast<size_t>(outer_item)].planned) {
      const AccessPath& outer_path =
          ordered_path(static_cast<size_t>(outer_item), outer_slots, std::move(outer_order));
      if (outer_path.ordered && outer_path.cost.total < m.outer_sorted.total) {
        m.outer_sorted = outer_path.cost;
        m.ordered_outer = outer_path;
      }
    }
    JoinInputs merge = in;
    merge.outer = m.outer_sorted;
    merge.inner = m.inner_sorted;
    MergeInputs mi;
    mi.merge_rows = ClampRowEstimate(std::max(outer.rows, 1.0) *
                                     std::max(rels[k].path.cost.rows, 1.0) * key_selectivity);
    mi.inner_sorted = !m.ordered_inner.has_value();
    MergeScanFractions(pairs.front().first, pairs.front().second, &mi);
    m.cost = MergeJoinCost(cost_params, merge, mi);
    return m;
  };
  // The cheapest merge join over all the equalities `pairs` (with
  // selectivities `selectivities`) as merge clauses, or over one of them
  // with the others as the join filter -- as PostgreSQL also tries merge
  // clauses an input's existing order (an index) serves.
  auto merge_option = [&](const PathCost& outer, int outer_width, int outer_item, size_t k,
                          const std::vector<std::pair<const BoundExpr*, const BoundExpr*>>& pairs,
                          const std::vector<double>& selectivities,
                          const JoinInputs& in) -> std::optional<MergeOption> {
    double all = 1;
    for (double sel : selectivities) all *= sel;
    std::optional<MergeOption> best = merge_with(outer, outer_width, outer_item, k, pairs, in, all);
    if (best) {
      for (size_t i = 0; i < pairs.size(); ++i) best->used.push_back(i);
    }
    for (size_t i = 0; pairs.size() > 1 && i < pairs.size(); ++i) {
      JoinInputs one = in;
      one.num_clauses = 1;
      one.other_qual_ops += static_cast<double>(pairs.size() - 1);
      std::optional<MergeOption> m =
          merge_with(outer, outer_width, outer_item, k, {pairs[i]}, one, selectivities[i]);
      if (m && (!best || m->cost.total < best->cost.total)) {
        best = std::move(m);
        best->used = {i};
      }
    }
    return best;
  };
  // The join order: every left-deep order of the tables by cost, as
  // PostgreSQL's join search weighs them (exhaustively up to 8 tables,
  // greedily beyond); when one beats FROM's order the statement is planned
  // again with its tables laid out in that order.
  const size_t n = items.size();
  bool reorderable = may_reorder && costed && n >= 2 && n <= 16 &&
                     from->join_inputs.empty();
  for (size_t k = 0; reorderable && k < n; ++k) reorderable = rels[k].planned;
  if (reorderable) {
    // Per remaining conjunct: the items it reads (0: not movable).
    std::vector<uint32_t> masks(conjuncts.size(), 0);
    struct Equality {
      const BoundExpr* a = nullptr;
      const BoundExpr* b = nullptr;
      int item_a = -1, item_b = -1;
    };
    std::vector<Equality> equalities(conjuncts.size());
    auto item_of = [&](int slot) -> int {
      for (size_t k = 0; k < n; ++k) {
        if (slot >= static_cast<int>(items[k].offset) &&
            slot < static_cast<int>(items[k].offset + items[k].width)) {
          return static_cast<int>(k);
        }
      }
      return -1;
    };
    auto strip = [](const BoundExpr* e) {
      while (e->kind() == BoundExprKind::kCast) e = &static_cast<const BoundCast&>(*e).arg();
      return e;
    };
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      std::vector<int> slots;
      if (used[i] || !PushableSlots(*conjuncts[i], &slots)) continue;
      for (int slot : slots) {
        const int k = item_of(slot);
        if (k >= 0) masks[i] |= 1u << k;
      }
      if (conjuncts[i]->kind() != BoundExprKind::kFunctionCall) continue;
      const auto& call = static_cast<const BoundFunctionCall&>(*conjuncts[i]);
      if (call.function() == nullptr || call.args().size() != 2 ||
          !call.function()->name.ends_with("eq")) {
        continue;
      }
      const BoundExpr* a = strip(call.args()[0].get());
      const BoundExpr* b = strip(call.args()[1].get());
      if (a->kind() != BoundExprKind::kColumnRef || b->kind() != BoundExprKind::kColumnRef) continue;
      Equality eq{a, b, item_of(static_cast<const BoundColumnRef&>(*a).slot()),
                  item_of(static_cast<const BoundColumnRef&>(*b).slot())};
      if (eq.item_a >= 0 && eq.item_b >= 0 && eq.item_a != eq.item_b) equalities[i] = eq;
    }
    struct Joined {
      PathCost cost;
      int width = 0;
      std::vector<size_t> order;
    };
    std::map<std::pair<size_t, std::vector<int>>, std::optional<ParameterizedPath>> lookups;
    // The cheapest way to join item k to the tables in `set`.
    auto step = [&](const Joined& left, uint32_t set, size_t k) {
      const uint32_t bit = 1u << k;
      JoinInputs in;
      in.outer = left.cost;
      in.inner = rels[k].path.cost;
      in.outer_width = left.width;
      in.inner_width = rels[k].path.width;
      double selectivity = 1;
      std::vector<double> merge_selectivities;
      size_t keys = 0, others = 0;
      std::vector<std::pair<const BoundExpr*, const BoundExpr*>> merge_pairs;
      std::vector<int> param_slots;
      double loops = std::max(left.cost.rows, 1.0);
      for (size_t i = 0; i < conjuncts.size(); ++i) {
        const uint32_t m = masks[i];
        if (m == 0 || (m & bit) == 0 || (m & set) == 0 || (m & ~(set | bit)) != 0) continue;
        const Equality& eq = equalities[i];
        const bool join_eq = eq.a != nullptr &&
                             ((eq.item_a == static_cast<int>(k)) != (eq.item_b == static_cast<int>(k)));
        if (!join_eq) {
          selectivity *= kDefaultIneqSel;
          ++others;
          continue;
        }
        const BoundExpr* outer_side = eq.item_a == static_cast<int>(k) ? eq.b : eq.a;
        const BoundExpr* inner_side = eq.item_a == static_cast<int>(k) ? eq.a : eq.b;
        JoinColumn oc, ic;
        double eq_selectivity = kDefaultEqSel;
        if (join_column(outer_side, &oc) && join_column(inner_side, &ic)) {
          eq_selectivity = EqJoinSelectivity(oc, ic);
          in.inner_unique = in.inner_unique || ic.unique;
          SetInnerKey(ic, &in);
        }
        selectivity *= eq_selectivity;
        merge_selectivities.push_back(eq_selectivity);
        merge_pairs.emplace_back(outer_side, inner_side);
        ++keys;
        const int slot = static_cast<const BoundColumnRef&>(*inner_side).slot() -
                         static_cast<int>(items[k].offset);
        if (LookupCompatible(outer_side->type().oid, inner_side->type().oid)) {
          param_slots.push_back(slot);
          const int source = item_of(static_cast<const BoundColumnRef&>(*outer_side).slot());
          if (source >= 0) loops = std::max(1.0, rels[static_cast<size_t>(source)].path.cost.rows);
        }
      }
      const double outer_rows = std::max(in.outer.rows, 1.0);
      const double inner_rows = std::max(in.inner.rows, 1.0);
      in.rows = keys + others == 0 ? outer_rows * inner_rows
                                   : ClampRowEstimate(outer_rows * inner_rows * selectivity);
      in.num_clauses = static_cast<double>(std::max<size_t>(keys, 1));
      in.other_qual_ops = static_cast<double>(others);
      PathCost best = keys == 0 ? MaterializedNestLoopCost(cost_params, in)
                                : HashJoinCost(cost_params, in);
      if (keys > 0) {
        const std::optional<MergeOption> merge =
            merge_option(in.outer, in.outer_width,
                         left.order.size() == 1 ? static_cast<int>(left.order[0]) : -1, k,
                         merge_pairs, merge_selectivities, in);
        if (merge && merge->cost.total < best.total) best = merge->cost;
      }
      if (!param_slots.empty()) {
        std::sort(param_slots.begin(), param_slots.end());
        auto key = std::make_pair(k, param_slots);
        auto found = lookups.find(key);
        if (found == lookups.end()) {
          found = lookups
                      .emplace(key, ChooseParameterizedPath(*binder, *ctx, rels[k].request,
                                                            param_slots, loops))
                      .first;
        }
        if (found->second) {
          JoinInputs nl = in;
          nl.inner = found->second->cost;
          const PathCost loop = ParameterizedNestLoopCost(cost_params, nl);
          if (loop.total < best.total) best = loop;
        }
      }
      Joined out;
      out.cost = best;
      out.width = left.width + rels[k].path.width;
      out.order = left.order;
      out.order.push_back(k);
      return out;
    };
    auto linked = [&](uint32_t set, size_t k) {
      for (size_t i = 0; i < conjuncts.size(); ++i) {
        if ((masks[i] & (1u << k)) != 0 && (masks[i] & set) != 0) return true;
      }
      return false;
    };
    auto single = [&](size_t k) {
      Joined j;
      j.cost = rels[k].path.cost;
      j.width = rels[k].path.width;
      j.order = {k};
      return j;
    };
    // FROM's order, costed the same way.
    Joined written = single(0);
    for (size_t k = 1; k < n; ++k) written = step(written, (1u << k) - 1, k);
    std::optional<Joined> best;
    const uint32_t all = (n == 32 ? 0 : (1u << n)) - 1;
    if (n <= 8) {
      std::vector<std::optional<Joined>> by_set(size_t{1} << n);
      for (size_t k = 0; k < n; ++k) by_set[1u << k] = single(k);
      for (uint32_t set = 1; set <= all; ++set) {
        if (!by_set[set]) continue;
        // Tables with a condition linking them to the set come first; a
        // cross join only when none has one.
        bool any_linked = false;
        for (size_t k = 0; k < n; ++k) {
          any_linked = any_linked || ((set & (1u << k)) == 0 && linked(set, k));
        }
        for (size_t k = 0; k < n; ++k) {
          if ((set & (1u << k)) != 0 || (any_linked && !linked(set, k))) continue;
          Joined j = step(*by_set[set], set, k);
          std::optional<Joined>& slot = by_set[set | (1u << k)];
          if (!slot || j.cost.total < slot->cost.total) slot = std::move(j);
        }
      }
      best = by_set[all];
    } else {
      // Greedy: from each starting table, the cheapest next step each time.
      for (size_t first = 0; first < n; ++first) {
        Joined j = single(first);
        uint32_t set = 1u << first;
        while (set != all) {
          bool any_linked = false;
          for (size_t k = 0; k < n; ++k) {
            any_linked = any_linked || ((set & (1u << k)) == 0 && linked(set, k));
          }
          std::optional<Joined> next_step;
          for (size_t k = 0; k < n; ++k) {
            if ((set & (1u << k)) != 0 || (any_linked && !linked(set, k))) continue;
            Joined candidate = step(j, set, k);
            if (!next_step || candidate.cost.total < next_step->cost.total) {
              next_step = std::move(candidate);
            }
          }
          set |= 1u << next_step->order.back();
          j = std::move(*next_step);
        }
        if (!best || j.cost.total < best->cost.total) best = std::move(j);
      }
    }
    if (best && best->cost.total < written.cost.total * (1 - 1e-9) &&
        best->order != written.order) {
      // Each table's offset in the chosen order's row.
      std::vector<size_t> offsets(n);
      size_t at = 0;
      for (size_t k : best->order) {
        offsets[k] = at;
        at += items[k].width;
      }
      from->join_order = std::move(offsets);
      return std::vector<const BoundExpr*>{};
    }
  }
  for (size_t k = 1; k < items.size(); ++k) {
    FromPlan::PendingItem& next = from->pending[k - 1];
    if (next.lateral) {
      take_first();
      plan = std::make_unique<LateralLoop>(std::move(plan), std::move(next.lateral), false,
                                           std::vector<const BoundExpr*>{}, width, next.width,
                                           params);
      so_far.reset();
      width += next.width;
      continue;
    }
    // The WHERE equalities between the items so far and this one, with
    // the hash key each makes (and, per key, the equality it came from).
    std::vector<const BoundExpr*> quals;
    std::vector<HashJoinKey> keys;
    std::vector<const BoundExpr*> key_quals;
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      if (used[i]) continue;
      std::vector<HashJoinKey> found = FindHashJoinKeys({conjuncts[i]}, 0, width, next.width);
      if (found.empty()) continue;
      used[i] = true;
      quals.push_back(conjuncts[i]);
      for (HashJoinKey& key : found) {
        keys.push_back(std::move(key));
        key_quals.push_back(conjuncts[i]);
      }
    }
    // With a planned join: the other conjuncts this join is the first to
    // see all the columns of (PostgreSQL's join filter).
    size_t other_quals = 0;
    if (so_far && rels[k].planned) {
      for (size_t i = 0; i < conjuncts.size(); ++i) {
        std::vector<int> slots;
        if (used[i] || !PushableSlots(*conjuncts[i], &slots) || slots.empty()) continue;
        bool inside = true, here = false;
        for (int slot : slots) {
          inside = inside && slot >= 0 && static_cast<size_t>(slot) < width + next.width;
          here = here || (slot >= 0 && static_cast<size_t>(slot) >= width);
        }
        if (!inside || !here) continue;
        used[i] = true;
        quals.push_back(conjuncts[i]);
        ++other_quals;
      }
    }
    BaseRelation& inner = rels[k];
    if (!so_far || !inner.planned) {
      take_first();
      build_item(k);
      plan = MakeJoinNode(std::move(plan), std::move(next.plan), JoinType::kInner,
                          std::move(quals), width, next.width, {}, 0, params);
      so_far.reset();
      width += next.width;
      continue;
    }
    // The join's size: each equality's selectivity (eqjoinsel).
    JoinInputs in;
    in.outer = *so_far;
    in.inner = inner.path.cost;
    in.outer_width = so_far_width;
    in.inner_width = inner.path.width;
    in.num_clauses = static_cast<double>(std::max<size_t>(keys.size(), 1));
    double selectivity = 1;
    bool inner_unique = false;
    std::vector<double> key_selectivities;
    for (const HashJoinKey& key : keys) {
      JoinColumn a, b;
      double key_selectivity = kDefaultEqSel;
      if (join_column(key.outer, &a) && join_column(key.inner, &b)) {
        key_selectivity = EqJoinSelectivity(a, b);
        inner_unique = inner_unique || b.unique;
        SetInnerKey(b, &in);
      }
      selectivity *= key_selectivity;
      key_selectivities.push_back(key_selectivity);
    }
    for (size_t q = 0; q < other_quals; ++q) selectivity *= kDefaultIneqSel;
    in.other_qual_ops = static_cast<double>(other_quals);
    const double outer_rows = std::max(in.outer.rows, 1.0);
    const double inner_rows = std::max(in.inner.rows, 1.0);
    in.rows = quals.empty() ? outer_rows * inner_rows
                            : ClampRowEstimate(outer_rows * inner_rows * selectivity);
    in.inner_unique = inner_unique;
    PathCost chosen = keys.empty() ? MaterializedNestLoopCost(cost_params, in)
                                   : HashJoinCost(cost_params, in);
    // A merge join, when it is cheaper.
    std::optional<MergeOption> merge;
    if (!keys.empty()) {
      std::vector<std::pair<const BoundExpr*, const BoundExpr*>> pairs;
      for (const HashJoinKey& key : keys) pairs.emplace_back(key.outer, key.inner);
      merge = merge_option(*so_far, so_far_width, k == 1 && !plan ? 0 : -1, k, pairs,
                           key_selectivities, in);
      if (merge && merge->cost.total < chosen.total) {
        chosen = merge->cost;
      } else {
        merge.reset();
      }
    }
    // A nested loop looking the inner rows up by the outer row's values.
    std::vector<int> param_slots;
    std::vector<size_t> param_keys;  // positions in `keys`
    for (size_t key_at = 0; key_at < keys.size(); ++key_at) {
      const HashJoinKey& key = keys[key_at];
      if (key.inner->kind() != BoundExprKind::kColumnRef) continue;
      const int slot = static_cast<const BoundColumnRef&>(*key.inner).slot() -
                       static_cast<int>(items[k].offset);
      const Oid column_type = inner.codec->table().columns[static_cast<size_t>(slot)].type;
      if (!LookupCompatible(key.outer->type().oid, column_type)) continue;
      param_slots.push_back(slot);
      param_keys.push_back(key_at);
    }
    std::optional<ParameterizedPath> lookup;
    if (!param_slots.empty()) {
      // PostgreSQL's loop count for a parameterized scan: the rows of the
      // table the parameter comes from (not of the join below it).
      double loops = outer_rows;
      for (size_t j = 0; j < items.size(); ++j) {
        const BoundExpr* e = keys[param_keys[0]].outer;
        if (!rels[j].planned || e->kind() != BoundExprKind::kColumnRef) continue;
        const int slot = static_cast<const BoundColumnRef&>(*e).slot();
        if (slot >= static_cast<int>(items[j].offset) &&
            slot < static_cast<int>(items[j].offset + items[j].width)) {
          loops = std::max(1.0, rels[j].path.cost.rows);
        }
      }
      lookup = ChooseParameterizedPath(*binder, *ctx, inner.request, param_slots, loops);
    }
    if (lookup) {
      JoinInputs nl = in;
      nl.inner = lookup->cost;
      const PathCost loop_cost = ParameterizedNestLoopCost(cost_params, nl);
      if (loop_cost.total < chosen.total) {
        // The inner scan, re-aimed per outer row, under the item's filters.
        const Item& item = items[k];
        const catalog::TableDesc& table = inner.codec->table();
        ScanPlanInfo info;
        info.costed = true;
        info.startup_cost = lookup->cost.startup;
        info.total_cost = lookup->cost.total;
        info.rows = lookup->cost.rows;
        info.width = inner.path.width;
        info.bitmap = lookup->bitmap;
        info.index_total_cost = lookup->index_total_cost;
        info.index_rows = lookup->index_rows;
        SeqScan* seq_scan = nullptr;
        IndexScan* index_scan = nullptr;
        PlanNodePtr scan;
        auto* original = dynamic_cast<SeqScan*>(next.plan.get());
        if (lookup->index == nullptr) {
          auto s = std::make_unique<SeqScan>(ctx->txn, inner.codec, std::string(), std::string());
          s->set_explain_name(next.plan->explain_name());
          if (original != nullptr) s->SetColumnsRead(original->columns_read());
          info.index_name = table.primary_key_name;
          info.index_only = lookup->index_only;
          s->set_plan_info(std::move(info));
          seq_scan = s.get();
          scan = std::move(s);
        } else {
          auto s = std::make_unique<IndexScan>(ctx->txn, inner.codec, lookup->index->tree,
                                               std::vector<IndexScan::Range>{},
                                               lookup->index->oid);
          s->set_names(lookup->index->name, inner.alias);
          if (lookup->index_only) {
            IndexCodec index_codec(table, *lookup->index);
            bool exact = true;
            for (int slot : index_codec.key_slots()) {
              exact = exact && KeyDecodeIsExact(table.columns[static_cast<size_t>(slot)].type);
            }
            if (exact) s->set_index_only(index_codec.key_slots(), index_codec.key_columns());
            info.index_only = true;
          }
          s->set_plan_info(std::move(info));
          index_scan = s.get();
          scan = std::move(s);
        }
        if (!items[k].filters.empty()) {
          scan = std::make_unique<ConjunctFilter>(std::move(scan), items[k].filters, item.offset,
                                                  params);
        }
        std::vector<IndexNestLoop::KeyPart> parts;
        for (size_t c = 0; c < lookup->key_slots.size(); ++c) {
          const size_t at = static_cast<size_t>(
              std::find(param_slots.begin(), param_slots.end(), lookup->key_slots[c]) -
              param_slots.begin());
          const HashJoinKey& key = keys[param_keys[at]];
          parts.push_back(IndexNestLoop::KeyPart{
              key.outer, key.inner, key_quals[param_keys[at]], lookup->key_columns[c],
              table.columns[static_cast<size_t>(lookup->key_slots[c])].type});
        }
        take_first();
        auto loop = std::make_unique<IndexNestLoop>(
            std::move(plan), std::move(scan), seq_scan, index_scan, std::move(parts),
            lookup->whole_key, JoinType::kInner, std::move(quals), width, next.width,
            std::vector<const BoundExpr*>{}, 0, params);
        loop->set_exact_value(&ExactKeyValue);
        loop->set_estimate({loop_cost.startup, loop_cost.total, loop_cost.rows,
                            so_far_width + inner.path.width});
        plan = std::move(loop);
        so_far = loop_cost;
        so_far_width += inner.path.width;
        width += next.width;
        continue;
      }
    }
    if (merge) {
      // Both sides in key order: the outer one sorted, the inner one read
      // by its ordered access path or sorted.
      std::vector<SortKey> outer_keys, inner_keys;
      std::vector<HashJoinKey> merge_keys;
      for (size_t used : merge->used) merge_keys.push_back(keys[used]);
      for (const HashJoinKey& key : merge_keys) {
        outer_keys.push_back(
            SortKey{static_cast<const BoundColumnRef&>(*key.outer).slot(), key.column});
        inner_keys.push_back(SortKey{static_cast<const BoundColumnRef&>(*key.inner).slot() -
                                         static_cast<int>(items[k].offset),
                                     key.column});
      }
      PlanNodePtr outer_plan;
      if (merge->ordered_outer) {
        rels[0].path = *merge->ordered_outer;
        take_first();
        outer_plan = std::move(plan);
      } else {
        take_first();
        auto outer_sort = std::make_unique<Sort>(std::move(plan), std::move(outer_keys), width);
        outer_sort->set_estimate({merge->outer_sorted.startup, merge->outer_sorted.total,
                                  merge->outer_sorted.rows, so_far_width});
        outer_plan = std::move(outer_sort);
      }
      if (merge->ordered_inner) inner.path = *merge->ordered_inner;
      build_item(k);
      PlanNodePtr inner_plan = std::move(next.plan);
      if (!merge->ordered_inner) {
        auto inner_sort =
            std::make_unique<Sort>(std::move(inner_plan), std::move(inner_keys), next.width);
        inner_sort->set_explain_offset(items[k].offset);
        inner_sort->set_estimate({merge->inner_sorted.startup, merge->inner_sorted.total,
                                  merge->inner_sorted.rows, inner.path.width});
        inner_plan = std::move(inner_sort);
      }
      auto join = std::make_unique<MergeJoin>(std::move(outer_plan), std::move(inner_plan),
                                              std::move(quals), std::move(merge_keys), width,
                                              next.width, std::vector<const BoundExpr*>{},
                                              params);
      plan = std::move(join);
    } else {
      take_first();
      build_item(k);
      plan = MakeJoinNode(std::move(plan), std::move(next.plan), JoinType::kInner,
                          std::move(quals), width, next.width, {}, 0, params);
    }
    plan->set_estimate({chosen.startup, chosen.total, chosen.rows,
                        so_far_width + inner.path.width});
    so_far = chosen;
    so_far_width += inner.path.width;
    width += next.width;
  }
  take_first();
  from->pending.clear();
  from->plan = std::move(plan);
  std::vector<const BoundExpr*> residual;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (!used[i]) residual.push_back(conjuncts[i]);
  }
  return residual;
}

}  // namespace strata::sql
