// PlanWindowAggs (see plan_window.h).
#include "sql/commands/plan_window.h"

#include <algorithm>
#include <map>
#include <string>

#include "common/sql_error.h"
#include "sql/commands/user_function_call.h"
#include "sql/executor/node_window_agg.h"
#include "sql/expr/record_exprs.h"
#include "sql/settings/session_settings.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

// A text that is equal for expressions PostgreSQL's equal() would find equal
// in the cases that matter here (columns, constants, operators and casts
// over them); any other expression only equals itself.
std::string ExprKey(const BoundExpr& e) {
  switch (e.kind()) {
    case BoundExprKind::kColumnRef:
      return "c" + std::to_string(static_cast<const BoundColumnRef&>(e).slot());
    case BoundExprKind::kConstant: {
      const Value& v = static_cast<const BoundConstant&>(e).value();
      if (v.is_null()) return "k" + std::to_string(e.type().oid) + "n";
      try {
        return "k" + std::to_string(e.type().oid) + "v" + OutputValue(v);
      } catch (const SqlError&) {
        break;  // no text form: only equal to itself
      }
    }
    case BoundExprKind::kParam:
      return "p" + std::to_string(static_cast<const BoundParam&>(e).number());
    case BoundExprKind::kFunctionCall: {
      const auto& f = static_cast<const BoundFunctionCall&>(e);
      std::string out = "f" + std::to_string(reinterpret_cast<uintptr_t>(f.function())) + "(";
      for (const BoundExprPtr& a : f.args()) out += ExprKey(*a) + ",";
      return out + ")";
    }
    case BoundExprKind::kCast:
      return "t" + std::to_string(e.type().oid) + "(" +
             ExprKey(static_cast<const BoundCast&>(e).arg()) + ")";
    default:
      break;
  }
  return "x" + std::to_string(reinterpret_cast<uintptr_t>(&e));
}

// One sort key as PostgreSQL's SortGroupClause: target entry number,
// direction, NULLS placement.
struct KeyRef {
  int ref = 0;
  bool descending = false;
  bool nulls_first = false;
  bool operator==(const KeyRef& o) const {
    return ref == o.ref && descending == o.descending && nulls_first == o.nulls_first;
  }
};

struct Clause {
  std::vector<size_t> members;  // call indexes
  int named_index = -1;
  const BoundWindow* window = nullptr;
  // Partition keys then order keys, duplicates dropped (uniqueOrder).
  std::vector<KeyRef> unique;
  std::vector<const BoundExpr*> unique_exprs;
  std::vector<KeyColumn> unique_columns;
};

std::string WindowKey(const BoundWindow& w) {
  if (w.named_index >= 0) return "n" + std::to_string(w.named_index);
  std::string out = "i";
  for (const BoundExprPtr& p : w.partition) out += ExprKey(*p) + ";";
  out += "|";
  for (const WindowOrderKey& k : w.order) {
    out += ExprKey(*k.expr) + (k.descending ? "d" : "a") + std::to_string(k.nulls) + ";";
  }
  out += "|" + std::to_string(w.frame_options);
  if (w.start_offset) out += "s" + ExprKey(*w.start_offset);
  if (w.end_offset) out += "e" + ExprKey(*w.end_offset);
  return out;
}

// planner.c's common_prefix_cmp: < 0 when a runs first (lower in the plan).
int CommonPrefixCompare(const Clause& a, const Clause& b) {
  for (size_t i = 0; i < std::min(a.unique.size(), b.unique.size()); ++i) {
    const KeyRef& x = a.unique[i];
    const KeyRef& y = b.unique[i];
    if (x.ref != y.ref) return x.ref > y.ref ? -1 : 1;
    // A descending key's operator (">") has the higher OID.
    if (x.descending != y.descending) return x.descending ? -1 : 1;
    if (x.nulls_first != y.nulls_first) return x.nulls_first ? -1 : 1;
  }
  if (a.unique.size() != b.unique.size()) return a.unique.size() > b.unique.size() ? -1 : 1;
  return 0;
}

