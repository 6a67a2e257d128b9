// ExplainWriter (see explain_writer.h) and the expression deparser: the
// subset of PostgreSQL's ruleutils.c get_rule_expr that EXPLAIN output uses
// -- operators as "(a op b)", casts as "(x)::type", constants with their type
// unless the literal alone reads back as that type, AND/OR lists in one pair
// of parentheses.
#include "sql/executor/explain_writer.h"

#include "sql/storage_format/key_codec.h"

#include <algorithm>
#include <iterator>
#include <cctype>
#include <cstdio>

#include "common/sql_error.h"
#include "sql/builtin/operator_table.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/bound_volatility.h"
#include "sql/commands/user_function_call.h"
#include "sql/executor/plan_node.h"
#include "sql/expr/array_exprs.h"
#include "sql/expr/sql_function.h"
#include "sql/expr/text_quote.h"
#include "sql/system_relations/view_deparse_tree.h"
#include "sql/types/range_value.h"
#include "sql/types/type_io.h"

namespace strata::sql {

void ExplainWriter::BeginNode(std::string name) {
  auto entry = std::make_unique<ExplainEntry>();
  entry->name = std::move(name);
  ExplainEntry* raw = entry.get();
  if (open_.empty()) {
    root_ = std::move(entry);
  } else {
    open_.back()->children.push_back(std::move(entry));
  }
  open_.push_back(raw);
  last_ = raw;
}

void ExplainWriter::EndNode() {
  // A Describe that ends a node it did not begin: an internal error, not
  // a read before the stack.
  if (open_.empty()) throw SqlError(SqlState::kInternalError, "unbalanced EXPLAIN node");
  last_ = open_.back();
  open_.pop_back();
}

void ExplainWriter::Property(std::string label, std::string text) {
  if (!open_.empty()) open_.back()->properties.emplace_back(std::move(label), std::move(text));
}

ExplainLabels ExplainWriter::Describe(const PlanNode& child) {
  ExplainLabels labels = child.Describe(*this);
  // The planner's figures, on the entry the node made (its own: the last
  // one closed).
  if (const PlanNode::Estimate* e = child.estimate(); e != nullptr && options_.costs && last_) {
    last_->startup_cost = e->startup;
    last_->total_cost = e->total;
    last_->rows = e->rows;
    last_->width = e->width;
    last_->costed = true;
  }
  if (last_ != nullptr) {
    auto it = std::find_if(described_.begin(), described_.end(),
                           [this](const auto& d) { return d.first == last_; });
    if (it == described_.end()) {
      described_.emplace_back(last_, labels);
    } else {
      it->second = labels;
    }
  }
  return labels;
}

namespace {

// Takes the InitPlans out of `e`'s subtree (children before their
// children, in order) into *out.
void TakeInitPlans(ExplainEntry* e, std::vector<std::unique_ptr<ExplainEntry>>* out) {
  auto& children = e->children;
  for (auto it = children.begin(); it != children.end();) {
    TakeInitPlans(it->get(), out);
    if ((*it)->plan_label.empty()) {
      ++it;
    } else {
      out->push_back(std::move(*it));
      it = children.erase(it);
    }
  }
}

}  // namespace

void ExplainWriter::HoistInitPlans() {
  if (root_ == nullptr) return;
  std::vector<std::unique_ptr<ExplainEntry>> init_plans;
  TakeInitPlans(root_.get(), &init_plans);
  auto& children = root_->children;
  children.insert(children.begin(), std::make_move_iterator(init_plans.begin()),
                  std::make_move_iterator(init_plans.end()));
}

const ExplainLabels* ExplainWriter::LabelsOf(const ExplainEntry* e) const {
  for (const auto& [entry, labels] : described_) {
    if (entry == e) return &labels;
  }
  return nullptr;
}

ExplainLabels ExplainWriter::Refs(const ExplainLabels& labels) {
  ExplainLabels out;
  out.reserve(labels.size());
  for (const std::string& l : labels) out.push_back(Ref(l));
  return out;
}

ExplainLabels ExplainWriter::Bares(const ExplainLabels& labels) {
  ExplainLabels out;
  out.reserve(labels.size());
  for (const std::string& l : labels) out.push_back(Bare(l));
  return out;
}

void ExplainWriter::SetOutput(ExplainEntry* e, const ExplainLabels& texts) const {
  if (!options_.verbose || e == nullptr) return;
  std::string text;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i > 0) text += ", ";
    text += Bare(texts[i]);
  }
  // An empty target list prints no Output line (show_plan_tlist).
  auto& props = e->properties;
  for (auto it = props.begin(); it != props.end(); ++it) {
    if (it->first != "Output") continue;
    if (texts.empty()) {
      props.erase(it);
    } else {
      it->second = std::move(text);
    }
    return;
  }
  if (!texts.empty()) props.emplace_back("Output", std::move(text));
}

