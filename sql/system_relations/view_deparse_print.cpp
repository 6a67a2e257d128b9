// Prints the view deparser's typed tree (view_deparse_tree.h) in the layout
// of PostgreSQL 15's ruleutils.c: both of pg_get_viewdef's forms indent
// (PRETTYFLAG_INDENT); the pretty form also drops the parentheses that the
// plain form puts around every operator and boolean expression, keeping only
// those precedence needs (isSimpleNode's rules).
//
// Layout rules reproduced here: each SELECT level indents by 8; a clause
// keyword starts a new line at (level - 8) plus its own offset (FROM 2,
// WHERE/GROUP BY/ORDER BY 1, HAVING/LIMIT/OFFSET 0, JOIN 4); select-list and
// FROM-list items after the first go on a new line at (level - 8) + 4 once
// the line would pass the wrap column; a new line first drops trailing spaces.
#include <algorithm>
#include <cctype>

#include "sql/builtin/type_table.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/view_deparse_tree.h"

namespace strata::sql::viewdef {

namespace {

constexpr int kIndentStd = 8;   // PRETTYINDENT_STD
constexpr int kIndentJoin = 4;  // PRETTYINDENT_JOIN
constexpr int kIndentVar = 4;   // PRETTYINDENT_VAR

std::string Quote(const std::string& s) { return QuoteIdentifier(s); }

// format_type_with_typemod(): bpchar without a length stays "bpchar"
// (plain "character" would read back as character(1)).
std::string TypeName(DataType type) {
  if (type.oid == type_oid::kBpchar && type.typmod < 0) return "bpchar";
  if (type.oid == 1560 && type.typmod < 0) return "\"bit\"";  // plain bit is bit(1)
  return FormatType(type);
}

void RemoveTrailingSpaces(std::string* s) {
  while (!s->empty() && s->back() == ' ') s->pop_back();
}

// A binary operator's name when it is one character (PostgreSQL's
// get_simple_binary_op_name), else empty.
std::string SimpleBinaryOp(const Node& n) {
  if (n.kind != NodeKind::kOp || n.args.size() != 2 || n.name.size() != 1) return "";
  return n.name;
}

// varchar <-> text coercions are binary (RelabelType); the others functions.
bool IsRelabel(const Node& n) {
  if (n.kind != NodeKind::kCast) return false;
  const Oid from = n.args[0]->type.oid;
  const Oid to = n.type.oid;
  return (from == type_oid::kVarchar && (to == type_oid::kText || to == type_oid::kBpchar)) ||
         (from == type_oid::kText && to == type_oid::kVarchar);
}

bool IsBoolNode(NodeKind k) {
  return k == NodeKind::kAnd || k == NodeKind::kOr || k == NodeKind::kNot;
}

bool IsFunctionCast(const Node& n);

// isSimpleNode(): whether `node` needs no parentheses under `parent` in
// the pretty form.
bool IsSimple(const Node& node, const Node& parent) {
  switch (node.kind) {
    case NodeKind::kVar:
    case NodeKind::kConst:
    case NodeKind::kFunc:
    case NodeKind::kCoalesce:
    case NodeKind::kSqlValue:
    case NodeKind::kArray:
    case NodeKind::kCase:
      return true;
    case NodeKind::kCast:
      // A function cast is function-like; an I/O or binary one as simple as
      // its argument.
      return IsFunctionCast(node) ? true : IsSimple(*node.args[0], node);
    case NodeKind::kOp:
      if (parent.kind == NodeKind::kOp) {
        const std::string op = SimpleBinaryOp(node);
        const std::string parent_op = SimpleBinaryOp(parent);
        if (op.empty() || parent_op.empty()) return false;
        const bool lo = op == "+" || op == "-";
        const bool hi = op == "*" || op == "/" || op == "%";
        const bool parent_lo = parent_op == "+" || parent_op == "-";
        const bool parent_hi = parent_op == "*" || parent_op == "/" || parent_op == "%";
        if (!(lo || hi) || !(parent_lo || parent_hi)) return false;
        if (hi && parent_lo) return true;
        if (lo && parent_hi) return false;
        // Same priority: (a - b) - c needs none, a - (b - c) does.
        return parent.args[0].get() == &node;
      }
      [[fallthrough]];
    case NodeKind::kNullTest:
    case NodeKind::kBoolTest:
    case NodeKind::kSubLink:
    case NodeKind::kDistinct:
      switch (parent.kind) {
        case NodeKind::kAnd:
        case NodeKind::kOr:
        case NodeKind::kNot:
        case NodeKind::kFunc:
        case NodeKind::kCoalesce:
        case NodeKind::kCase:
        case NodeKind::kArray:
          return true;
        default:
          return false;
      }
    case NodeKind::kAnd:
    case NodeKind::kOr:
    case NodeKind::kNot:
      if (IsBoolNode(parent.kind)) {
        if (node.kind == NodeKind::kOr) return parent.kind == NodeKind::kOr;
        return parent.kind == NodeKind::kAnd || parent.kind == NodeKind::kOr;
      }
      switch (parent.kind) {
        case NodeKind::kFunc:
        case NodeKind::kCoalesce:
        case NodeKind::kCase:
        case NodeKind::kArray:
          return true;
        default:
          return false;
      }
    case NodeKind::kArrayOp:
      return false;
  }
  return false;
}

// Whether a cast is a function call in PostgreSQL's tree (FuncExpr): those
// with a length/precision, between numeric types, bpchar to text. The
// others are I/O conversions (to or from a string type) or binary
// (varchar <-> text).
bool IsFunctionCast(const Node& n) {
  if (n.kind != NodeKind::kCast) return false;
  if (n.type.typmod >= 0) return true;
  if (IsRelabel(n)) return false;
  const Oid from = n.args[0]->type.oid;
  const Oid to = n.type.oid;
  if (from == type_oid::kBpchar && to == type_oid::kText) return true;
  auto is_string = [](Oid o) {
    return o == type_oid::kText || o == type_oid::kVarchar || o == type_oid::kBpchar;
  };
  return !is_string(from) && !is_string(to);
}

class Printer {
 public:
  Printer(const catalog::CatalogSnapshot& catalog, bool pretty, int wrap_column,
          bool qualify_columns = true)
      : catalog_(catalog),
        pretty_paren_(pretty),
        wrap_column_(wrap_column),
        qualify_columns_(qualify_columns) {}