// How many leading keys two key lists share.
size_t CommonPrefix(const std::vector<KeyRef>& a, const std::vector<KeyRef>& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

}  // namespace

bool IncrementalSortEnabled() {
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  return settings == nullptr || settings->Show("enable_incremental_sort") != "off";
}

bool CollectColumnSlots(const BoundExpr& e, std::vector<bool>* used) {
  const auto all = [used](const std::vector<BoundExprPtr>& args) {
    return std::all_of(args.begin(), args.end(),
                       [used](const BoundExprPtr& a) { return CollectColumnSlots(*a, used); });
  };
  switch (e.kind()) {
    case BoundExprKind::kConstant:
    case BoundExprKind::kParam:
    case BoundExprKind::kCaseTest:
      return true;
    case BoundExprKind::kColumnRef: {
      const int slot = static_cast<const BoundColumnRef&>(e).slot();
      if (slot < 0) return false;
      if (used->size() <= static_cast<size_t>(slot)) used->resize(static_cast<size_t>(slot) + 1);
      (*used)[static_cast<size_t>(slot)] = true;
      return true;
    }
    case BoundExprKind::kFunctionCall:
      return all(static_cast<const BoundFunctionCall&>(e).args());
    case BoundExprKind::kUserFunctionCall:
      return all(static_cast<const BoundUserFunctionCall&>(e).args());
    case BoundExprKind::kCast:
      return CollectColumnSlots(static_cast<const BoundCast&>(e).arg(), used);
    case BoundExprKind::kTypmodCoercion:
      return CollectColumnSlots(static_cast<const BoundTypmodCoercion&>(e).arg(), used);
    case BoundExprKind::kBoolOp:
      return all(static_cast<const BoundBoolOp&>(e).args());
    case BoundExprKind::kNullTest:
      return CollectColumnSlots(static_cast<const BoundNullTest&>(e).arg(), used);
    case BoundExprKind::kBooleanTest:
      return CollectColumnSlots(static_cast<const BoundBooleanTest&>(e).arg(), used);
    case BoundExprKind::kRowConstructor:
      return all(static_cast<const BoundRowConstructor&>(e).args());
    case BoundExprKind::kFieldSelect:
      return CollectColumnSlots(static_cast<const BoundFieldSelect&>(e).arg(), used);
    case BoundExprKind::kCoalesce:
      return all(static_cast<const BoundCoalesce&>(e).args());
    case BoundExprKind::kMinMax:
      return all(static_cast<const BoundMinMax&>(e).args());
    case BoundExprKind::kNullIf: {
      const auto& n = static_cast<const BoundNullIf&>(e);
      return CollectColumnSlots(n.left(), used) && CollectColumnSlots(n.right(), used);
    }
    case BoundExprKind::kDistinct: {
      const auto& d = static_cast<const BoundDistinct&>(e);
      return CollectColumnSlots(d.left(), used) && CollectColumnSlots(d.right(), used);
    }
    case BoundExprKind::kScalarArrayOp: {
      const auto& a = static_cast<const BoundScalarArrayOp&>(e);
      return CollectColumnSlots(a.left(), used) && all(a.elements());
    }
    case BoundExprKind::kCase: {
      const auto& c = static_cast<const BoundCase&>(e);
      if (c.arg() != nullptr && !CollectColumnSlots(*c.arg(), used)) return false;
      for (const BoundCaseWhen& w : c.whens()) {
        if (!CollectColumnSlots(*w.condition, used) || !CollectColumnSlots(*w.result, used)) {
          return false;
        }
      }
      return CollectColumnSlots(c.default_result(), used);
    }
    default:
      return false;
  }
}