bool ExplainWriter::RestorePhysicalOutput(ExplainEntry* e) const {
  for (const auto& [entry, physical] : scan_physical_) {
    if (entry == e) {
      SetOutput(e, physical);
      return true;
    }
  }
  return false;
}

bool ExplainWriter::ShowsPhysicalOutput(const ExplainEntry* e) const {
  for (const auto& [entry, physical] : scan_physical_) {
    if (entry != e) continue;
    std::string text;
    for (size_t i = 0; i < physical.size(); ++i) text += (i > 0 ? ", " : "") + Bare(physical[i]);
    for (const auto& [label, value] : e->properties) {
      if (label == "Output") return value == text;
    }
    return physical.empty();
  }
  return false;
}

bool ExplainWriter::ProjectionCapable(const ExplainEntry& e) {
  const std::string& n = e.name;
  return !(n == "Sort" || n == "Limit" || n == "Unique" || n == "Append" || n == "Hash" ||
           n == "LockRows" || n.rfind("Insert on", 0) == 0 || n.rfind("Update on", 0) == 0 ||
           n.rfind("Delete on", 0) == 0);
}

bool ExplainWriter::IsJoin(const ExplainEntry* e) const {
  for (const JoinOutputs& j : joins_) {
    if (j.join == e) return true;
  }
  return false;
}

std::vector<int> ExplainWriter::ColumnSlots(const BoundExpr& e) const {
  // Deparse over labels that are slot numbers between two marker bytes and
  // read them back: the deparser is the one walk over expressions here.
  constexpr char kOpen = '\x02', kClose = '\x03';
  ExplainLabels tokens;
  const size_t n = FromLabels().size() + 64;
  for (size_t i = 0; i < n; ++i) tokens.push_back(kOpen + std::to_string(i) + kClose);
  const std::string text = Deparse(e, tokens);
  std::vector<int> slots;
  for (size_t at = text.find(kOpen); at != std::string::npos; at = text.find(kOpen, at + 1)) {
    const size_t end = text.find(kClose, at);
    if (end == std::string::npos) break;
    const int slot = std::stoi(text.substr(at + 1, end - at - 1));
    if (std::find(slots.begin(), slots.end(), slot) == slots.end()) slots.push_back(slot);
  }
  return slots;
}

