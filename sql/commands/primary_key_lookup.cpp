// PrimaryKeyFromWhere (see primary_key_lookup.h).
#include "sql/commands/primary_key_lookup.h"

#include <algorithm>
#include <vector>

#include "sql/binder/grouping.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/bound_volatility.h"
#include "sql/expr/array_exprs.h"
#include "sql/types/array_value.h"
#include "sql/types/type_io.h"
#include "sql/storage_format/key_codec.h"
#include "sql/storage_format/storage_type.h"

namespace strata::sql {

void CollectConjuncts(const ast::Expr* e, std::vector<const ast::Expr*>* out) {
  if (e->kind == ast::ExprKind::kBool) {
    const auto& b = static_cast<const ast::BoolExpr&>(*e);
    if (b.op == ast::BoolExpr::Op::kAnd) {
      for (const auto& a : b.args) CollectConjuncts(a.get(), out);
      return;
    }
  }
  out->push_back(e);
}

// Constants and $n parameters (possibly cast, or combined by operators such as
// `$1 + 100`) only: safe to evaluate once, up front.
bool IsConstant(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kConstant:
    case ast::ExprKind::kParamRef:
      return true;
    case ast::ExprKind::kTypeCast:
      return IsConstant(*static_cast<const ast::TypeCastExpr&>(e).arg);
    case ast::ExprKind::kOperator: {
      const auto& op = static_cast<const ast::OperatorExpr&>(e);
      return op.right != nullptr && IsConstant(*op.right) &&
             (op.left == nullptr || IsConstant(*op.left));
    }
    default:
      return false;
  }
}

namespace {

// Whether `e` names a column of an enclosing query (constant while a
// correlated subquery runs once).
bool IsOuterColumn(Binder& binder, const ast::Expr& e) {
  if (e.kind != ast::ExprKind::kColumnRef) return false;
  try {
    return binder.BindOuterColumnRef(static_cast<const ast::ColumnRefExpr&>(e)) != nullptr;
  } catch (const SqlError&) {
    return false;
  }
}

// Whether the AST reads no column, subquery or aggregate: constants,
// parameters, casts, operators, plain function calls and ARRAY[] over them.
bool ReadsNoRows(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kConstant:
    case ast::ExprKind::kParamRef:
      return true;
    case ast::ExprKind::kTypeCast:
      return ReadsNoRows(*static_cast<const ast::TypeCastExpr&>(e).arg);
    case ast::ExprKind::kOperator: {
      const auto& op = static_cast<const ast::OperatorExpr&>(e);
      return op.right != nullptr && ReadsNoRows(*op.right) &&
             (op.left == nullptr || ReadsNoRows(*op.left));
    }
    case ast::ExprKind::kFuncCall: {
      const auto& call = static_cast<const ast::FuncCallExpr&>(e);
      if (call.over || call.filter || call.agg_star || call.agg_distinct ||
          call.has_decorations || call.is_grouping_func) {
        return false;
      }
      return std::all_of(call.args.begin(), call.args.end(),
                         [](const ast::ExprPtr& a) { return a != nullptr && ReadsNoRows(*a); });
    }
    case ast::ExprKind::kArray: {
      const auto& array = static_cast<const ast::ArrayExpr&>(e);
      return std::all_of(array.elements.begin(), array.elements.end(),
                         [](const ast::ExprPtr& a) { return a != nullptr && ReadsNoRows(*a); });
    }
    case ast::ExprKind::kMinMax: {
      const auto& args = static_cast<const ast::MinMaxExpr&>(e).args;
      return std::all_of(args.begin(), args.end(),
                         [](const ast::ExprPtr& a) { return a != nullptr && ReadsNoRows(*a); });
    }
    case ast::ExprKind::kCoalesce: {
      const auto& args = static_cast<const ast::CoalesceExpr&>(e).args;
      return std::all_of(args.begin(), args.end(),
                         [](const ast::ExprPtr& a) { return a != nullptr && ReadsNoRows(*a); });
    }
    default:
      return false;
  }
}