namespace {

// The input slots below `base` that no node reads (window calls and keys,
// and the nodes above as `used_above` says); empty when that is not known.
std::vector<int> UnusedSlots(const std::vector<WindowCall>& calls, int base,
                             const std::vector<bool>* used_above) {
  if (used_above == nullptr) return {};
  std::vector<bool> used = *used_above;
  auto mark = [&](const BoundExpr* e) { return e == nullptr || CollectColumnSlots(*e, &used); };
  for (const WindowCall& call : calls) {
    bool known = mark(call.filter.get());
    for (const BoundExprPtr& a : call.args) known = known && mark(a.get());
    known = known && mark(call.agg.arg.get()) && mark(call.agg.arg2.get()) &&
            mark(call.agg.filter.get());
    for (const AggregateCall::OrderKey& k : call.agg.order) known = known && mark(k.expr.get());
    for (const BoundExprPtr& p : call.window.partition) known = known && mark(p.get());
    for (const WindowOrderKey& k : call.window.order) known = known && mark(k.expr.get());
    if (!known) return {};
  }
  std::vector<int> unused;
  for (int slot = 0; slot < base; ++slot) {
    if (static_cast<size_t>(slot) >= used.size() || !used[static_cast<size_t>(slot)]) {
      unused.push_back(slot);
    }
  }
  return unused;
}

}  // namespace