void ExplainWriter::ApplyJoinOutputs(const ExplainEntry* top, const std::vector<int>& needed,
                                     bool set_top) const {
  if (!options_.verbose || !IsJoin(top)) return;
  auto add = [](std::vector<int>* to, const std::vector<int>& from) {
    for (int s : from) {
      if (std::find(to->begin(), to->end(), s) == to->end()) to->push_back(s);
    }
  };
  // The order columns are first mentioned in: select list, then the join
  // conditions from the lowest join up.
  for (int s : needed) {
    bool inside = false;
    for (const JoinOutputs& j : joins_) {
      inside |= s >= static_cast<int>(j.outer_begin) && s < static_cast<int>(j.inner_end);
    }
    if (!inside) {
      // A merged JOIN ... USING column: computed by our join, not a scan.
      throw SqlError(SqlState::kFeatureNotSupported,
                     "EXPLAIN VERBOSE of JOIN ... USING is not supported yet");
    }
  }
  std::vector<int> mentioned = needed;
  for (const JoinOutputs& j : joins_) add(&mentioned, j.qual_slots);
  const ExplainLabels& labels = FromLabels();
  auto texts = [&](const std::vector<int>& slots) {
    ExplainLabels out;
    for (int s : slots) {
      out.push_back(s >= 0 && static_cast<size_t>(s) < labels.size() ? labels[static_cast<size_t>(s)]
                                                                       : "?");
    }
    return out;
  };
  auto in_range = [&](size_t begin, size_t end) {
    std::vector<int> out;
    for (int s : mentioned) {
      if (s >= static_cast<int>(begin) && s < static_cast<int>(end)) out.push_back(s);
    }
    return out;
  };
  // Each side's columns in order; joins bottom up, so a join's sides are
  // known before it.
  std::vector<std::pair<const ExplainEntry*, std::vector<int>>> order;
  auto order_of = [&](const ExplainEntry* e, size_t begin, size_t end) {
    for (const auto& [entry, slots] : order) {
      if (entry == e) return slots;
    }
    return in_range(begin, end);
  };
  for (size_t i = 0; i < joins_.size(); ++i) {
    const JoinOutputs& j = joins_[i];
    // What the nodes above this join use.
    std::vector<int> above = needed;
    for (size_t k = i + 1; k < joins_.size(); ++k) add(&above, joins_[k].qual_slots);
    std::vector<int> own;
    const std::vector<int> outer = order_of(j.outer, j.outer_begin, j.outer_end);
    const std::vector<int> inner = order_of(j.inner, j.inner_begin, j.inner_end);
    // An outer scan returns all its columns (PostgreSQL's physical target
    // list: createplan.c asks only the inner side for a small one).
    if (!IsJoin(j.outer)) {
      std::vector<int> all;
      for (size_t k = j.outer_begin; k < j.outer_end && k < labels.size(); ++k) {
        if (!labels[k].empty()) all.push_back(static_cast<int>(k));
      }
      SetOutput(j.outer, texts(all));
    }
    if (!IsJoin(j.inner)) SetOutput(j.inner, texts(inner));
    if (j.hash != nullptr) SetOutput(j.hash, texts(inner));
    for (const std::vector<int>* side : {&outer, &inner}) {
      for (int s : *side) {
        if (std::find(above.begin(), above.end(), s) != above.end()) own.push_back(s);
      }
    }
    if (j.join != top || set_top) SetOutput(j.join, texts(own));
    order.emplace_back(j.join, std::move(own));
  }
}

void CopyOutputLines(const ExplainEntry& from, ExplainEntry* to) {
  for (const auto& p : from.properties) {
    if (p.first != "Output") continue;
    for (auto& q : to->properties) {
      if (q.first == "Output") q.second = p.second;
    }
  }
  for (size_t i = 0; i < from.children.size() && i < to->children.size(); ++i) {
    CopyOutputLines(*from.children[i], to->children[i].get());
  }
}

std::string FormatExplainMs(double ms) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.3f", ms);
  return buf;
}

void ExplainWriter::RenderEntry(const ExplainEntry& e, int indent, bool child,
                                std::vector<std::string>* out) const {
  std::string line(static_cast<size_t>(indent), ' ');
  int name_col = indent;
  if (child) {
    line += "->  ";
    name_col += 4;
  }
  line += e.name;
  char buf[160];
  if (options_.costs) {
    std::snprintf(buf, sizeof(buf), "  (cost=%.2f..%.2f rows=%.0f width=%d)", e.startup_cost,
                  e.total_cost, e.rows, e.width);
    line += buf;
  }
  if (options_.analyze) {
    if (!e.has_actual || e.loops == 0) {
      line += " (never executed)";
    } else {
      const double loops = static_cast<double>(e.loops);
      if (options_.timing) {
        std::snprintf(buf, sizeof(buf), " (actual time=%.3f..%.3f rows=%.0f loops=%.0f)",
                      e.actual_first_ms / loops, e.actual_total_ms / loops,
                      static_cast<double>(e.actual_rows) / loops, loops);
      } else {
        std::snprintf(buf, sizeof(buf), " (actual rows=%.0f loops=%.0f)",
                      static_cast<double>(e.actual_rows) / loops, loops);
      }
      line += buf;
    }
  }
  out->push_back(std::move(line));
  const std::string pad(static_cast<size_t>(name_col + 2), ' ');
  // VERBOSE's Output line comes first (explain.c: show_plan_tlist).
  for (const auto& [label, text] : e.properties) {
    if (label == "Output") out->push_back(pad + label + ": " + text);
  }
  for (const auto& [label, text] : e.properties) {
    if (label != "Output") out->push_back(pad + label + ": " + text);
  }
  if (options_.analyze && options_.buffers && e.has_buffers) {
    // PostgreSQL prints the parts that are not zero, and no line when all are.
    if (e.blocks_hit > 0 || e.blocks_read > 0) {
      std::string text = pad + "Buffers: shared";
      if (e.blocks_hit > 0) text += " hit=" + std::to_string(e.blocks_hit);
      if (e.blocks_read > 0) text += " read=" + std::to_string(e.blocks_read);
      out->push_back(std::move(text));
    }
    if (e.sstables > 0 || e.bloom_skips > 0) {
      out->push_back(pad + "LSM: sstables=" + std::to_string(e.sstables) +
                     " bloom skips=" + std::to_string(e.bloom_skips));
    }
  }
  for (const auto& c : e.children) {
    if (c->plan_label.empty()) {
      RenderEntry(*c, name_col + 2, true, out);
    } else {
      out->push_back(pad + c->plan_label);
      RenderEntry(*c, name_col + 4, true, out);
    }
  }
}

