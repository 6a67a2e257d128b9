// FindHashJoinKeys / EncodeHashJoinKey (see hash_join_keys.h).
#include "sql/executor/hash_join_keys.h"

#include <algorithm>

#include "sql/builtin/operator_table.h"
#include "sql/types/range_value.h"

namespace strata::sql {

namespace {

enum class Side { kNone, kOuter, kInner, kMixed };

// Which side's slots `e` reads, if it is a column or a cast of one
// (anything else: kMixed, i.e. not usable as a key).
Side SideOf(const BoundExpr& e, size_t slot_base, size_t outer_width, size_t inner_width) {
  switch (e.kind()) {
    case BoundExprKind::kColumnRef: {
      const int slot = static_cast<const BoundColumnRef&>(e).slot();
      if (slot < 0) return Side::kMixed;
      const auto s = static_cast<size_t>(slot);
      if (s >= slot_base && s < slot_base + outer_width) return Side::kOuter;
      if (s >= slot_base + outer_width && s < slot_base + outer_width + inner_width) {
        return Side::kInner;
      }
      return Side::kMixed;
    }
    case BoundExprKind::kCast: {
      // Only casts that cannot fail: a key is evaluated for every row, where
      // the join would evaluate the condition only for some (AND stops early).
      const Oid to = e.type().oid;
      const Oid from = static_cast<const BoundCast&>(e).arg().type().oid;
      const bool widening =
          (to == type_oid::kInt8 && (from == type_oid::kInt2 || from == type_oid::kInt4)) ||
          (to == type_oid::kInt4 && from == type_oid::kInt2) ||
          (to == type_oid::kNumeric &&
           (from == type_oid::kInt2 || from == type_oid::kInt4 || from == type_oid::kInt8)) ||
          (to == type_oid::kFloat8 &&
           (from == type_oid::kInt2 || from == type_oid::kInt4 || from == type_oid::kInt8 ||
            from == type_oid::kFloat4)) ||
          (to == type_oid::kText && (from == type_oid::kVarchar || from == type_oid::kBpchar ||
                                     from == type_oid::kName || from == type_oid::kText));
      if (!widening) return Side::kMixed;
      return SideOf(static_cast<const BoundCast&>(e).arg(), slot_base, outer_width, inner_width);
    }
    default:
      return Side::kMixed;
  }
}

bool IsIntType(Oid t) {
  return t == type_oid::kInt2 || t == type_oid::kInt4 || t == type_oid::kInt8;
}
bool IsFloatType(Oid t) { return t == type_oid::kFloat4 || t == type_oid::kFloat8; }

// The encoding under which values of types a and b that are equal by their
// `=` operator have equal bytes, or nullopt.
std::optional<Oid> HashKeyType(Oid a, Oid b) {
  if (IsIntType(a) && IsIntType(b)) return type_oid::kInt8;
  if (IsFloatType(a) && IsFloatType(b)) return type_oid::kFloat8;
  const auto bytes_type = [](Oid t) {
    return t == type_oid::kText || t == type_oid::kVarchar || t == type_oid::kName;
  };
  if (bytes_type(a) && bytes_type(b)) return type_oid::kText;
  if (a != b) return std::nullopt;
  switch (a) {
    case type_oid::kBool:
    case type_oid::kNumeric:
    case type_oid::kBpchar:
    case type_oid::kBytea:
    case type_oid::kUuid:
    case 869:  // inet, cidr, macaddr, macaddr8: equal iff equal payload bytes
    case 650:
    case 829:
    case 774:
    case 1560:  // bit, varbit: equal iff equal payload bytes
    case 1562:
    case type_oid::kDate:
    case type_oid::kTime:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
    case type_oid::kInterval:
    case type_oid::kOid:
      return a;
    default:
      // Equal ranges have equal keys (numrange bounds by numeric value).
      if (IsRangeType(a) || IsMultirangeType(a)) return a;
      return std::nullopt;
  }
}

void Conjuncts(const BoundExpr* e, std::vector<const BoundExpr*>* out) {
  if (e->kind() == BoundExprKind::kBoolOp) {
    const auto& op = static_cast<const BoundBoolOp&>(*e);
    if (op.op() == BoundBoolOp::Op::kAnd) {
      for (const BoundExprPtr& a : op.args()) Conjuncts(a.get(), out);
      return;
    }
  }
  out->push_back(e);
}

}  // namespace

std::vector<HashJoinKey> FindHashJoinKeys(const std::vector<const BoundExpr*>& quals,
                                          size_t slot_base, size_t outer_width,
                                          size_t inner_width) {
  std::vector<const BoundExpr*> conjuncts;
  for (const BoundExpr* q : quals) Conjuncts(q, &conjuncts);
  std::vector<HashJoinKey> keys;
  for (const BoundExpr* c : conjuncts) {
    if (c->kind() != BoundExprKind::kFunctionCall) continue;
    const auto& call = static_cast<const BoundFunctionCall&>(*c);
    if (call.args().size() != 2 || call.function() == nullptr) continue;
    const BoundExpr& l = *call.args()[0];
    const BoundExpr& r = *call.args()[1];
    // varchar has no operators of its own: texteq serves it (binary coercible);
    // ranges and multiranges compare with the polymorphic range_eq / multirange_eq.
    const auto as_text = [](Oid t) {
      if (IsRangeType(t)) return type_oid::kAnyRange;
      if (IsMultirangeType(t)) return type_oid::kAnyMultirange;
      return t == type_oid::kVarchar ? type_oid::kText : t;
    };
    const PgOperator* op = FindOperatorExact("=", 'b', as_text(l.type().oid), as_text(r.type().oid));
    if (op == nullptr || op->proname != call.function()->name) continue;
    const std::optional<Oid> key_type = HashKeyType(l.type().oid, r.type().oid);
    if (!key_type) continue;
    const Side ls = SideOf(l, slot_base, outer_width, inner_width);
    const Side rs = SideOf(r, slot_base, outer_width, inner_width);
    if (ls == Side::kOuter && rs == Side::kInner) {
      keys.push_back({&l, &r, KeyColumn(*key_type)});
    } else if (ls == Side::kInner && rs == Side::kOuter) {
      keys.push_back({&r, &l, KeyColumn(*key_type)});
    }
  }
  return keys;
}

bool EncodeHashJoinKey(const std::vector<HashJoinKey>& keys, bool outer, EvalContext& ctx,
                       std::string* key) {
  key->clear();
  for (const HashJoinKey& k : keys) {
    const Value v = (outer ? k.outer : k.inner)->Evaluate(ctx);
    if (v.is_null()) return false;
    AppendKeyDatum(k.column, v, key);
  }
  return true;
}

bool KeysDecideQuals(const std::vector<const BoundExpr*>& quals,
                     const std::vector<HashJoinKey>& keys) {
  std::vector<const BoundExpr*> conjuncts;
  for (const BoundExpr* q : quals) Conjuncts(q, &conjuncts);
  if (conjuncts.size() != keys.size()) return false;
  // Each conjunct must be the equality one key was made of (its two
  // arguments are that key's expressions).
  for (const BoundExpr* c : conjuncts) {
    if (c->kind() != BoundExprKind::kFunctionCall) return false;
    const auto& call = static_cast<const BoundFunctionCall&>(*c);
    if (call.args().size() != 2) return false;
    const BoundExpr* l = call.args()[0].get();
    const BoundExpr* r = call.args()[1].get();
    const bool found = std::any_of(keys.begin(), keys.end(), [&](const HashJoinKey& k) {
      return (k.outer == l && k.inner == r) || (k.outer == r && k.inner == l);
    });
    if (!found) return false;
  }
  return true;
}

}  // namespace strata::sql