// Whether a bound expression is built-in calls that are not volatile over
// constants and parameters (no user-defined function: those run in their
// own statement context, not while a scan is planned).
bool BuiltinNonVolatile(const BoundExpr& e) {
  switch (e.kind()) {
    case BoundExprKind::kConstant:
    case BoundExprKind::kParam:
      return true;
    case BoundExprKind::kCast:
      return BuiltinNonVolatile(static_cast<const BoundCast&>(e).arg());
    case BoundExprKind::kTypmodCoercion:
      return BuiltinNonVolatile(static_cast<const BoundTypmodCoercion&>(e).arg());
    case BoundExprKind::kArrayCoerce:
      return BuiltinNonVolatile(static_cast<const BoundArrayCoerce&>(e).arg());
    case BoundExprKind::kArrayConstructor: {
      const auto& elements = static_cast<const BoundArrayConstructor&>(e).elements();
      return std::all_of(elements.begin(), elements.end(),
                         [](const BoundExprPtr& el) { return BuiltinNonVolatile(*el); });
    }
    case BoundExprKind::kFunctionCall: {
      const auto& call = static_cast<const BoundFunctionCall&>(e);
      return call.function() != nullptr && !IsVolatileBuiltin(call.function()->name) &&
             std::all_of(call.args().begin(), call.args().end(),
                         [](const BoundExprPtr& a) { return BuiltinNonVolatile(*a); });
    }
    case BoundExprKind::kMinMax: {
      const auto& args = static_cast<const BoundMinMax&>(e).args();
      return std::all_of(args.begin(), args.end(),
                         [](const BoundExprPtr& a) { return BuiltinNonVolatile(*a); });
    }
    case BoundExprKind::kCoalesce: {
      const auto& args = static_cast<const BoundCoalesce&>(e).args();
      return std::all_of(args.begin(), args.end(),
                         [](const BoundExprPtr& a) { return BuiltinNonVolatile(*a); });
    }
    default:
      return false;
  }
}

// Whether a name-typed value (CURRENT_USER and the other session names)
// feeds `e`. PostgreSQL gives name the "C" collation, which such a value
// carries into text built from it, so comparing it with a text column of the
// default collation cannot use that column's index.
bool ReadsNameValue(const BoundExpr& e) {
  if (e.type().oid == type_oid::kName) return true;
  switch (e.kind()) {
    case BoundExprKind::kCast:
      return ReadsNameValue(static_cast<const BoundCast&>(e).arg());
    case BoundExprKind::kTypmodCoercion:
      return ReadsNameValue(static_cast<const BoundTypmodCoercion&>(e).arg());
    case BoundExprKind::kFunctionCall: {
      const auto& args = static_cast<const BoundFunctionCall&>(e).args();
      return std::any_of(args.begin(), args.end(),
                         [](const BoundExprPtr& a) { return ReadsNameValue(*a); });
    }
    default:
      return false;
  }
}

// PostgreSQL's pseudo-constants of an index qual that we can compute: what
// IsConstant accepts, and non-volatile built-in calls and ARRAY[] over
// constants and parameters (abs(-5), length(current_user)), which an index
// scan evaluates once before it reads a row; we do it while planning.
bool ComputableBeforeScan(Binder& binder, const ast::Expr& e, Oid column_type) {
  if (IsConstant(e)) return true;
  if (!ReadsNoRows(e)) return false;
  try {
    BoundExprPtr bound = binder.BindExpr(e);
    const bool text_column = column_type == type_oid::kText ||
                             column_type == type_oid::kVarchar || column_type == type_oid::kBpchar;
    return BuiltinNonVolatile(*bound) && !(text_column && ReadsNameValue(*bound));
  } catch (const SqlError&) {
    return false;
  }
}

}  // namespace

const std::string* ColumnName(const ast::Expr& e, const std::string& alias) {
  if (e.kind != ast::ExprKind::kColumnRef) return nullptr;
  const auto& ref = static_cast<const ast::ColumnRefExpr&>(e);
  if (ref.fields.size() == 1) return &ref.fields[0];
  if (ref.fields.size() == 2 && ref.fields[0] == alias) return &ref.fields[1];
  return nullptr;
}

namespace {

bool IsIntegerType(Oid t) {
  return t == type_oid::kInt2 || t == type_oid::kInt4 || t == type_oid::kInt8;
}

bool FitsInteger(Oid t, int64_t v) {
  if (t == type_oid::kInt2) return v >= INT16_MIN && v <= INT16_MAX;
  if (t == type_oid::kInt4) return v >= INT32_MIN && v <= INT32_MAX;
  return true;
}

bool IsStringType(Oid t) {
  return t == type_oid::kText || t == type_oid::kVarchar || t == type_oid::kUnknown;
}

}  // namespace