std::vector<std::string> ExplainWriter::Render() const {
  std::vector<std::string> out;
  if (root_) RenderEntry(*root_, 0, false, &out);
  return out;
}

namespace {

// How format_type prints a type in a cast (arrays as "integer[]").
// A constant's type label (format_type_with_typemod): a bpchar without a
// length is "bpchar" -- "character" would mean character(1).
std::string CastTypeName(const DataType& t) {
  if (t.oid == type_oid::kBpchar && t.typmod < 0) return "bpchar";
  return FormatType(t);
}

bool LooksNumeric(const std::string& s) {
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'e' && c != 'E' &&
        c != '+' && c != '-') {
      return false;
    }
  }
  return true;
}

// get_const_expr: the literal, with ::type unless it reads back as it.
std::string DeparseConstant(const Value& v, const DataType& type) {
  if (v.is_null()) return "NULL::" + CastTypeName(type);
  std::string text;
  try {
    text = OutputValue(v);
  } catch (const SqlError&) {
    return "?";
  }
  switch (type.oid) {
    case type_oid::kInt4:
      if (LooksNumeric(text)) return text;
      break;
    case type_oid::kNumeric:
      // A float-looking literal prints unquoted, with its type only when
      // that has a typmod (it reads back as plain numeric).
      if (LooksNumeric(text) && text.find_first_of(".eE") != std::string::npos) {
        return type.typmod < 0 ? text : text + "::" + CastTypeName(type);
      }
      break;
    case type_oid::kBool:
      return text == "t" ? "true" : "false";
    case type_oid::kUnknown:
      return QuoteLiteralText(text);
    default:
      break;
  }
  return QuoteLiteralText(text) + "::" + CastTypeName(type);
}

// A constant, or casts of one (all folded into one constant by the planner).
bool IsConstantCast(const BoundExpr& e) {
  switch (e.kind()) {
    case BoundExprKind::kConstant:
      return true;
    case BoundExprKind::kCast:
      return IsConstantCast(static_cast<const BoundCast&>(e).arg());
    case BoundExprKind::kTypmodCoercion:
      return IsConstantCast(static_cast<const BoundTypmodCoercion&>(e).arg());
    default:
      return false;
  }
}

// Whether an operator declared (decl, other_decl) takes an operand of type
// `actual` beside one of `other`: the same type, or the range operators'
// anyrange / anymultirange with a range or multirange, and their
// anyelement beside one.
bool TakesOperand(Oid decl, Oid actual, Oid other_decl, Oid other) {
  if (decl == actual) return true;
  const auto range_operand = [](Oid d, Oid a) {
    return (d == type_oid::kAnyRange && IsRangeType(a)) ||
           (d == type_oid::kAnyMultirange && IsMultirangeType(a));
  };
  if (range_operand(decl, actual)) return true;
  return decl == type_oid::kAnyElement && range_operand(other_decl, other);
}

const PgOperator* OperatorOf(const BoundFunctionCall& call) {
  if (call.function() == nullptr) return nullptr;
  const auto& args = call.args();
  for (const PgOperator& op : AllOperators()) {
    if (op.proname != call.function()->name) continue;
    if (args.size() == 2 && op.kind == 'b' &&
        TakesOperand(op.left, args[0]->type().oid, op.right, args[1]->type().oid) &&
        TakesOperand(op.right, args[1]->type().oid, op.left, args[0]->type().oid)) {
      return &op;
    }
    if (args.size() == 1 && op.kind == 'l' && op.right == args[0]->type().oid) return &op;
  }
  return nullptr;
}

