// RunSetOperation (see set_operation.h).
#include "sql/commands/set_operation.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "sql/commands/output_order.h"
#include "sql/commands/select_locking.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

namespace {

using SetOp = ast::SelectStatement::SetOp;

const char* SetOpName(SetOp op) {
  switch (op) {
    case SetOp::kUnion: return "UNION";
    case SetOp::kIntersect: return "INTERSECT";
    case SetOp::kExcept: return "EXCEPT";
    case SetOp::kNone: break;
  }
  return "UNION";
}

// One operand's result with what the parent needs to type its columns.
struct Operand {
  QueryRows q;
  std::vector<int> locations;  // per column, -1 unknown
  // Per column: the leaf's unknown-type literal there ('x' or NULL), which
  // takes the common type instead of being cast from text.
  std::vector<const ast::ConstantExpr*> unknown_literals;
};

// Whether a set-operation child is a node of this tree (rather than a leaf
// subquery: parenthesized with its own ORDER BY/LIMIT/WITH/FOR UPDATE).
bool IsTreeNode(const ast::SelectStatement& s) {
  return s.set_op != SetOp::kNone && s.with == nullptr && s.sort.empty() &&
         s.limit_count == nullptr && s.limit_offset == nullptr && s.locking.empty();
}

Operand RunLeaf(CommandContext& ctx, const ast::SelectStatement& s) {
  Operand out;
  out.q = RunQuery(ctx, s);
  const size_t n = out.q.names.size();
  out.locations = OutputColumnLocations(s, n);
  out.unknown_literals.assign(n, nullptr);
  if (s.set_op == SetOp::kNone && s.values_lists.empty() && s.target_list.size() == n) {
    for (size_t i = 0; i < n; ++i) {
      const ast::Expr& e = *s.target_list[i].value;
      if (e.kind != ast::ExprKind::kConstant) continue;
      const auto& c = static_cast<const ast::ConstantExpr&>(e);
      if (c.const_kind == ast::ConstantExpr::Kind::kString ||
          c.const_kind == ast::ConstantExpr::Kind::kNull) {
        out.unknown_literals[i] = &c;
      }
    }
  }
  return out;
}

int FirstLocation(const std::vector<int>& locations) {
  for (int l : locations) {
    if (l >= 0) return l;
  }
  return -1;
}

// Converts column `c` of every row of `side` to `target`: an unknown
// literal through the type's input function (once), anything else by
// coerce_to_common_type.
void CoerceColumn(Binder& binder, Operand& side, size_t c, Oid target, const char* context,
                  const std::vector<Value>* params) {
  if (const ast::ConstantExpr* literal = side.unknown_literals[c]) {
    BoundExprPtr e = binder.CoerceToCommonType(binder.BindConstant(*literal), target, context);
    EvalContext eval(params);
    const Value v = e->Evaluate(eval);
    for (Row& row : side.q.rows) row[c] = v;
    return;
  }
  if (side.q.types[c].oid == target) return;
  BoundExprPtr e = binder.CoerceToCommonType(
      std::make_unique<BoundColumnRef>(static_cast<int>(c), side.q.types[c], side.locations[c]),
      target, context);
  EvalContext eval(params);
  for (Row& row : side.q.rows) {
    eval.SetRow(&row);
    Value v = e->Evaluate(eval);
    row[c] = std::move(v);
  }
}

std::string RowKey(const std::vector<KeyColumn>& columns, const Row& row) {
  std::string key;
  for (size_t i = 0; i < columns.size(); ++i) AppendKeyDatum(columns[i], row[i], &key);
  return key;
}

// Combines the (already coerced) rows of both sides.
std::vector<Row> Combine(SetOp op, bool all, const std::vector<DataType>& types,
                         std::vector<Row> left, std::vector<Row> right) {
  std::vector<KeyColumn> columns;
  for (const DataType& t : types) columns.emplace_back(t.oid);
  std::vector<Row> out;
  if (op == SetOp::kUnion) {
    out = std::move(left);
    out.reserve(out.size() + right.size());
    for (Row& r : right) out.push_back(std::move(r));
    if (all) return out;
    std::unordered_set<std::string> seen;
    std::vector<Row> distinct;
    for (Row& r : out) {
      if (seen.insert(RowKey(columns, r)).second) distinct.push_back(std::move(r));
    }
    return distinct;
  }
  std::unordered_map<std::string, int64_t> right_counts;
  for (const Row& r : right) ++right_counts[RowKey(columns, r)];
  std::unordered_set<std::string> emitted;  // without ALL: one copy per row
  for (Row& r : left) {
    std::string key = RowKey(columns, r);
    auto it = right_counts.find(key);
    const bool in_right = it != right_counts.end() && it->second > 0;
    bool keep;
    if (op == SetOp::kIntersect) {
      keep = in_right;
      if (all && in_right) --it->second;
    } else {  // EXCEPT
      if (all) {
        keep = !in_right;
        if (in_right) --it->second;
      } else {
        keep = it == right_counts.end();
      }
    }
    if (!keep) continue;
    if (!all && !emitted.insert(std::move(key)).second) continue;
    out.push_back(std::move(r));
  }
  return out;
}

Operand RunNode(CommandContext& ctx, const ast::SelectStatement& node) {
  const char* context = SetOpName(node.set_op);
  Operand left = IsTreeNode(*node.larg) ? RunNode(ctx, *node.larg) : RunLeaf(ctx, *node.larg);
  Operand right = IsTreeNode(*node.rarg) ? RunNode(ctx, *node.rarg) : RunLeaf(ctx, *node.rarg);
  Binder binder = ctx.MakeBinder();
  if (left.q.types.size() != right.q.types.size()) {
    throw binder.ErrorAt(SqlState::kSyntaxError,
                         std::string("each ") + context +
                             " query must have the same number of columns",
                         FirstLocation(right.locations));
  }
  Operand out;
  out.q.names = left.q.names;
  for (size_t c = 0; c < left.q.types.size(); ++c) {
    // Stand-ins carrying each side's type and location for select_common_type.
    auto stand_in = [&](const Operand& side) -> BoundExprPtr {
      if (side.unknown_literals[c] != nullptr) return binder.BindConstant(*side.unknown_literals[c]);
      return std::make_unique<BoundColumnRef>(static_cast<int>(c), side.q.types[c],
                                              side.locations[c]);
    };
    BoundExprPtr l = stand_in(left);
    BoundExprPtr r = stand_in(right);
    const Oid common = binder.SelectCommonType({l.get(), r.get()}, context);
    // Typmods: an unknown literal contributes none.
    const int32_t typmod = Binder::SelectCommonTypmod({l.get(), r.get()}, common);
    CoerceColumn(binder, left, c, common, context, ctx.param_values);
    CoerceColumn(binder, right, c, common, context, ctx.param_values);
    out.q.types.push_back(DataType{common, typmod});
    out.locations.push_back(left.locations[c] >= 0 ? left.locations[c] : right.locations[c]);
  }
  out.unknown_literals.assign(out.q.types.size(), nullptr);
  out.q.rows = Combine(node.set_op, node.set_all, out.q.types, std::move(left.q.rows),
                       std::move(right.q.rows));
  return out;
}

}  // namespace

