// MakeJoinNode and the comma-join planning of JoinPendingFromItems (see
// plan_join.h).
#include "sql/commands/plan_join.h"

#include <algorithm>

#include "sql/database.h"
#include "sql/executor/hash_join_keys.h"
#include "sql/executor/node_column_reorder.h"
#include "sql/planner/relation_estimate.h"
#include "sql/executor/node_conjunct_filter.h"
#include "sql/executor/node_hash_join.h"

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

namespace {

}  // namespace

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

std::optional<std::vector<const BoundExpr*>> JoinPendingFromItems(
    FromPlan* from, const BoundExpr* where, const std::vector<Value>* params,
    const CommandContext* ctx) {
  if (from->pending.empty() && (from->join_inputs.empty() || where == nullptr)) {
    return std::nullopt;
  }
  std::vector<const BoundExpr*> conjuncts;
  if (where != nullptr) CollectBoundConjuncts(where, &conjuncts);
  std::vector<bool> used(conjuncts.size(), false);
  PushIntoJoinInputs(from, conjuncts, &used, params);

  // The items: the first (from->plan) and the pending ones, with offsets.
  struct Item {
    PlanNodePtr* plan;  // null for a LATERAL item
    size_t offset, width;
    std::vector<const BoundExpr*> filters;
  };
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
  for (Item& item : items) {
    if (item.filters.empty()) continue;
    *item.plan = std::make_unique<ConjunctFilter>(std::move(*item.plan), std::move(item.filters),
                                                  item.offset, params);
  }

  size_t width = from->pending_first_width;
  PlanNodePtr plan = std::move(from->plan);
  // Two plain tables, no condition at all: a cross join. PostgreSQL's
  // nested loop puts the table with more estimated rows outside (its cost,
  // outer rows x inner rows, differs only in materializing the inner side,
  // cheaper for the smaller); the rows come out in that order.
  if (ctx != nullptr && where == nullptr && from->pending.size() == 1 &&
      !from->pending[0].lateral && from->codecs.size() == 2 &&
      dynamic_cast<SeqScan*>(plan.get()) != nullptr &&
      dynamic_cast<SeqScan*>(from->pending[0].plan.get()) != nullptr) {
    const std::string scope = ctx->db->catalog()->key_scope();
    const RelationEstimate first(ctx->txn, scope, from->codecs[0]->table());
    const RelationEstimate second(ctx->txn, scope, from->codecs[1]->table());
    if (second.tuples() > first.tuples()) {
      FromPlan::PendingItem& next = from->pending[0];
      const size_t first_width = width;
      PlanNodePtr joined =
          MakeJoinNode(std::move(next.plan), std::move(plan), JoinType::kInner, {}, next.width,
                       first_width, {}, 0, params);
      std::vector<size_t> sources;
      for (size_t i = 0; i < first_width; ++i) sources.push_back(next.width + i);
      for (size_t i = 0; i < next.width; ++i) sources.push_back(i);
      from->plan = std::make_unique<ColumnReorder>(std::move(joined), std::move(sources));
      from->pending.clear();
      return std::vector<const BoundExpr*>{};
    }
  }
  for (FromPlan::PendingItem& next : from->pending) {
    if (next.lateral) {
      plan = std::make_unique<LateralLoop>(std::move(plan), std::move(next.lateral), false,
                                           std::vector<const BoundExpr*>{}, width, next.width,
                                           params);
    } else {
      // The WHERE equalities between the items so far and this one.
      std::vector<const BoundExpr*> quals;
      for (size_t i = 0; i < conjuncts.size(); ++i) {
        if (used[i]) continue;
        if (FindHashJoinKeys({conjuncts[i]}, 0, width, next.width).empty()) continue;
        used[i] = true;
        quals.push_back(conjuncts[i]);
      }
      plan = MakeJoinNode(std::move(plan), std::move(next.plan), JoinType::kInner,
                          std::move(quals), width, next.width, {}, 0, params);
    }
    width += next.width;
  }
  from->pending.clear();
  from->plan = std::move(plan);
  std::vector<const BoundExpr*> residual;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (!used[i]) residual.push_back(conjuncts[i]);
  }
  return residual;
}

}  // namespace strata::sql