  // deparse_expression(): one expression, its top-level implicit cast hidden.
  void TopExpr(const Node& n) { Expr(n, false); }

  // get_query_def(): `q` at indentation `indent`, into buf_.
  // `col_names_visible` false (a subquery expression, the right input of a
  // set operation): a column named ?column? needs no AS.
  void QueryDef(const Query& q, const std::vector<std::string>* result_names, int indent,
                bool col_names_visible = true) {
    const int saved = indent_;
    const bool saved_visible = col_names_visible_;
    indent_ = indent;
    col_names_visible_ = col_names_visible;
    SelectQuery(q, result_names);
    indent_ = saved;
    col_names_visible_ = saved_visible;
  }

  std::string* buf_ = nullptr;

 private:
  void Keyword(const std::string& str, int before, int after, int plus) {
    indent_ += before;
    RemoveTrailingSpaces(buf_);
    buf_->push_back('\n');
    buf_->append(static_cast<size_t>(std::max(indent_, 0) + plus), ' ');
    buf_->append(str);
    indent_ += after;
    if (indent_ < 0) indent_ = 0;
  }

  void SelectQuery(const Query& q, const std::vector<std::string>* result_names) {
    if (!q.ctes.empty()) WithClause(q);
    if (!q.set_op.empty()) {
      SetOpQuery(q, result_names);
    } else {
      BasicSelect(q, result_names);
    }
    if (!q.sort.empty()) {
      Keyword(" ORDER BY ", -kIndentStd, kIndentStd, 1);
      const char* sep = "";
      for (const SortItem& s : q.sort) {
        buf_->append(sep);
        if (s.colno > 0) {
          buf_->append(std::to_string(s.colno));
        } else {
          SortGroupExpr(*s.expr);
        }
        if (s.descending) {
          buf_->append(" DESC");
          if (s.nulls == 2) buf_->append(" NULLS LAST");
        } else if (s.nulls == 1) {
          buf_->append(" NULLS FIRST");
        }
        sep = ", ";
      }
    }
    if (q.offset) {
      Keyword(" OFFSET ", -kIndentStd, kIndentStd, 0);
      Expr(*q.offset, false);
    }
    if (q.limit && q.limit_with_ties) {
      // The standard spelling; the count always parenthesized.
      Keyword(" FETCH FIRST ", -kIndentStd, kIndentStd, 0);
      buf_->push_back('(');
      Expr(*q.limit, false);
      buf_->append(") ROWS WITH TIES");
    } else if (q.limit) {
      Keyword(" LIMIT ", -kIndentStd, kIndentStd, 0);
      if (q.limit->kind == NodeKind::kConst && q.limit->is_null) {
        buf_->append("ALL");
      } else {
        Expr(*q.limit, false);
      }
    }
  }

