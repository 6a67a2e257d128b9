// jsonpath_out: a parsed path in PostgreSQL 15's canonical text. Keys and
// strings are printed quoted (escape_json), `lax` is left out, operators get
// spaces, and an operand is parenthesized when its operator binds no tighter
// than the one it sits under ("(1 + 2) * 3", "$ - -1", "-($ + 1)"); a whole
// expression at the top is parenthesized too ("($ + 1)"), and a number with
// an accessor after it ("(1.2).type()").
#include <string>

#include "sql/json/jsonb.h"
#include "sql/json/jsonpath.h"

namespace strata::sql::json {

namespace {

int Priority(JpKind kind) {
  switch (kind) {
    case JpKind::kOr:
      return 0;
    case JpKind::kAnd:
      return 1;
    case JpKind::kEqual:
    case JpKind::kNotEqual:
    case JpKind::kLess:
    case JpKind::kLessOrEqual:
    case JpKind::kGreater:
    case JpKind::kGreaterOrEqual:
    case JpKind::kStartsWith:
      return 2;
    case JpKind::kAdd:
    case JpKind::kSub:
      return 3;
    case JpKind::kMul:
    case JpKind::kDiv:
    case JpKind::kMod:
      return 4;
    case JpKind::kPlus:
    case JpKind::kMinus:
      return 5;
    default:
      return 6;
  }
}

const char* OperatorText(JpKind kind) {
  switch (kind) {
    case JpKind::kOr: return "||";
    case JpKind::kAnd: return "&&";
    case JpKind::kEqual: return "==";
    case JpKind::kNotEqual: return "!=";
    case JpKind::kLess: return "<";
    case JpKind::kLessOrEqual: return "<=";
    case JpKind::kGreater: return ">";
    case JpKind::kGreaterOrEqual: return ">=";
    case JpKind::kStartsWith: return "starts with";
    case JpKind::kAdd: return "+";
    case JpKind::kSub: return "-";
    case JpKind::kMul: return "*";
    case JpKind::kDiv: return "/";
    case JpKind::kMod: return "%";
    default: return "";
  }
}

void Print(std::string* out, const JpItem& item, bool in_key, bool brackets) {
  const auto operand = [&](const JpItem& arg) {
    Print(out, arg, false, Priority(arg.kind) <= Priority(item.kind));
  };
  switch (item.kind) {
    case JpKind::kAnd:
    case JpKind::kOr:
    case JpKind::kEqual:
    case JpKind::kNotEqual:
    case JpKind::kLess:
    case JpKind::kLessOrEqual:
    case JpKind::kGreater:
    case JpKind::kGreaterOrEqual:
    case JpKind::kAdd:
    case JpKind::kSub:
    case JpKind::kMul:
    case JpKind::kDiv:
    case JpKind::kMod:
    case JpKind::kStartsWith:
      if (brackets) out->push_back('(');
      operand(*item.left);
      out->push_back(' ');
      out->append(OperatorText(item.kind));
      out->push_back(' ');
      operand(*item.right);
      if (brackets) out->push_back(')');
      break;
    case JpKind::kLikeRegex:
      if (brackets) out->push_back('(');
      operand(*item.left);
      out->append(" like_regex ");
      AppendJsonString(out, item.text);
      if (item.flags != 0) {
        out->append(" flag \"");
        if (item.flags & kRegexICase) out->push_back('i');
        if (item.flags & kRegexDotAll) out->push_back('s');
        if (item.flags & kRegexMLine) out->push_back('m');
        if (item.flags & kRegexWSpace) out->push_back('x');
        if (item.flags & kRegexQuote) out->push_back('q');
        out->push_back('"');
      }
      if (brackets) out->push_back(')');
      break;
    case JpKind::kPlus:
    case JpKind::kMinus:
      if (brackets) out->push_back('(');
      out->push_back(item.kind == JpKind::kPlus ? '+' : '-');
      operand(*item.left);
      if (brackets) out->push_back(')');
      break;
    case JpKind::kFilter:
      out->append("?(");
      Print(out, *item.left, false, false);
      out->push_back(')');
      break;
    case JpKind::kNot:
      out->append("!(");
      Print(out, *item.left, false, false);
      out->push_back(')');
      break;
    case JpKind::kIsUnknown:
      out->push_back('(');
      Print(out, *item.left, false, false);
      out->append(") is unknown");
      break;
    case JpKind::kExists:
      out->append("exists (");
      Print(out, *item.left, false, false);
      out->push_back(')');
      break;
    case JpKind::kCurrent:
      out->push_back('@');
      break;
    case JpKind::kRoot:
      out->push_back('$');
      break;
    case JpKind::kLast:
      out->append("last");
      break;
    case JpKind::kString:
      AppendJsonString(out, item.text);
      break;
    case JpKind::kVariable:
      out->push_back('$');
      AppendJsonString(out, item.text);
      break;
    case JpKind::kKey:
      if (in_key) out->push_back('.');
      AppendJsonString(out, item.text);
      break;
    case JpKind::kNumeric:
      if (item.next != nullptr) out->push_back('(');
      out->append(item.text);
      if (item.next != nullptr) out->push_back(')');
      break;
    case JpKind::kBool:
      out->append(item.bool_value ? "true" : "false");
      break;
    case JpKind::kNull:
      out->append("null");
      break;
    case JpKind::kAnyArray:
      out->append("[*]");
      break;
    case JpKind::kAnyKey:
      if (in_key) out->push_back('.');
      out->push_back('*');
      break;
    case JpKind::kIndexArray:
      out->push_back('[');
      for (size_t i = 0; i < item.subscripts.size(); ++i) {
        if (i > 0) out->push_back(',');
        Print(out, *item.subscripts[i].from, false, false);
        if (item.subscripts[i].to != nullptr) {
          out->append(" to ");
          Print(out, *item.subscripts[i].to, false, false);
        }
      }
      out->push_back(']');
      break;
    case JpKind::kAny: {
      if (in_key) out->push_back('.');
      const auto level = [](uint32_t v) {
        return v == kAnyLast ? std::string("last") : std::to_string(v);
      };
      if (item.first == 0 && item.last == kAnyLast) {
        out->append("**");
      } else if (item.first == item.last) {
        out->append("**{" + level(item.first) + "}");
      } else {
        out->append("**{" + level(item.first) + " to " + level(item.last) + "}");
      }
      break;
    }
    case JpKind::kType: out->append(".type()"); break;
    case JpKind::kSize: out->append(".size()"); break;
    case JpKind::kDouble: out->append(".double()"); break;
    case JpKind::kCeiling: out->append(".ceiling()"); break;
    case JpKind::kFloor: out->append(".floor()"); break;
    case JpKind::kAbs: out->append(".abs()"); break;
    case JpKind::kKeyValue: out->append(".keyvalue()"); break;
    case JpKind::kDatetime:
      out->append(".datetime(");
      if (item.left != nullptr) Print(out, *item.left, false, false);
      out->push_back(')');
      break;
  }
  if (item.next != nullptr) Print(out, *item.next, true, true);
}

}  // namespace

std::string PrintJsonPath(const JsonPath& path) {
  std::string out;
  if (path.strict) out.append("strict ");
  Print(&out, *path.root, false, true);
  return out;
}

}  // namespace strata::sql::json