std::optional<Value> ExactKeyValue(const Value& v, Oid column_type) {
  if (v.is_null()) return std::nullopt;  // `pk = NULL` matches nothing; let the filter say so
  if (v.type() == column_type) return v;
  if (IsIntegerType(column_type) && IsIntegerType(v.type()) && FitsInteger(column_type, v.int_value())) {
    return Value::Integer(column_type, v.int_value());
  }
  if ((column_type == type_oid::kText || column_type == type_oid::kVarchar) && IsStringType(v.type())) {
    return Value::String(column_type, v.string_value());
  }
  // An untyped literal compared with a character(n) column is a bpchar (a
  // text value is not: bpchar = text compares as text, trailing spaces and
  // all).
  if (column_type == type_oid::kBpchar && v.type() == type_oid::kUnknown) {
    return Value::String(column_type, v.string_value());
  }
  // Any other untyped literal is read as the column's type, as PostgreSQL
  // coerces it -- for the types whose input does not depend on settings.
  // A bad literal is no key value: the binding reports it, with its
  // position.
  if (v.type() == type_oid::kUnknown) {
    switch (column_type) {
      case type_oid::kInt2:
      case type_oid::kInt4:
      case type_oid::kInt8:
      case type_oid::kOid:
      case type_oid::kNumeric:
      case type_oid::kFloat4:
      case type_oid::kFloat8:
      case type_oid::kBool:
      case type_oid::kUuid:
        try {
          return InputValue(column_type, v.string_value());
        } catch (const SqlError&) {
          return std::nullopt;
        }
      default:
        break;
    }
  }
  return std::nullopt;
}

int MatchExpressionKey(const ast::Expr& e, const catalog::TableDesc& table,
                       const std::string& scope_alias, std::span<const ExpressionKey> expressions) {
  if (expressions.empty() || e.kind == ast::ExprKind::kColumnRef || IsConstant(e)) return -1;
  // Column references compare by the table column they name (the index's
  // are unqualified; the query's may carry the table's alias).
  const ColumnSlotFn column_slot = [&](const ast::ColumnRefExpr& ref) -> int {
    const std::string* name = ColumnName(ref, scope_alias);
    return name == nullptr ? -1 : table.FindColumn(*name);
  };
  for (const ExpressionKey& k : expressions) {
    if (SameAstExpr(e, *k.expr, &column_slot)) return k.slot;
  }
  return -1;
}