std::vector<int> OutputColumnLocations(const ast::SelectStatement& stmt, size_t columns) {
  std::vector<int> out(columns, -1);
  if (stmt.set_op != SetOp::kNone) return out;
  if (!stmt.values_lists.empty()) {
    const auto& first = stmt.values_lists.front();
    for (size_t i = 0; i < columns && i < first.size(); ++i) out[i] = first[i]->location;
    return out;
  }
  bool star = false;
  for (const ast::ResTarget& t : stmt.target_list) {
    if (t.value->kind == ast::ExprKind::kColumnRef &&
        static_cast<const ast::ColumnRefExpr&>(*t.value).fields.back() == "*") {
      star = true;
    }
  }
  if (star || stmt.target_list.size() != columns) return out;
  for (size_t i = 0; i < columns; ++i) out[i] = stmt.target_list[i].location;
  return out;
}

QueryRows RunSetOperation(CommandContext& ctx, const ast::SelectStatement& stmt) {
  if (!stmt.locking.empty()) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   std::string(LockingStrengthName(stmt.locking.front().strength)) +
                       " is not allowed with UNION/INTERSECT/EXCEPT");
  }
  Operand result = RunNode(ctx, stmt);
  ApplyOutputOrder(ctx, stmt, true, &result.q);
  return std::move(result.q);
}

}  // namespace strata::sql