  void WithClause(const Query& q) {
    indent_ += kIndentStd;
    buf_->push_back(' ');
    const char* sep = q.recursive ? "WITH RECURSIVE " : "WITH ";
    for (const Cte& cte : q.ctes) {
      buf_->append(sep);
      buf_->append(Quote(cte.name));
      if (!cte.column_aliases.empty()) {
        buf_->push_back('(');
        for (size_t i = 0; i < cte.column_aliases.size(); ++i) {
          if (i > 0) buf_->append(", ");
          buf_->append(Quote(cte.column_aliases[i]));
        }
        buf_->push_back(')');
      }
      buf_->append(" AS (");
      Keyword("", 0, 0, 0);
      QueryDef(*cte.query, nullptr, indent_);
      Keyword("", 0, 0, 0);
      buf_->push_back(')');
      sep = ", ";
    }
    indent_ -= kIndentStd;
    Keyword("", 0, 0, 0);
  }

  // get_setop_query(): parentheses flag a change of operator on the left
  // and always surround a set operation on the right.
  void SetOpQuery(const Query& q, const std::vector<std::string>* result_names) {
    if (q.set_op.empty()) {
      QueryDef(q, result_names, indent_, col_names_visible_);
      return;
    }
    const Query& l = *q.larg;
    bool need_paren = !l.set_op.empty() && !(l.set_op == q.set_op && l.set_all == q.set_all);
    int subindent = 0;
    if (need_paren) {
      buf_->push_back('(');
      subindent = kIndentStd;
      Keyword("", subindent, 0, 0);
    }
    SetOpQuery(l, result_names);
    if (need_paren) {
      Keyword(") ", -subindent, 0, 0);
    } else {
      Keyword("", -subindent, 0, 0);
    }
    buf_->append(q.set_op + " ");
    if (q.set_all) buf_->append("ALL ");
    need_paren = !q.rarg->set_op.empty();
    subindent = 0;
    if (need_paren) {
      buf_->push_back('(');
      subindent = kIndentStd;
    }
    Keyword("", subindent, 0, 0);
    const bool saved_visible = col_names_visible_;
    col_names_visible_ = false;
    SetOpQuery(*q.rarg, result_names);
    col_names_visible_ = saved_visible;
    indent_ -= subindent;
    if (need_paren) Keyword(")", 0, 0, 0);
  }

  void BasicSelect(const Query& q, const std::vector<std::string>* result_names) {
    indent_ += kIndentStd;
    buf_->push_back(' ');
    buf_->append("SELECT");
    if (q.distinct) buf_->append(" DISTINCT");
    TargetList(q, result_names);
    FromClause(q);
    if (q.where) {
      Keyword(" WHERE ", -kIndentStd, kIndentStd, 1);
      Expr(*q.where, false);
    }
    if (!q.group_by.empty()) {
      Keyword(" GROUP BY ", -kIndentStd, kIndentStd, 1);
      const char* sep = "";
      for (const NodePtr& g : q.group_by) {
        buf_->append(sep);
        SortGroupExpr(*g);
        sep = ", ";
      }
    }
    if (q.having) {
      Keyword(" HAVING ", -kIndentStd, kIndentStd, 0);
      Expr(*q.having, false);
    }
  }