std::vector<ColumnRestriction> ColumnRestrictions(Binder& binder, const catalog::TableDesc& table,
                                                  const std::string& scope_alias,
                                                  const std::vector<const ast::Expr*>& conjuncts,
                                                  const std::vector<Value>* params,
                                                  std::span<const ExpressionKey> expressions) {
  std::vector<ColumnRestriction> out;
  auto slot_of = [&](const std::string& name) -> int {
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (!table.columns[i].dropped && table.columns[i].name == name) return static_cast<int>(i);
    }
    return -1;
  };
  // The type of slot `slot`: a column's, or an expression key's.
  auto slot_type = [&](int slot) -> Oid {
    if (static_cast<size_t>(slot) < table.columns.size()) {
      return table.columns[static_cast<size_t>(slot)].type;
    }
    for (const ExpressionKey& k : expressions) {
      if (k.slot == slot) return k.type;
    }
    return 0;
  };
  // A column, or an index expression: its slot (-1: neither).
  auto operand_slot = [&](const ast::Expr& e) -> int {
    if (const std::string* name = ColumnName(e, scope_alias)) return slot_of(*name);
    return MatchExpressionKey(e, table, scope_alias, expressions);
  };
  auto is_operand = [&](const ast::Expr& e) { return operand_slot(e) >= 0; };
  // A value the scan can know before it starts, for a key of slot `slot`.
  auto usable = [&](const ast::Expr& e, int slot) {
    return ComputableBeforeScan(binder, e, slot_type(slot)) || IsOuterColumn(binder, e);
  };
  auto evaluate = [&](const ast::Expr& constant, Oid type) -> std::optional<Value> {
    EvalContext ctx(params);
    // Errors here (e.g. a bad literal) are left for the real binding to report.
    try {
      return ExactKeyValue(binder.BindExpr(constant)->Evaluate(ctx), type);
    } catch (const SqlError&) {
      return std::nullopt;
    }
  };
  // The non-NULL elements of an array (NULLs match nothing), each exact for
  // `type`; an untyped literal ('{1,2}') is read as an array of `type`.
  auto array_elements = [&](const ast::Expr& array,
                            Oid type) -> std::optional<std::vector<Value>> {
    EvalContext ctx(params);
    try {
      Value v;
      if (array.kind == ast::ExprKind::kConstant) {
        const auto& literal = static_cast<const ast::ConstantExpr&>(array);
        const PgTypeInfo* info = FindPgType(type);
        if (literal.const_kind != ast::ConstantExpr::Kind::kString || info == nullptr ||
            info->typarray == 0) {
          return std::nullopt;
        }
        v = ParseArray(info->typarray, literal.text);
      } else {
        BoundExprPtr bound = binder.BindExpr(array);
        const PgTypeInfo* info = FindPgType(bound->type().oid);
        if (info == nullptr || info->category != 'A') return std::nullopt;  // not an array
        v = bound->Evaluate(ctx);
        if (v.is_null()) return std::nullopt;
      }
      std::vector<Value> values;
      for (const Value& el : v.array_value().elements) {
        if (el.is_null()) continue;
        std::optional<Value> exact = ExactKeyValue(el, type);
        if (!exact) return std::nullopt;
        values.push_back(std::move(*exact));
      }
      return values;
    } catch (const SqlError&) {
      return std::nullopt;
    }
  };
  using Op = ColumnRestriction::Op;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    const ast::Expr* c = conjuncts[i];
    // A boolean column (or NOT one) is `column = true` (false).
    bool negated = false;
    const ast::Expr* bare = c;
    if (c->kind == ast::ExprKind::kBool &&
        static_cast<const ast::BoolExpr&>(*c).op == ast::BoolExpr::Op::kNot) {
      bare = static_cast<const ast::BoolExpr&>(*c).args[0].get();
      negated = true;
    }
    if (const std::string* name = ColumnName(*bare, scope_alias)) {
      const int slot = slot_of(*name);
      if (slot >= 0 && table.columns[static_cast<size_t>(slot)].type == type_oid::kBool) {
        out.push_back(ColumnRestriction{i, slot, Op::kEq, {Value::Bool(!negated)}});
      }
      continue;
    }
    if (c->kind == ast::ExprKind::kNullTest) {
      const auto& test = static_cast<const ast::NullTestExpr&>(*c);
      const int slot = operand_slot(*test.arg);
      if (slot < 0) continue;
      out.push_back(ColumnRestriction{i, slot, test.is_not_null ? Op::kIsNotNull : Op::kIsNull, {}});
      continue;
    }
    if (c->kind == ast::ExprKind::kBetween) {
      const auto& between = static_cast<const ast::BetweenExpr&>(*c);
      const int slot = operand_slot(*between.arg);
      if (slot < 0 || between.negated || !usable(*between.lower, slot) ||
          !usable(*between.upper, slot)) {
        continue;
      }
      const Oid type = slot_type(slot);
      std::optional<Value> lo = evaluate(*between.lower, type);
      std::optional<Value> hi = evaluate(*between.upper, type);
      if (lo) out.push_back(ColumnRestriction{i, slot, Op::kGe, {std::move(*lo)}, !hi});
      if (hi) out.push_back(ColumnRestriction{i, slot, Op::kLe, {std::move(*hi)}, !lo});
      continue;
    }
    if (c->kind == ast::ExprKind::kInList) {
      const auto& in = static_cast<const ast::InListExpr&>(*c);
      const int slot = operand_slot(*in.arg);
      if (slot < 0 || in.negated || in.list.empty()) continue;
      bool all_usable = true;
      for (const auto& item : in.list) all_usable = all_usable && usable(*item, slot);
      if (!all_usable) continue;
      const Oid type = slot_type(slot);
      std::vector<Value> values;
      bool ok = true;
      for (const auto& item : in.list) {
        std::optional<Value> v = evaluate(*item, type);
        // A NULL in the list matches nothing; any other failure: no range.
        if (!v) {
          ok = false;
          break;
        }
        values.push_back(std::move(*v));
      }
      if (ok) out.push_back(ColumnRestriction{i, slot, Op::kIn, std::move(values)});
      continue;
    }
    if (c->kind == ast::ExprKind::kArrayOp) {
      // col = ANY (array): an IN list of the array's elements.
      const auto& any = static_cast<const ast::ArrayOpExpr&>(*c);
      if (!any.use_or || any.name.empty() || any.name.back() != "=") continue;
      const int slot = operand_slot(*any.left);
      if (slot < 0 || !usable(*any.right, slot)) continue;
      std::optional<std::vector<Value>> values = array_elements(*any.right, slot_type(slot));
      if (values && !values->empty()) {
        out.push_back(ColumnRestriction{i, slot, Op::kIn, std::move(*values)});
      }
      continue;
    }
    if (c->kind != ast::ExprKind::kOperator) continue;
    const auto& op = static_cast<const ast::OperatorExpr&>(*c);
    if (op.name.size() != 1 || op.left == nullptr) continue;
    std::string name_op = op.name[0];
    if (name_op != "=" && name_op != "<" && name_op != "<=" && name_op != ">" && name_op != ">=") {
      continue;
    }
    const ast::Expr* col = op.left.get();
    const ast::Expr* constant = op.right.get();
    if (!is_operand(*col)) {
      std::swap(col, constant);
      // `5 < id` is `id > 5`.
      if (name_op[0] == '<') {
        name_op[0] = '>';
      } else if (name_op[0] == '>') {
        name_op[0] = '<';
      }
    }
    const int slot = operand_slot(*col);
    if (slot < 0 || !usable(*constant, slot)) continue;
    std::optional<Value> v = evaluate(*constant, slot_type(slot));
    if (!v) continue;
    const Op kind = name_op == "="    ? Op::kEq
                    : name_op == "<"  ? Op::kLt
                    : name_op == "<=" ? Op::kLe
                    : name_op == ">"  ? Op::kGt
                                      : Op::kGe;
    out.push_back(ColumnRestriction{i, slot, kind, {std::move(*v)}});
  }
  return out;
}