// Whether the planner folds `e` to one constant (eval_const_expressions):
// constants, casts of them, array constructors of them and immutable
// built-ins over them.
bool FoldsToConstant(const BoundExpr& e) {
  switch (e.kind()) {
    case BoundExprKind::kConstant:
      return true;
    case BoundExprKind::kCast:
      return FoldsToConstant(static_cast<const BoundCast&>(e).arg());
    case BoundExprKind::kTypmodCoercion:
      return FoldsToConstant(static_cast<const BoundTypmodCoercion&>(e).arg());
    case BoundExprKind::kArrayCoerce:
      return FoldsToConstant(static_cast<const BoundArrayCoerce&>(e).arg());
    case BoundExprKind::kArrayConstructor: {
      for (const BoundExprPtr& el : static_cast<const BoundArrayConstructor&>(e).elements()) {
        if (!FoldsToConstant(*el)) return false;
      }
      return true;
    }
    case BoundExprKind::kFunctionCall: {
      const auto& call = static_cast<const BoundFunctionCall&>(e);
      if (call.function() == nullptr || !IsImmutableBuiltin(call.function()->name)) return false;
      for (const BoundExprPtr& arg : call.args()) {
        if (!FoldsToConstant(*arg)) return false;
      }
      return true;
    }
    case BoundExprKind::kMinMax: {
      for (const BoundExprPtr& arg : static_cast<const BoundMinMax&>(e).args()) {
        if (!FoldsToConstant(*arg)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

// CURRENT_USER and its kin as ruleutils prints a SQLValueFunction.
std::string SqlValueFunctionText(const std::string& name) {
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

// The name of the binary operator implemented by `fn` ("=" if none).
std::string BinaryOperatorName(const BuiltinFunction* fn) {
  if (fn != nullptr) {
    for (const PgOperator& o : AllOperators()) {
      if (o.proname == fn->name && o.kind == 'b') return std::string(o.name);
    }
  }
  return "=";
}

class Deparser {
 public:
  explicit Deparser(const ExplainLabels& labels) : labels_(labels) {}

  std::string Expr(const BoundExpr& e) {
    if ((e.kind() == BoundExprKind::kFunctionCall || e.kind() == BoundExprKind::kMinMax ||
         e.kind() == BoundExprKind::kArrayConstructor ||
         e.kind() == BoundExprKind::kArrayCoerce) &&
        FoldsToConstant(e)) {
      // Shown as the constant the planner folds it to; an error there
      // (division by zero) was raised while planning, so it cannot be
      // reached here except through a path that did not plan: show the call.
      try {
        EvalContext ctx;
        return DeparseConstant(e.Evaluate(ctx), e.type());
      } catch (const SqlError&) {
      }
    }
    switch (e.kind()) {
      case BoundExprKind::kColumnRef: {
        const int slot = static_cast<const BoundColumnRef&>(e).slot();
        if (slot >= 0 && static_cast<size_t>(slot) < labels_.size() &&
            !labels_[static_cast<size_t>(slot)].empty()) {
          return ExplainWriter::Ref(labels_[static_cast<size_t>(slot)]);
        }
        return "$" + std::to_string(slot);
      }
      case BoundExprKind::kConstant: {
        const auto& c = static_cast<const BoundConstant&>(e);
        return DeparseConstant(c.value(), c.type());
      }
      case BoundExprKind::kParam:
        return "$" + std::to_string(static_cast<const BoundParam&>(e).number());
      case BoundExprKind::kFunctionCall: {
        const auto& call = static_cast<const BoundFunctionCall&>(e);
        if (call.sql_value_function()) return SqlValueFunctionText(call.called_as());
        if (!call.called_as().empty()) {
          return viewdef::QuoteIdentifier(call.called_as()) + "(" + List(call.args()) + ")";
        }
        if (const PgOperator* op = OperatorOf(call)) {
          if (call.args().size() == 2) {
            return "(" + Expr(*call.args()[0]) + " " + std::string(op->name) + " " +
                   Expr(*call.args()[1]) + ")";
          }
          return "(" + std::string(op->name) + " " + Expr(*call.args()[0]) + ")";
        }
        std::string out =
            call.function() != nullptr ? std::string(SqlFunctionName(call.function())) : "?";
        out += "(";
        for (size_t i = 0; i < call.args().size(); ++i) {
          if (i > 0) out += ", ";
          out += Expr(*call.args()[i]);
        }
        return out + ")";
      }
      case BoundExprKind::kUserFunctionCall: {
        // A user-defined function: its name and arguments (ruleutils'
        // get_func_expr; the name unqualified, as found on search_path).
        const auto& call = static_cast<const BoundUserFunctionCall&>(e);
        return QuoteIdentText(call.function().name) + "(" + List(call.args()) + ")";
      }
      case BoundExprKind::kCast:
      case BoundExprKind::kTypmodCoercion: {
        const BoundExpr& arg = e.kind() == BoundExprKind::kCast
                                   ? static_cast<const BoundCast&>(e).arg()
                                   : static_cast<const BoundTypmodCoercion&>(e).arg();
        if (IsConstantCast(arg)) {
          // The planner folds a cast of a constant into a constant.
          try {
            EvalContext ctx;
            return DeparseConstant(e.Evaluate(ctx), e.type());
          } catch (const SqlError&) {
          }
        }
        return "(" + Expr(arg) + ")::" + CastTypeName(e.type());
      }
      case BoundExprKind::kBoolOp: {
        const auto& op = static_cast<const BoundBoolOp&>(e);
        if (op.op() == BoundBoolOp::Op::kNot) return "(NOT " + Expr(*op.args()[0]) + ")";
        const char* word = op.op() == BoundBoolOp::Op::kAnd ? " AND " : " OR ";
        std::string out = "(";
        for (size_t i = 0; i < op.args().size(); ++i) {
          if (i > 0) out += word;
          out += Expr(*op.args()[i]);
        }
        return out + ")";
      }
      case BoundExprKind::kNullTest: {
        const auto& t = static_cast<const BoundNullTest&>(e);
        return "(" + Expr(t.arg()) + (t.is_not_null() ? " IS NOT NULL)" : " IS NULL)");
      }
      case BoundExprKind::kBooleanTest: {
        const auto& t = static_cast<const BoundBooleanTest&>(e);
        const char* what = "";
        switch (t.test()) {
          case BoundBooleanTest::Test::kIsTrue: what = " IS TRUE"; break;
          case BoundBooleanTest::Test::kIsNotTrue: what = " IS NOT TRUE"; break;
          case BoundBooleanTest::Test::kIsFalse: what = " IS FALSE"; break;
          case BoundBooleanTest::Test::kIsNotFalse: what = " IS NOT FALSE"; break;
          case BoundBooleanTest::Test::kIsUnknown: what = " IS UNKNOWN"; break;
          case BoundBooleanTest::Test::kIsNotUnknown: what = " IS NOT UNKNOWN"; break;
        }
        return "(" + Expr(t.arg()) + what + ")";
      }
      case BoundExprKind::kCoalesce:
        return "COALESCE(" + List(static_cast<const BoundCoalesce&>(e).args()) + ")";
      case BoundExprKind::kMinMax: {
        const auto& m = static_cast<const BoundMinMax&>(e);
        return std::string(m.is_greatest() ? "GREATEST(" : "LEAST(") + List(m.args()) + ")";
      }
      case BoundExprKind::kNullIf: {
        const auto& n = static_cast<const BoundNullIf&>(e);
        return "NULLIF(" + Expr(n.left()) + ", " + Expr(n.right()) + ")";
      }
      case BoundExprKind::kDistinct: {
        const auto& d = static_cast<const BoundDistinct&>(e);
        const std::string inner = "(" + Expr(d.left()) + " IS DISTINCT FROM " + Expr(d.right()) + ")";
        return d.is_not_distinct() ? "(NOT " + inner + ")" : inner;
      }
      case BoundExprKind::kCase: {
        const auto& c = static_cast<const BoundCase&>(e);
        std::string out = "CASE";
        if (c.arg() != nullptr) out += " " + Expr(*c.arg());
        for (const BoundCaseWhen& w : c.whens()) {
          out += " WHEN " + Expr(*w.condition) + " THEN " + Expr(*w.result);
        }
        out += " ELSE " + Expr(c.default_result()) + " END";
        return out;
      }
      case BoundExprKind::kCaseTest:
        return "CASE_TEST_EXPR";
      case BoundExprKind::kArrayAnyAll: {
        const auto& a = static_cast<const BoundArrayAnyAll&>(e);
        return "(" + Expr(a.left()) + " " + BinaryOperatorName(a.op()) +
               (a.use_or() ? " ANY (" : " ALL (") + Expr(a.array()) + "))";
      }
      case BoundExprKind::kArrayConstructor:
        return "ARRAY[" + List(static_cast<const BoundArrayConstructor&>(e).elements()) + "]";
      case BoundExprKind::kArrayCoerce:
        return "(" + Expr(static_cast<const BoundArrayCoerce&>(e).arg()) + ")::" +
               CastTypeName(e.type());
      case BoundExprKind::kScalarArrayOp: {
        const auto& s = static_cast<const BoundScalarArrayOp&>(e);
        const std::string op = BinaryOperatorName(s.op());
        // PostgreSQL folds the list into one array constant.
        bool constant = true;
        std::string array = "{";
        Oid element = s.elements().empty() ? type_oid::kText : s.elements()[0]->type().oid;
        for (size_t i = 0; i < s.elements().size(); ++i) {
          const BoundExpr& el = *s.elements()[i];
          if (el.kind() != BoundExprKind::kConstant) {
            constant = false;
            break;
          }
          const Value& v = static_cast<const BoundConstant&>(el).value();
          if (i > 0) array += ",";
          array += v.is_null() ? "NULL" : OutputValue(v);
        }
        array += "}";
        std::string rhs;
        if (constant) {
          rhs = QuoteLiteralText(array) + "::" + CastTypeName(DataType{element, -1}) + "[]";
        } else {
          rhs = "ARRAY[" + List(s.elements()) + "]";
        }
        return "(" + Expr(s.left()) + " " + op + (s.use_or() ? " ANY (" : " ALL (") + rhs + "))";
      }
      default:
        return "?";
    }
  }

 private:
  std::string List(const std::vector<BoundExprPtr>& args) {
    std::string out;
    for (size_t i = 0; i < args.size(); ++i) {
      if (i > 0) out += ", ";
      out += Expr(*args[i]);
    }
    return out;
  }

  const ExplainLabels& labels_;
};

}  // namespace

std::string ExplainWriter::Deparse(const BoundExpr& e, const ExplainLabels& labels) const {
  return Deparser(labels).Expr(e);
}

namespace {

bool HasBtreeEquality(Oid type) {
  try {
    KeyColumn probe(type);
    (void)probe;
    return type != type_oid::kJson;
  } catch (const SqlError&) {
    return false;
  }
}

// `expression = constant` (or the reverse) with a btree equality operator
// over a non-constant side: what process_equivalence takes into an
// equivalence class.
bool IsConstantEquality(const BoundExpr& e) {
  if (e.kind() != BoundExprKind::kFunctionCall) return false;
  const auto& call = static_cast<const BoundFunctionCall&>(e);
  const PgOperator* op = OperatorOf(call);
  if (op == nullptr || std::string_view(op->name) != "=" || call.args().size() != 2) return false;
  const BoundExpr& l = *call.args()[0];
  const BoundExpr& r = *call.args()[1];
  if (!HasBtreeEquality(l.type().oid) || !HasBtreeEquality(r.type().oid)) return false;
  auto constant = [](const BoundExpr& x) {
    return x.kind() == BoundExprKind::kConstant || x.kind() == BoundExprKind::kParam ||
           IsConstantCast(x);
  };
  return constant(l) != constant(r);
}

}  // namespace

std::string ExplainWriter::DeparseScanQual(const BoundExpr& e, const ExplainLabels& labels) const {
  if (e.kind() != BoundExprKind::kBoolOp ||
      static_cast<const BoundBoolOp&>(e).op() != BoundBoolOp::Op::kAnd) {
    return Deparse(e, labels);
  }
  std::vector<const BoundExpr*> conjuncts;
  for (const auto& arg : static_cast<const BoundBoolOp&>(e).args()) conjuncts.push_back(arg.get());
  return DeparseScanQual(conjuncts, labels);
}

std::string ExplainWriter::DeparseScanQual(const std::vector<const BoundExpr*>& conjuncts,
                                           const ExplainLabels& labels) const {
  if (conjuncts.size() == 1) return Deparse(*conjuncts[0], labels);
  std::vector<std::string> plain, equalities;
  Deparser d(labels);
  for (const BoundExpr* arg : conjuncts) {
    (IsConstantEquality(*arg) ? equalities : plain).push_back(d.Expr(*arg));
  }
  plain.insert(plain.end(), equalities.begin(), equalities.end());
  std::string out = "(";
  for (size_t i = 0; i < plain.size(); ++i) out += (i > 0 ? " AND " : "") + plain[i];
  return out + ")";
}

}  // namespace strata::sql