  // Appends `item` (printed apart) after a separator, breaking the line as
  // get_target_list / get_from_clause do. Returns whether it spans lines.
  void AppendWrapped(const std::string& item, bool first, bool* last_was_multiline) {
    if (!item.empty() && item[0] == '\n') {
      RemoveTrailingSpaces(buf_);
    } else {
      const size_t nl = buf_->rfind('\n');
      const size_t line = nl == std::string::npos ? buf_->size() : buf_->size() - nl - 1;
      if (!first && (static_cast<int>(line + item.size()) > wrap_column_ ||
                     (last_was_multiline != nullptr && *last_was_multiline))) {
        Keyword("", -kIndentStd, kIndentStd, kIndentVar);
      }
    }
    if (last_was_multiline != nullptr) {
      const size_t start = !item.empty() && item[0] == '\n' ? 1 : 0;
      *last_was_multiline = item.find('\n', start) != std::string::npos;
    }
    buf_->append(item);
  }

  void TargetList(const Query& q, const std::vector<std::string>* result_names) {
    const char* sep = " ";
    bool last_was_multiline = false;
    for (size_t i = 0; i < q.targets.size(); ++i) {
      const Target& t = q.targets[i];
      buf_->append(sep);
      sep = ", ";
      std::string item;
      std::string* outer = buf_;
      buf_ = &item;
      Expr(*t.expr, true);
      const std::string* attname = t.expr->kind == NodeKind::kVar ? &t.expr->name : nullptr;
      const std::string& colname =
          result_names != nullptr && i < result_names->size() ? (*result_names)[i] : t.name;
      if ((attname == nullptr || *attname != colname) &&
          (col_names_visible_ || colname != "?column?")) {
        item.append(" AS " + Quote(colname));
      }
      buf_ = outer;
      AppendWrapped(item, i == 0, &last_was_multiline);
    }
  }

  void FromClause(const Query& q) {
    for (size_t i = 0; i < q.from.size(); ++i) {
      if (i == 0) {
        Keyword(" FROM ", -kIndentStd, kIndentStd, 2);
        FromItem(q.from[i]);
        continue;
      }
      buf_->append(", ");
      std::string item;
      std::string* outer = buf_;
      buf_ = &item;
      FromItem(q.from[i]);
      buf_ = outer;
      AppendWrapped(item, false, nullptr);
    }
  }

  void FromItem(const FromNode& f) {
    switch (f.kind) {
      case FromNode::Kind::kRelation:
        if (f.relation_oid != 0 && !RelationIsVisible(catalog_, f.relation_oid)) {
          buf_->append(Quote(f.schema) + ".");
        }
        buf_->append(Quote(f.name));
        if (!f.alias.empty()) buf_->append(" " + Quote(f.alias));
        return;
      case FromNode::Kind::kSubquery:
        buf_->push_back('(');
        QueryDef(*f.subquery, nullptr, indent_);
        buf_->push_back(')');
        buf_->append(" " + Quote(f.alias));
        return;
      case FromNode::Kind::kJoin:
        if (!pretty_paren_) buf_->push_back('(');
        FromItem(*f.left);
        Keyword(" " + f.join_keyword + " ", -kIndentStd, kIndentStd, kIndentJoin);
        FromItem(*f.right);
        if (!f.using_columns.empty()) {
          buf_->append(" USING (");
          for (size_t i = 0; i < f.using_columns.size(); ++i) {
            if (i > 0) buf_->append(", ");
            buf_->append(Quote(f.using_columns[i]));
          }
          buf_->push_back(')');
        } else if (f.on) {
          buf_->append(" ON ");
          if (!pretty_paren_) buf_->push_back('(');
          Expr(*f.on, false);
          if (!pretty_paren_) buf_->push_back(')');
        } else if (f.join_keyword != "CROSS JOIN") {
          buf_->append(" ON TRUE");
        }
        if (!pretty_paren_) buf_->push_back(')');
        return;
    }
  }