KeyRanges KeyRangesFromWhere(Binder& binder, const catalog::TableDesc& table,
                             std::span<const int> key_slots,
                             std::span<const KeyColumn> key_columns, bool exact_key,
                             const std::string& scope_alias, const ast::Expr* where,
                             const std::vector<Value>* params) {
  if (where == nullptr || key_slots.empty()) return KeyRanges{};
  std::vector<const ast::Expr*> conjuncts;
  CollectConjuncts(where, &conjuncts);
  return KeyRangesFromRestrictions(table, key_slots, key_columns, exact_key,
                                   ColumnRestrictions(binder, table, scope_alias, conjuncts, params));
}

KeyRanges KeyRangesFromRestrictions(const catalog::TableDesc& table, std::span<const int> key_slots,
                                    std::span<const KeyColumn> key_columns, bool exact_key,
                                    const std::vector<ColumnRestriction>& restrictions) {
  (void)table;  // key types come from key_columns (an expression key has no column)
  KeyRanges out;
  const size_t n = key_slots.size();
  if (n == 0) return out;
  using Op = ColumnRestriction::Op;
  // Per key position: an equality (a NULL Value for IS NULL), IN-list
  // values, and range bounds -- each the restriction it came from.
  std::vector<const ColumnRestriction*> equal(n), in_lists(n), not_null(n);
  std::vector<std::vector<const ColumnRestriction*>> bounds(n);
  for (const ColumnRestriction& r : restrictions) {
    for (size_t k = 0; k < n; ++k) {
      if (key_slots[k] != r.slot) continue;
      switch (r.op) {
        case Op::kEq:
        case Op::kIsNull:
          if (equal[k] == nullptr) equal[k] = &r;
          break;
        case Op::kIn:
          if (in_lists[k] == nullptr) in_lists[k] = &r;
          break;
        case Op::kIsNotNull:
          if (not_null[k] == nullptr) not_null[k] = &r;
          break;
        default:
          bounds[k].push_back(&r);
      }
    }
  }
  auto use = [&out](const ColumnRestriction& r) {
    // A BETWEEN with one side dropped is not wholly implemented.
    if (!r.partial) out.used_conjuncts.push_back(r.conjunct);
  };
  auto equal_value = [&](size_t k) {
    return equal[k]->op == Op::kIsNull ? Value::Null(key_columns[k].type) : equal[k]->values[0];
  };
  // The longest leading run of key columns pinned by equalities.
  std::string prefix;
  size_t pinned = 0;
  while (pinned < n && equal[pinned] != nullptr) {
    AppendKeyDatum(key_columns[pinned], equal_value(pinned), &prefix);
    use(*equal[pinned]);
    ++pinned;
  }
  out.pinned = pinned;
  if (pinned == n) {
    out.ranges.push_back(exact_key ? KeyRange{prefix, prefix + std::string(1, '\0')}
                                   : KeyRange{prefix, PrefixSuccessor(prefix)});
    return out;
  }
  const KeyColumn& next = key_columns[pinned];
  if (in_lists[pinned] != nullptr) {
    std::vector<std::string> keys;
    for (const Value& v : in_lists[pinned]->values) {
      std::string key = prefix;
      AppendKeyDatum(next, v, &key);
      keys.push_back(std::move(key));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    const bool point = exact_key && pinned + 1 == n;
    for (std::string& key : keys) {
      std::optional<std::string> upper =
          point ? std::optional<std::string>(key + std::string(1, '\0')) : PrefixSuccessor(key);
      out.ranges.push_back(KeyRange{std::move(key), std::move(upper)});
    }
    out.in_list = true;
    use(*in_lists[pinned]);
    return out;
  }
  // The conditions on this column are listed in WHERE's order (PostgreSQL
  // lists an index column's quals in clause order).
  const size_t column_uses = out.used_conjuncts.size();
  // Bounds on the next column (encoded keys; the tightest of each side wins,
  // comparing encodings as the engine does). A DESC column's bytes are
  // inverted, so `>` bounds it from above.
  std::optional<std::string> lower, upper;
  for (const ColumnRestriction* r : bounds[pinned]) {
    std::string encoded = prefix;
    AppendKeyDatum(next, r->values[0], &encoded);
    const bool greater = r->op == Op::kGt || r->op == Op::kGe;
    const bool inclusive = r->op == Op::kGe || r->op == Op::kLe;
    const bool is_lower = greater != next.descending;
    if (is_lower) {
      std::optional<std::string> bound =
          inclusive ? std::optional<std::string>(encoded) : PrefixSuccessor(encoded);
      if (!bound) continue;
      if (!lower || *bound > *lower) lower = std::move(bound);
    } else {
      std::optional<std::string> bound =
          inclusive ? PrefixSuccessor(encoded) : std::optional<std::string>(encoded);
      if (!bound) continue;
      if (!upper || *bound < *upper) upper = std::move(bound);
    }
    use(*r);
  }
  if (not_null[pinned] != nullptr && exact_key) {
    // A primary key has no NULLs: the condition holds for every key (still
    // an index condition, as PostgreSQL's btree takes IS NOT NULL).
    use(*not_null[pinned]);
  } else if (not_null[pinned] != nullptr) {
    // IS NOT NULL: every key whose column is not NULL, up to the NULLs'
    // one-byte marker (or past it, where NULLs sort first). The key order
    // is the encodings' even for a DESC column.
    std::string null_key = prefix;
    AppendKeyDatum(next, Value::Null(next.type), &null_key);
    if (next.nulls_first) {
      std::optional<std::string> bound = PrefixSuccessor(null_key);
      if (bound && (!lower || *bound > *lower)) lower = std::move(bound);
    } else if (!upper || null_key < *upper) {
      upper = std::move(null_key);
    }
    use(*not_null[pinned]);
  }
  std::stable_sort(out.used_conjuncts.begin() + static_cast<std::ptrdiff_t>(column_uses),
                   out.used_conjuncts.end());
  out.bounded = lower.has_value() || upper.has_value();
  if (!out.bounded && pinned == 0) return out;
  if (!lower && pinned > 0) lower = prefix;
  if (!upper && pinned > 0) upper = PrefixSuccessor(prefix);
  out.ranges.push_back(KeyRange{std::move(lower), std::move(upper)});
  return out;
}

std::optional<KeyRange> PrimaryKeyFromWhere(Binder& binder, const TableCodec& codec,
                                            const std::string& scope_alias,
                                            const ast::Expr* where,
                                            const std::vector<Value>* params) {
  if (!codec.has_primary_key()) return std::nullopt;
  KeyRanges found = KeyRangesFromWhere(binder, codec.table(), codec.key_slots(),
                                       codec.key_columns(), true, scope_alias, where, params);
  // One contiguous range only (an IN list would need several).
  if (found.ranges.size() != 1) return std::nullopt;
  return std::move(found.ranges[0]);
}

}  // namespace strata::sql
