// ExplainWriter (see explain_writer.h) and the expression deparser: the
// subset of PostgreSQL's ruleutils.c get_rule_expr that EXPLAIN output uses
// -- operators as "(a op b)", casts as "(x)::type", constants with their type
// unless the literal alone reads back as that type, AND/OR lists in one pair
// of parentheses.
#include "sql/executor/explain_writer.h"

#include <cctype>
#include <cstdio>

#include "sql/builtin/operator_table.h"
#include "sql/builtin/type_table.h"
#include "sql/executor/plan_node.h"
#include "sql/expr/sql_function.h"
#include "sql/expr/text_quote.h"
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
  last_ = open_.back();
  open_.pop_back();
}

void ExplainWriter::Property(std::string label, std::string text) {
  if (!open_.empty()) open_.back()->properties.emplace_back(std::move(label), std::move(text));
}

ExplainLabels ExplainWriter::Describe(const PlanNode& child) { return child.Describe(*this); }

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
  for (auto& p : e->properties) {
    if (p.first == "Output") {
      p.second = std::move(text);
      return;
    }
  }
  // An empty target list prints no Output line (show_plan_tlist).
  if (!texts.empty()) e->properties.emplace_back("Output", std::move(text));
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

bool ExplainWriter::ProjectionCapable(const ExplainEntry& e) {
  const std::string& n = e.name;
  return !(n == "Sort" || n == "Limit" || n == "Unique" || n == "Append" || n == "Hash" ||
           n == "LockRows" || n.rfind("Insert on", 0) == 0 || n.rfind("Update on", 0) == 0 ||
           n.rfind("Delete on", 0) == 0);
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
  for (const auto& c : e.children) RenderEntry(*c, name_col + 2, true, out);
}

std::vector<std::string> ExplainWriter::Render() const {
  std::vector<std::string> out;
  if (root_) RenderEntry(*root_, 0, false, &out);
  return out;
}

namespace {

// How format_type prints a type in a cast (arrays as "integer[]").
std::string CastTypeName(const DataType& t) {
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
      if (LooksNumeric(text) && text.find_first_of(".eE") != std::string::npos) return text;
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

const PgOperator* OperatorOf(const BoundFunctionCall& call) {
  if (call.function() == nullptr) return nullptr;
  const auto& args = call.args();
  for (const PgOperator& op : AllOperators()) {
    if (op.proname != call.function()->name) continue;
    if (args.size() == 2 && op.kind == 'b' && op.left == args[0]->type().oid &&
        op.right == args[1]->type().oid) {
      return &op;
    }
    if (args.size() == 1 && op.kind == 'l' && op.right == args[0]->type().oid) return &op;
  }
  return nullptr;
}

class Deparser {
 public:
  explicit Deparser(const ExplainLabels& labels) : labels_(labels) {}

  std::string Expr(const BoundExpr& e) {
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
      case BoundExprKind::kCast:
      case BoundExprKind::kTypmodCoercion: {
        const BoundExpr& arg = e.kind() == BoundExprKind::kCast
                                   ? static_cast<const BoundCast&>(e).arg()
                                   : static_cast<const BoundTypmodCoercion&>(e).arg();
        if (arg.kind() == BoundExprKind::kConstant) {
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
      case BoundExprKind::kScalarArrayOp: {
        const auto& s = static_cast<const BoundScalarArrayOp&>(e);
        std::string op = "=";
        if (s.op() != nullptr) {
          for (const PgOperator& o : AllOperators()) {
            if (o.proname == s.op()->name && o.kind == 'b') {
              op = std::string(o.name);
              break;
            }
          }
        }
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
          rhs = QuoteLiteralText(array) + "::" + FormatTypeName(element) + "[]";
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

}  // namespace strata::sql