WindowPlan PlanWindowAggs(PlanNodePtr input, const std::vector<WindowCall>& calls, int base,
                          const std::vector<Value>* params, const WindowPlanInput& in) {
  // Distinct windows, in the parser's order: WINDOW clause entries, then
  // OVER clauses as they appear.
  std::vector<Clause> clauses;
  std::map<std::string, size_t> by_key;
  for (size_t j = 0; j < calls.size(); ++j) {
    const std::string key = WindowKey(calls[j].window);
    auto [it, added] = by_key.emplace(key, clauses.size());
    if (added) {
      clauses.emplace_back();
      clauses.back().named_index = calls[j].window.named_index;
      clauses.back().window = &calls[j].window;
    }
    clauses[it->second].members.push_back(j);
  }
  std::stable_sort(clauses.begin(), clauses.end(), [](const Clause& a, const Clause& b) {
    const int x = a.named_index < 0 ? INT32_MAX : a.named_index;
    const int y = b.named_index < 0 ? INT32_MAX : b.named_index;
    return x < y;
  });
  // Target entry numbers, in the order keys are first seen: the query's
  // ORDER BY, its GROUP BY, then the windows (the parser takes a window's
  // ORDER BY before its PARTITION BY).
  std::map<std::string, int> refs;
  auto ref_of_key = [&](const std::string& key) {
    return refs.emplace(key, static_cast<int>(refs.size()) + 1).first->second;
  };
  auto ref_of = [&](const BoundExpr& e) { return ref_of_key(ExprKey(e)); };
  std::vector<KeyRef> order_by;
  for (const auto& [e, column] : in.order_by) {
    order_by.push_back(KeyRef{ref_of(*e), column.descending, column.nulls_first});
  }
  for (int k = 0; k < in.group_keys; ++k) ref_of_key("c" + std::to_string(k));
  for (Clause& c : clauses) {
    const BoundWindow& w = *c.window;
    std::vector<KeyColumn> order_columns;
    for (const WindowOrderKey& k : w.order) {
      ref_of(*k.expr);
      order_columns.emplace_back(k.expr->type().oid,
                                 k.descending ? SortDirection::kDescending : SortDirection::kAscending,
                                 k.nulls == 1   ? NullsOrder::kFirst
                                 : k.nulls == 2 ? NullsOrder::kLast
                                                : NullsOrder::kDefault);
    }
    auto add = [&](const BoundExpr& e, const KeyColumn& column) {
      const KeyRef ref{ref_of(e), column.descending, column.nulls_first};
      if (std::find(c.unique.begin(), c.unique.end(), ref) != c.unique.end()) return;
      c.unique.push_back(ref);
      c.unique_exprs.push_back(&e);
      c.unique_columns.push_back(column);
    };
    for (const BoundExprPtr& p : w.partition) {
      // A PARTITION BY key that is also an ORDER BY key takes that key's
      // ordering (transformGroupClause reuses the sort clause).
      KeyColumn column(p->type().oid);
      for (size_t i = 0; i < w.order.size(); ++i) {
        if (ExprKey(*w.order[i].expr) == ExprKey(*p)) {
          column = order_columns[i];
          break;
        }
      }
      add(*p, column);
    }
    for (size_t i = 0; i < w.order.size(); ++i) add(*w.order[i].expr, order_columns[i]);
  }
  std::stable_sort(clauses.begin(), clauses.end(), [](const Clause& a, const Clause& b) {
    return CommonPrefixCompare(a, b) < 0;
  });

  // Bottom up: a Sort when the rows are not yet in the window's order.
  // Sorts leave out the slots nothing reads; below the first WindowAgg so
  // are the call slots (no call has a value yet).
  const std::vector<int> unused = UnusedSlots(calls, base, in.used_above);
  const int width = base + static_cast<int>(calls.size());
  std::vector<KeyRef> order;  // the order the rows arrive in
  PlanNodePtr plan = std::move(input);
  bool first = true;
  for (const Clause& c : clauses) {
    const bool sorted = c.unique.size() <= order.size() &&
                        std::equal(c.unique.begin(), c.unique.end(), order.begin());
    // Where each unique key's value is: a column, or computed by the Sort
    // into the slots from `width` on.
    std::vector<int> slots(c.unique.size(), -1);
    if (!sorted) {
      std::vector<SortKey> keys;
      int computed = 0;
      for (size_t i = 0; i < c.unique.size(); ++i) {
        SortKey k{0, c.unique_columns[i], nullptr};
        const BoundExpr& e = *c.unique_exprs[i];
        if (e.kind() == BoundExprKind::kColumnRef) {
          k.column = static_cast<const BoundColumnRef&>(e).slot();
        } else {
          k.column = width + computed++;
          k.expr = &e;
        }
        slots[i] = k.column;
        keys.push_back(std::move(k));
      }
      auto sort = std::make_unique<Sort>(std::move(plan), std::move(keys),
                                         static_cast<size_t>(width + computed));
      sort->set_params(params);
      // Rows already ordered by a prefix of the keys: PostgreSQL sorts
      // incrementally.
      if (IncrementalSortEnabled()) sort->set_presorted_keys(CommonPrefix(c.unique, order));
      std::vector<int> cleared = unused;
      if (first) {
        for (int slot = base; slot < width; ++slot) cleared.push_back(slot);
      }
      sort->set_cleared_columns(std::move(cleared));
      plan = std::move(sort);
      order = c.unique;
    }
    std::vector<WindowKeySource> sources;
    auto source = [&](const BoundExpr& e) {
      WindowKeySource s;
      if (e.kind() == BoundExprKind::kColumnRef) {
        s.slot = static_cast<const BoundColumnRef&>(e).slot();
        return s;
      }
      for (size_t i = 0; i < c.unique_exprs.size(); ++i) {
        if (c.unique_exprs[i] == &e && slots[i] >= 0) s.slot = slots[i];
      }
      if (s.slot < 0) s.expr = &e;
      return s;
    };
    for (const BoundExprPtr& p : c.window->partition) sources.push_back(source(*p));
    for (const WindowOrderKey& k : c.window->order) sources.push_back(source(*k.expr));
    auto agg = std::make_unique<WindowAgg>(std::move(plan), &calls, c.members, std::move(sources),
                                           base, params);
    if (first && sorted) agg->set_cleared_columns(unused);  // holds its input unsorted
    first = false;
    plan = std::move(agg);
  }
  WindowPlan out;
  out.node = std::move(plan);
  out.serves_order_by = !order_by.empty() && order_by.size() <= order.size() &&
                        std::equal(order_by.begin(), order_by.end(), order.begin());
  out.order_by_presorted = CommonPrefix(order_by, order);
  return out;
}

}  // namespace strata::sql
