// Plan-time partition pruning (see partition_pruning.h): WHERE becomes
// ranges of encoded partition keys (primary_key_lookup.h's
// KeyRangesFromWhere), each partition's bound the encoded range of keys it
// takes, and a partition stays when the two meet.
#include "sql/commands/partition_pruning.h"

#include <algorithm>
#include <iterator>

#include "sql/commands/partition_key.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

namespace {

// An encoded range [lower, upper); unset sides are open.
struct EncodedRange {
  std::optional<std::string> lower;
  std::optional<std::string> upper;
};

bool Meets(const EncodedRange& a, const KeyRange& b) {
  if (a.upper && b.lower && !(*b.lower < *a.upper)) return false;
  if (b.upper && a.lower && !(*a.lower < *b.upper)) return false;
  return true;
}

// A range bound's datums as an encoded key: the values before the first
// MINVALUE / MAXVALUE. A lower bound with an infinite datum is that prefix
// (MINVALUE first: open); an upper bound with MAXVALUE is the prefix's
// successor (MAXVALUE first: open).
std::optional<std::string> EncodeRangeSide(const std::vector<KeyColumn>& columns,
                                           const std::vector<int8_t>& kinds,
                                           const std::vector<Value>& values, bool upper) {
  std::string out;
  for (size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i] != 0) {
      if (i == 0) return std::nullopt;
      if (upper && kinds[i] > 0) return PrefixSuccessor(out);
      return out;
    }
    AppendKeyDatum(columns[i], values[i], &out);
  }
  return out;
}

void AllLeaves(const CommandContext& ctx, const catalog::TableDesc& table, std::set<Oid>* out) {
  for (const catalog::TableDesc* t : ctx.catalog->WithDescendants(table.oid)) {
    if (!t->partition_key) out->insert(t->oid);
  }
}

// What WHERE's top-level conjuncts say of one key column beyond ranges: it
// cannot be NULL there (a strict comparison, IN, BETWEEN or IS NOT NULL
// names it), and the values `<>` / NOT IN rule out.
struct ColumnFacts {
  bool not_null = false;
  std::vector<Value> excluded;
};

ColumnFacts FactsAbout(Binder& binder, const std::string& column, Oid type,
                       const std::string& alias, const ast::Expr* where,
                       const std::vector<Value>* params) {
  ColumnFacts facts;
  std::vector<const ast::Expr*> conjuncts;
  CollectConjuncts(where, &conjuncts);
  auto names = [&](const ast::Expr* e) {
    const std::string* name = e == nullptr ? nullptr : ColumnName(*e, alias);
    return name != nullptr && *name == column;
  };
  auto value_of = [&](const ast::Expr& e) -> std::optional<Value> {
    if (!IsConstant(e)) return std::nullopt;
    try {
      EvalContext eval(params);
      return ExactKeyValue(binder.BindExpr(e)->Evaluate(eval), type);
    } catch (const SqlError&) {
      return std::nullopt;
    }
  };
  for (const ast::Expr* c : conjuncts) {
    switch (c->kind) {
      case ast::ExprKind::kNullTest: {
        const auto& t = static_cast<const ast::NullTestExpr&>(*c);
        if (t.is_not_null && names(t.arg.get())) facts.not_null = true;
        break;
      }
      case ast::ExprKind::kBetween:
        if (names(static_cast<const ast::BetweenExpr&>(*c).arg.get())) facts.not_null = true;
        break;
      case ast::ExprKind::kInList: {
        const auto& in = static_cast<const ast::InListExpr&>(*c);
        if (!names(in.arg.get())) break;
        facts.not_null = true;
        if (!in.negated) break;
        for (const ast::ExprPtr& item : in.list) {
          if (auto v = value_of(*item)) facts.excluded.push_back(*v);
        }
        break;
      }
      case ast::ExprKind::kOperator: {
        const auto& op = static_cast<const ast::OperatorExpr&>(*c);
        if (op.name.size() != 1 || op.left == nullptr) break;
        const std::string& o = op.name[0];
        if (o != "=" && o != "<" && o != "<=" && o != ">" && o != ">=" && o != "<>" && o != "!=") {
          break;
        }
        const ast::Expr* other = names(op.left.get())    ? op.right.get()
                                 : names(op.right.get()) ? op.left.get()
                                                         : nullptr;
        if (other == nullptr) break;
        // Only a comparison with a value of the key's own type counts, as
        // only such a clause matches PostgreSQL's partition key.
        const std::optional<Value> v = value_of(*other);
        if (!v) break;
        facts.not_null = true;
        if (o == "<>" || o == "!=") facts.excluded.push_back(*v);
        break;
      }
      default:
        break;
    }
  }
  return facts;
}

