// Plan-time partition pruning (see partition_pruning.h): WHERE becomes
// ranges of encoded partition keys (primary_key_lookup.h's
// KeyRangesFromWhere), each partition's bound the encoded range of keys it
// takes, and a partition stays when the two meet.
#include "sql/commands/partition_pruning.h"

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

bool Within(const KeyRange& inner, const EncodedRange& outer) {
  if (outer.lower && (!inner.lower || *inner.lower < *outer.lower)) return false;
  if (outer.upper && (!inner.upper || *outer.upper < *inner.upper)) return false;
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

void Survivors(CommandContext& ctx, Binder& binder, const catalog::TableDesc& table,
               const std::string& alias, const ast::Expr* where, std::set<Oid>* out) {
  // OR: the partitions any arm reaches.
  if (where != nullptr && where->kind == ast::ExprKind::kBool) {
    const auto& b = static_cast<const ast::BoolExpr&>(*where);
    if (b.op == ast::BoolExpr::Op::kOr) {
      for (const ast::ExprPtr& arm : b.args) Survivors(ctx, binder, table, alias, arm.get(), out);
      return;
    }
  }
  const catalog::PartitionKey& key = *table.partition_key;
  const std::vector<DataType> types = PartitionKeyTypes(ctx, table);
  std::vector<int> slots;
  std::vector<KeyColumn> columns;
  for (size_t i = 0; i < key.parts.size(); ++i) {
    if (key.parts[i].attnum == 0) break;  // expressions: not pruned on
    slots.push_back(key.parts[i].attnum - 1);
    columns.emplace_back(types[i].oid);
  }
  KeyRanges ranges;
  if (slots.size() == key.parts.size() && key.strategy != 'h') {
    ranges = KeyRangesFromWhere(binder, table, slots, columns, /*exact_key=*/false, alias, where,
                                ctx.param_values);
  }
  // Every range one key value: equalities on all key columns, or an IN
  // list on the last one after equalities on the others.
  const bool points =
      !ranges.ranges.empty() && (ranges.pinned == slots.size() ||
                                 (ranges.in_list && ranges.pinned + 1 == slots.size()));
  bool default_needed = ranges.ranges.empty();
  std::vector<EncodedRange> covered;
  const catalog::TableDesc* fallback = nullptr;
  auto keep = [&](const catalog::TableDesc& t) {
    if (t.partition_key) {
      Survivors(ctx, binder, t, alias, where, out);
    } else {
      out->insert(t.oid);
    }
  };
  std::vector<std::string> list_points;  // LIST: every non-default partition's values
  for (const PartitionEntry& p : OrderedPartitions(ctx, table, types)) {
    if (p.bound.is_default) {
      fallback = p.table;
      continue;
    }
    if (ranges.ranges.empty()) {
      keep(*p.table);
      continue;
    }
    bool meets = false;
    if (key.strategy == 'l') {
      std::vector<std::string> values;
      for (const Value& v : p.bound.list) values.push_back(EncodeKey(columns, std::span(&v, 1)));
      if (p.bound.list_has_null) {
        std::string null_key;
        AppendKeyMarker(columns[0], true, &null_key);
        values.push_back(null_key);
      }
      for (const std::string& v : values) {
        for (const KeyRange& r : ranges.ranges) {
          meets = meets || ((!r.lower || *r.lower <= v) && (!r.upper || v < *r.upper));
        }
        list_points.push_back(v);
      }
    } else {
      const EncodedRange bound{
          EncodeRangeSide(columns, p.bound.lower_kind, p.bound.lower, false),
          EncodeRangeSide(columns, p.bound.upper_kind, p.bound.upper, true)};
      covered.push_back(bound);
      for (const KeyRange& r : ranges.ranges) meets = meets || Meets(bound, r);
    }
    if (meets) keep(*p.table);
  }
  if (fallback == nullptr) return;
  // The DEFAULT partition stays unless every range WHERE allows lies in
  // one of the other partitions (LIST: only exact values can).
  for (const KeyRange& r : ranges.ranges) {
    bool inside = false;
    if (key.strategy == 'l') {
      for (const std::string& v : list_points) inside = inside || (points && r.lower && *r.lower == v);
    } else {
      for (const EncodedRange& c : covered) inside = inside || Within(r, c);
    }
    default_needed = default_needed || !inside;
  }
  if (default_needed) keep(*fallback);
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