  // get_rule_sortgroupclause(): a constant shows its type; an expression
  // other than a column is parenthesized (in the plain form only a function
  // call, which has no parentheses of its own to re-parse as a position).
  void SortGroupExpr(const Node& n) {
    if (n.kind == NodeKind::kConst) {
      Const(n, 1);
    } else if (n.kind == NodeKind::kVar) {
      Expr(n, true);
    } else {
      const bool paren = pretty_paren_ || n.kind == NodeKind::kFunc || IsFunctionCast(n);
      if (paren) buf_->push_back('(');
      Expr(n, true);
      if (paren) buf_->push_back(')');
    }
  }

  void Paren(const Node& n, bool show_implicit, const Node& parent) {
    const bool paren = pretty_paren_ && !IsSimple(n, parent);
    if (paren) buf_->push_back('(');
    Expr(n, show_implicit);
    if (paren) buf_->push_back(')');
  }

  // get_const_expr(): showtype -1 never labels, 0 labels where the literal
  // alone would read back as another type, 1 always labels.
  void Const(const Node& n, int showtype) {
    const std::string type_name = TypeName(n.type);
    if (n.is_null) {
      buf_->append("NULL");
      if (showtype >= 0) buf_->append("::" + type_name);
      return;
    }
    bool needlabel = false;
    const std::string& v = n.text;
    switch (n.type.oid) {
      case type_oid::kInt4:
        if (!v.empty() && v[0] != '-') {
          buf_->append(v);
        } else {
          buf_->append("'" + v + "'");
          needlabel = true;
        }
        break;
      case type_oid::kNumeric:
        if (!v.empty() && std::isdigit(static_cast<unsigned char>(v[0])) &&
            v.find_first_of("eE.") != std::string::npos) {
          buf_->append(v);
        } else {
          buf_->append("'" + v + "'");
          needlabel = true;
        }
        break;
      case type_oid::kBool:
        buf_->append(v == "t" ? "true" : "false");
        break;
      default: {
        std::string quoted = "'";
        for (char c : v) {
          if (c == '\'') quoted.push_back('\'');
          quoted.push_back(c);
        }
        quoted.push_back('\'');
        buf_->append(quoted);
        break;
      }
    }
    if (showtype < 0) return;
    switch (n.type.oid) {
      case type_oid::kBool:
      case type_oid::kUnknown:
        needlabel = false;
        break;
      case type_oid::kInt4:
        break;
      case type_oid::kNumeric:
        needlabel = needlabel || n.type.typmod >= 0;
        break;
      default:
        needlabel = true;
        break;
    }
    if (needlabel || showtype > 0) buf_->append("::" + type_name);
  }