void Survivors(CommandContext& ctx, Binder& binder, const catalog::TableDesc& table,
               const std::string& alias, const ast::Expr* where, std::set<Oid>* out);

// One partitioned table's partitions WHERE's conjuncts (ORs among them
// aside) leave, recursing into partitioned partitions with the whole
// `full_where`.
void SimpleSurvivors(CommandContext& ctx, Binder& binder, const catalog::TableDesc& table,
                     const std::string& alias, const ast::Expr* where,
                     const ast::Expr* full_where, std::set<Oid>* out) {
  const catalog::PartitionKey& key = *table.partition_key;
  const std::vector<DataType> types = PartitionKeyTypes(ctx, table);
  std::vector<int> slots;
  std::vector<KeyColumn> columns;
  for (size_t i = 0; i < key.parts.size(); ++i) {
    if (key.parts[i].attnum == 0) break;  // expressions: not pruned on
    slots.push_back(key.parts[i].attnum - 1);
    columns.emplace_back(types[i].oid);
  }
  // The leading plain-column key parts prune (RANGE: a prefix of the key
  // bounds the partitions too; LIST has one part).
  const bool whole_key = slots.size() == key.parts.size();
  const bool usable = !slots.empty() && key.strategy != 'h';
  KeyRanges ranges;
  bool all_not_null = usable;
  ColumnFacts first;  // LIST: the one key column
  if (usable) {
    ranges = KeyRangesFromWhere(binder, table, slots, columns, /*exact_key=*/false, alias, where,
                                ctx.param_values);
    for (size_t i = 0; i < slots.size(); ++i) {
      ColumnFacts facts = FactsAbout(binder, table.columns[static_cast<size_t>(slots[i])].name,
                                     types[i].oid, alias, where, ctx.param_values);
      all_not_null = all_not_null && facts.not_null;
      if (i == 0) first = std::move(facts);
    }
  }
  // Every range one key value: equalities on all key columns, or an IN
  // list on the last one after equalities on the others.
  const bool points =
      !ranges.ranges.empty() && (ranges.pinned == slots.size() ||
                                 (ranges.in_list && ranges.pinned + 1 == slots.size()));
  auto keep = [&](const catalog::TableDesc& t) {
    if (t.partition_key) {
      Survivors(ctx, binder, t, alias, full_where, out);
    } else {
      out->insert(t.oid);
    }
  };
  const catalog::TableDesc* fallback = nullptr;
  std::vector<EncodedRange> covered;      // RANGE: the partitions' ranges, in order
  std::vector<std::string> list_points;   // LIST: every non-default partition's values
  for (const PartitionEntry& p : OrderedPartitions(ctx, table, types)) {
    if (p.bound.is_default) {
      fallback = p.table;
      continue;
    }
    if (!usable) {
      keep(*p.table);
      continue;
    }
    bool meets = false;
    if (key.strategy == 'l') {
      std::vector<std::string> values;
      for (const Value& v : p.bound.list) {
        std::string encoded = EncodeKey(columns, std::span(&v, 1));
        list_points.push_back(encoded);
        bool excluded = false;
        for (const Value& x : first.excluded) excluded = excluded || ComparePartitionDatums(v, x) == 0;
        if (!excluded) values.push_back(std::move(encoded));
      }
      if (p.bound.list_has_null) {
        std::string null_key;
        AppendKeyMarker(columns[0], true, &null_key);
        list_points.push_back(null_key);
        if (!first.not_null) values.push_back(null_key);
      }
      for (const std::string& v : values) {
        if (ranges.ranges.empty()) meets = true;
        for (const KeyRange& r : ranges.ranges) {
          meets = meets || ((!r.lower || *r.lower <= v) && (!r.upper || v < *r.upper));
        }
      }
    } else {
      // Cut to the usable prefix: the lower bound's prefix is still a lower
      // bound; the upper one's prefix is one only inclusively.
      const size_t n = columns.size();
      std::vector<int8_t> lower_kind(p.bound.lower_kind.begin(), p.bound.lower_kind.begin() + n);
      std::vector<int8_t> upper_kind(p.bound.upper_kind.begin(), p.bound.upper_kind.begin() + n);
      std::vector<Value> lower(p.bound.lower.begin(), p.bound.lower.begin() + n);
      std::vector<Value> upper(p.bound.upper.begin(), p.bound.upper.begin() + n);
      EncodedRange bound{EncodeRangeSide(columns, lower_kind, lower, false),
                         EncodeRangeSide(columns, upper_kind, upper, true)};
      if (!whole_key && bound.upper && upper_kind.back() == 0) {
        bound.upper = PrefixSuccessor(*bound.upper);
      }
      covered.push_back(bound);
      meets = ranges.ranges.empty();
      for (const KeyRange& r : ranges.ranges) meets = meets || Meets(bound, r);
    }
    if (meets) keep(*p.table);
  }
  if (fallback == nullptr) return;
  // The DEFAULT partition stays unless the others take every row WHERE
  // allows: LIST: only exact values can be covered (and no NULL); RANGE:
  // each range within the partitions' contiguous ranges, no key NULL.
  bool default_needed = !usable || !whole_key || ranges.ranges.empty();
  if (!default_needed && key.strategy == 'r' && !all_not_null) default_needed = true;
  for (const KeyRange& r : ranges.ranges) {
    bool inside = false;
    if (key.strategy == 'l') {
      for (const std::string& v : list_points) inside = inside || (points && r.lower && *r.lower == v);
    } else {
      // Walk the partitions in order from the one holding r's lower end
      // while they adjoin, until one reaches past r's upper end.
      std::optional<std::string> reached;
      bool started = false;
      for (const EncodedRange& c : covered) {
        if (!started) {
          const bool holds_lower =
              (!c.lower || (r.lower && *c.lower <= *r.lower)) &&
              (!c.upper || !r.lower || *r.lower < *c.upper);
          if (!holds_lower) continue;
          started = true;
        } else if (!reached || !c.lower || *c.lower != *reached) {
          break;  // a gap
        }
        if (!c.upper || (r.upper && *r.upper <= *c.upper)) {
          inside = true;
          break;
        }
        reached = c.upper;
      }
    }
    default_needed = default_needed || !inside;
  }
  if (default_needed) keep(*fallback);
}