  void ExprList(const std::vector<NodePtr>& list, bool show_implicit) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) buf_->append(", ");
      Expr(*list[i], show_implicit);
    }
  }

  // get_rule_expr().
  void Expr(const Node& n, bool show_implicit) {
    switch (n.kind) {
      case NodeKind::kVar:
        // A lone relation's expressions (CHECK) name columns unqualified.
        if (qualify_columns_) buf_->append(Quote(n.refname) + ".");
        buf_->append(Quote(n.name));
        return;
      case NodeKind::kConst:
        Const(n, 0);
        return;
      case NodeKind::kOp:
        if (!pretty_paren_) buf_->push_back('(');
        if (n.args.size() == 2) {
          Paren(*n.args[0], true, n);
          buf_->append(" " + n.name + " ");
          Paren(*n.args[1], true, n);
        } else {
          buf_->append(n.name + " ");
          Paren(*n.args[0], true, n);
        }
        if (!pretty_paren_) buf_->push_back(')');
        return;
      case NodeKind::kFunc:
        buf_->append(Quote(n.name) + "(");
        if (n.agg_star) {
          buf_->push_back('*');
        } else {
          if (n.agg_distinct) buf_->append("DISTINCT ");
          ExprList(n.args, true);
        }
        buf_->push_back(')');
        return;
      case NodeKind::kCast:
        if (n.implicit && !show_implicit) {
          Paren(*n.args[0], false, n);
          return;
        }
        if (!pretty_paren_) buf_->push_back('(');
        Paren(*n.args[0], false, n);
        if (!pretty_paren_) buf_->push_back(')');
        buf_->append("::" + TypeName(n.type));
        return;
      case NodeKind::kAnd:
      case NodeKind::kOr: {
        if (!pretty_paren_) buf_->push_back('(');
        const char* sep = n.kind == NodeKind::kAnd ? " AND " : " OR ";
        for (size_t i = 0; i < n.args.size(); ++i) {
          if (i > 0) buf_->append(sep);
          Paren(*n.args[i], false, n);
        }
        if (!pretty_paren_) buf_->push_back(')');
        return;
      }
      case NodeKind::kNot:
        if (!pretty_paren_) buf_->push_back('(');
        buf_->append("NOT ");
        Paren(*n.args[0], false, n);
        if (!pretty_paren_) buf_->push_back(')');
        return;
      case NodeKind::kNullTest:
      case NodeKind::kBoolTest:
        if (!pretty_paren_) buf_->push_back('(');
        Paren(*n.args[0], n.kind == NodeKind::kNullTest, n);
        buf_->append(n.text);
        if (!pretty_paren_) buf_->push_back(')');
        return;
      case NodeKind::kCase:
        Keyword("CASE", 0, kIndentVar, 0);
        if (n.case_arg) {
          buf_->push_back(' ');
          Expr(*n.case_arg, true);
        }
        for (const auto& [cond, result] : n.whens) {
          Keyword("WHEN ", 0, 0, 0);
          Expr(*cond, false);
          buf_->append(" THEN ");
          Expr(*result, true);
        }
        Keyword("ELSE ", 0, 0, 0);
        Expr(*n.else_result, true);
        Keyword("END", -kIndentVar, 0, 0);
        return;
      case NodeKind::kCoalesce:
        buf_->append(n.name + "(");
        ExprList(n.args, true);
        buf_->push_back(')');
        return;
      case NodeKind::kSubLink: {
        buf_->push_back('(');
        bool need_paren = true;
        if (!n.args.empty()) Expr(*n.args[0], true);
        if (n.link == "EXISTS") {
          buf_->append("EXISTS ");
        } else if (n.link == "ANY") {
          buf_->append(n.name == "=" ? " IN " : " " + n.name + " ANY ");
        } else if (n.link == "ALL") {
          buf_->append(" " + n.name + " ALL ");
        } else {
          need_paren = false;
        }
        if (need_paren) buf_->push_back('(');
        QueryDef(*n.subquery, nullptr, indent_, false);
        buf_->append(need_paren ? "))" : ")");
        return;
      }
      case NodeKind::kArrayOp:
        if (!pretty_paren_) buf_->push_back('(');
        Paren(*n.args[0], true, n);
        buf_->append(" " + n.name + (n.use_or ? " ANY (" : " ALL ("));
        Paren(*n.args[1], true, n);
        buf_->push_back(')');
        if (!pretty_paren_) buf_->push_back(')');
        return;
      case NodeKind::kArray:
        buf_->append("ARRAY[");
        ExprList(n.args, true);
        buf_->push_back(']');
        return;
      case NodeKind::kSqlValue:
        buf_->append(n.name);
        return;
      case NodeKind::kDistinct:
        if (!pretty_paren_) buf_->push_back('(');
        Paren(*n.args[0], true, n);
        buf_->append(" IS DISTINCT FROM ");
        Paren(*n.args[1], true, n);
        if (!pretty_paren_) buf_->push_back(')');
        return;
    }
  }

  const catalog::CatalogSnapshot& catalog_;
  const bool pretty_paren_;
  const int wrap_column_;
  const bool qualify_columns_;
  int indent_ = 0;
  bool col_names_visible_ = true;
};

}  // namespace

std::string PrintViewQuery(const catalog::CatalogSnapshot& catalog, const Query& query,
                           const std::vector<std::string>& result_names, bool pretty,
                           int wrap_column) {
  std::string out;
  Printer printer(catalog, pretty, wrap_column);
  printer.buf_ = &out;
  printer.QueryDef(query, &result_names, 0);
  return out;
}

std::string PrintExpression(const catalog::CatalogSnapshot& catalog, const Node& expr,
                            bool pretty, bool qualify_columns) {
  std::string out;
  Printer printer(catalog, pretty, 0, qualify_columns);
  printer.buf_ = &out;
  printer.TopExpr(expr);
  return out;
}

}  // namespace strata::sql::viewdef