void Survivors(CommandContext& ctx, Binder& binder, const catalog::TableDesc& table,
               const std::string& alias, const ast::Expr* where, std::set<Oid>* out) {
  if (where != nullptr && where->kind == ast::ExprKind::kBool) {
    const auto& b = static_cast<const ast::BoolExpr&>(*where);
    // OR: the partitions any arm reaches.
    if (b.op == ast::BoolExpr::Op::kOr) {
      for (const ast::ExprPtr& arm : b.args) Survivors(ctx, binder, table, alias, arm.get(), out);
      return;
    }
    // AND: what the plain conjuncts leave, narrowed by each OR among them.
    if (b.op == ast::BoolExpr::Op::kAnd) {
      std::set<Oid> kept;
      SimpleSurvivors(ctx, binder, table, alias, where, where, &kept);
      for (const ast::ExprPtr& arg : b.args) {
        if (arg->kind != ast::ExprKind::kBool ||
            static_cast<const ast::BoolExpr&>(*arg).op != ast::BoolExpr::Op::kOr) {
          continue;
        }
        std::set<Oid> arm_kept, both;
        Survivors(ctx, binder, table, alias, arg.get(), &arm_kept);
        std::set_intersection(kept.begin(), kept.end(), arm_kept.begin(), arm_kept.end(),
                              std::inserter(both, both.begin()));
        kept = std::move(both);
      }
      out->insert(kept.begin(), kept.end());
      return;
    }
  }
  SimpleSurvivors(ctx, binder, table, alias, where, where, out);
}

}  // namespace

std::set<Oid> UnprunedPartitions(CommandContext& ctx, Binder& binder,
                                 const catalog::TableDesc& root, const std::string& alias,
                                 const ast::Expr* where) {
  std::set<Oid> out;
  if (where == nullptr) {
    AllLeaves(ctx, root, &out);
    return out;
  }
  Survivors(ctx, binder, root, alias, where, &out);
  return out;
}

}  // namespace strata::sql
